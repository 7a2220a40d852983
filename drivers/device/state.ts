// Device state is an explicit union, pushed as events; never polled out of a global.
export type DeviceRole = 'ticket-printer' | 'qr-scanner' | 'mrz-reader' | 'document-scanner';

export type DeviceProblem =
  | 'paper-near-end'
  | 'paper-out'
  | 'cover-open'
  | 'offline'
  | 'error'
  | 'jam'
  | 'feeder-empty'
  | 'unplugged';

export type DeviceState =
  | { kind: 'absent' } // configured but not found
  | { kind: 'connecting' }
  | { kind: 'ready' }
  | { kind: 'warning'; problems: DeviceProblem[] } // still works (e.g. paper near end)
  | { kind: 'error'; problems: DeviceProblem[]; message: string }; // cannot work until fixed

export interface DeviceStatusEvent {
  deviceId: string;
  role: DeviceRole;
  state: DeviceState;
  at: string; // ISO time
}
