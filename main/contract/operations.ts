import type { z } from 'zod';
import { intakeOps } from './ops/intake.ts';
import { queueOps } from './ops/queue.ts';
import { displayOps } from './ops/display.ts';
import { supervisorOps } from './ops/supervisor.ts';
import { technicianOps } from './ops/technician.ts';
import { scanOps } from './ops/scan.ts';

// Every call between a screen and the core, written once. Both transports (Electron IPC through the preload,
// HTTP/WebSocket for browsers) are generated from this table, and the core dispatches only what is listed here.
// Each part of the product keeps its operations in its own file under ops/.

export const operations = {
  ...queueOps,
  ...intakeOps,
  ...supervisorOps,
  ...displayOps,
  ...technicianOps,
  ...scanOps,
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
export type OpParsedInput<K extends OpName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Operations[K]['output']>;

export const opNames = Object.keys(operations) as OpName[];

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}
