import type { CoreEvent } from '../../contract/events.ts';
import type { ScanEvent } from '../../../drivers/scanner/scan-event.ts';
import type { Clock } from '../util/clock.ts';
import { monitorView } from './monitor-mask.ts';

export type MonitorEvent = Extract<CoreEvent, { type: 'monitor' }>;

export const RAW_VIEW_MS = 2 * 60_000;

/**
 * The technician's live monitor. Every frame becomes a 'monitor' event for technician sockets only; masked
 * unless raw view is on, which a technician turns on explicitly and which ends by itself after two minutes.
 * Only masked entries are kept (the last `capacity`, in memory) for a page that opens later; raw content is
 * never stored and never logged.
 */
export function createDeviceMonitor(deps: { clock: Clock; emit: (e: MonitorEvent) => void; capacity?: number; rawWindowMs?: number }) {
  const capacity = deps.capacity ?? 50;
  const windowMs = deps.rawWindowMs ?? RAW_VIEW_MS;
  let rawUntil = 0;
  const recent: MonitorEvent[] = [];
  const rawOn = () => deps.clock.now().getTime() < rawUntil;

  const entry = (scan: ScanEvent, raw: boolean): MonitorEvent => {
    const view = monitorView(scan.payload, raw);
    return {
      type: 'monitor',
      deviceId: scan.deviceId,
      role: scan.role,
      at: scan.at,
      masked: !raw,
      text: view.text,
      hex: view.hex,
      bytes: view.bytes,
      outcome: scan.identity ? 'identity' : scan.error ? 'rejected' : 'text',
      // The field and the check that failed; the parser's message may quote the value, so it is left out.
      reason: scan.error ? `${scan.error.field}: ${scan.error.reason}` : null,
    };
  };

  return {
    record(scan: ScanEvent): void {
      const masked = entry(scan, false);
      recent.push(masked);
      if (recent.length > capacity) recent.splice(0, recent.length - capacity);
      deps.emit(rawOn() ? entry(scan, true) : masked);
    },
    setRaw(enabled: boolean): { rawUntil: string | null } {
      rawUntil = enabled ? deps.clock.now().getTime() + windowMs : 0;
      return this.state();
    },
    state(): { rawUntil: string | null } {
      return { rawUntil: rawOn() ? new Date(rawUntil).toISOString() : null };
    },
    recent(): MonitorEvent[] {
      return [...recent].reverse();
    },
  };
}
export type DeviceMonitor = ReturnType<typeof createDeviceMonitor>;
