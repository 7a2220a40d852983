import type { z } from 'zod';
import type { Role } from '../schemas.ts';

export interface OperationDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Who may call it. 'citizen' means anyone at the kiosk or on the LAN, without logging in. */
  roles: readonly Role[];
  http: { method: 'GET' | 'POST'; path: string };
  /** True when it changes state: written to the audit log when a staff member calls it. */
  mutates: boolean;
}

export function op<I extends z.ZodType, O extends z.ZodType>(def: OperationDef<I, O>): OperationDef<I, O> {
  return def;
}

export const staff = ['counter', 'supervisor'] as const;
export const supervisors = ['supervisor'] as const;
export const technicians = ['technician'] as const;
export const everyone = ['citizen', 'counter', 'supervisor', 'technician'] as const;
