import { IdentityParseError } from '../identity/errors.ts';
import { parseIdentity } from '../identity/parse.ts';
import type { Identity, ParseOptions } from '../identity/types.ts';
import type { DeviceRole, DeviceState, DeviceStatusEvent } from '../device/state.ts';

export interface ScanError {
  field: string;
  reason: string;
  /** Vietnamese, for the kiosk screen. */
  messageVi: string;
  message: string;
}

/** One read from a scanner: the payload and either the identity or why it is not one. */
export interface ScanEvent {
  deviceId: string;
  role: DeviceRole;
  payload: string;
  /** AIM symbology identifier when the transport reports it (HID POS), else null. */
  symbology: string | null;
  identity: Identity | null;
  error: ScanError | null;
  at: string;
}

export interface ScannerEvents {
  state: [DeviceStatusEvent];
  scan: [ScanEvent];
}

export interface ScannerDriver {
  readonly id: string;
  readonly role: DeviceRole;
  readonly state: DeviceState;
  start(): void;
  stop(): Promise<void>;
  on<K extends keyof ScannerEvents>(event: K, listener: (...args: ScannerEvents[K]) => void): this;
  off<K extends keyof ScannerEvents>(event: K, listener: (...args: ScannerEvents[K]) => void): this;
}

export type Parse = (payload: string, options?: ParseOptions) => Identity;

export function toScanEvent(
  deviceId: string,
  role: DeviceRole,
  payload: string,
  symbology: string | null,
  at: Date,
  parse: Parse = parseIdentity,
): ScanEvent {
  try {
    const identity = parse(payload);
    return { deviceId, role, payload, symbology, identity, error: null, at: at.toISOString() };
  } catch (e) {
    // Only our own parse error is an expected outcome; anything else is a bug and must surface.
    if (!(e instanceof IdentityParseError)) throw e;
    const error = { field: e.field, reason: e.reason, messageVi: e.messageVi, message: e.message };
    return { deviceId, role, payload, symbology, identity: null, error, at: at.toISOString() };
  }
}
