import type { CoreEvent } from '../../contract/events.ts';
import type { DeviceStatus } from '../../contract/ops/supervisor.ts';

type DeviceEvent = Extract<CoreEvent, { type: 'device' }>;

/**
 * The latest state of every device, from the `device` events the drivers push, with since when it has been so
 * (a repeated report of the same state keeps the original "since"). Anything not `ready` is trouble.
 */
export function createDeviceTable(now: () => Date) {
  const table = new Map<string, DeviceStatus>();
  return {
    update(e: DeviceEvent): DeviceStatus {
      const at = now().toISOString();
      const prev = table.get(e.deviceId);
      const same = prev !== undefined && prev.state === e.state && prev.problems.join(',') === e.problems.join(',');
      const next: DeviceStatus = {
        deviceId: e.deviceId,
        role: e.role,
        state: e.state,
        problems: [...e.problems],
        message: e.message ?? null,
        trouble: e.state !== 'ready',
        since: same ? prev.since : at,
        updatedAt: at,
      };
      table.set(e.deviceId, next);
      return next;
    },
    /** Devices in trouble first, then by id. */
    list(): DeviceStatus[] {
      return [...table.values()].sort((a, b) => Number(b.trouble) - Number(a.trouble) || a.deviceId.localeCompare(b.deviceId));
    },
  };
}
