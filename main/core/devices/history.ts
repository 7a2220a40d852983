import type { Database } from 'better-sqlite3';
import type { DeviceProblem, DeviceRole, DeviceState, DeviceStatusEvent } from '../../../drivers/device/state.ts';

export interface HistoryEntry {
  deviceId: string;
  role: DeviceRole;
  state: DeviceState['kind'];
  problems: DeviceProblem[];
  message: string | null;
  at: string;
}

interface Row {
  device_id: string;
  role: DeviceRole;
  state: DeviceState['kind'];
  problems: string;
  message: string | null;
  at: string;
}

const fromRow = (r: Row): HistoryEntry => ({
  deviceId: r.device_id,
  role: r.role,
  state: r.state,
  problems: JSON.parse(r.problems) as DeviceProblem[],
  message: r.message,
  at: r.at,
});

/** The rows of one device (or all), newest first; used by the core and by `letan diagnose` on a data dir. */
export function readDeviceHistory(db: Database, opts: { deviceId?: string; limit: number }): HistoryEntry[] {
  const rows = opts.deviceId
    ? db.prepare('SELECT * FROM device_history WHERE device_id = ? ORDER BY id DESC LIMIT ?').all(opts.deviceId, opts.limit)
    : db.prepare('SELECT * FROM device_history ORDER BY id DESC LIMIT ?').all(opts.limit);
  return (rows as Row[]).map(fromRow);
}

/** Each device's latest recorded entry (what it was doing when the core last saw it). */
export function latestPerDevice(db: Database): HistoryEntry[] {
  const rows = db
    .prepare('SELECT h.* FROM device_history h JOIN (SELECT device_id, MAX(id) AS id FROM device_history GROUP BY device_id) l ON h.id = l.id ORDER BY h.device_id')
    .all() as Row[];
  return rows.map(fromRow);
}

/**
 * Status history per device: a ring buffer in memory for the technician page (no query per look) and a table
 * so the story survives a restart and reaches a support bundle. The table keeps the last `keepRows` per device.
 */
export function createDeviceHistory(db: Database, opts: { capacity?: number; keepRows?: number } = {}) {
  const capacity = opts.capacity ?? 50;
  const keepRows = opts.keepRows ?? 1000;
  const rings = new Map<string, HistoryEntry[]>();
  const insert = db.prepare('INSERT INTO device_history (device_id, role, state, problems, message, at) VALUES (?, ?, ?, ?, ?, ?)');
  const prune = db.prepare(
    'DELETE FROM device_history WHERE device_id = ? AND id <= (SELECT id FROM device_history WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
  );

  const ringOf = (deviceId: string): HistoryEntry[] => {
    let ring = rings.get(deviceId);
    if (!ring) {
      // First look since start: what the table remembers from before.
      ring = readDeviceHistory(db, { deviceId, limit: capacity }).reverse();
      rings.set(deviceId, ring);
    }
    return ring;
  };

  return {
    record(e: DeviceStatusEvent, messageOverride?: string): HistoryEntry {
      const entry: HistoryEntry = {
        deviceId: e.deviceId,
        role: e.role,
        state: e.state.kind,
        problems: 'problems' in e.state ? e.state.problems : [],
        message: messageOverride ?? (e.state.kind === 'error' ? e.state.message : null),
        at: e.at,
      };
      const ring = ringOf(e.deviceId);
      ring.push(entry);
      if (ring.length > capacity) ring.splice(0, ring.length - capacity);
      if (db.open) {
        insert.run(entry.deviceId, entry.role, entry.state, JSON.stringify(entry.problems), entry.message, entry.at);
        prune.run(entry.deviceId, entry.deviceId, keepRows);
      }
      return entry;
    },
    /** Newest first. */
    recent(deviceId: string, limit = capacity): HistoryEntry[] {
      return ringOf(deviceId).slice(-limit).reverse();
    },
  };
}
export type DeviceHistory = ReturnType<typeof createDeviceHistory>;
