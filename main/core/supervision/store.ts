import type { Database, Statement } from 'better-sqlite3';
import type { RatingLevel } from '../../contract/ops/supervisor.ts';

/** A ticket with what the oversight views need (snake_case mirrors migrations 001 and 004). */
export interface FactRow {
  id: number;
  day: string;
  number: string;
  service_id: string;
  counter_id: string | null;
  state: 'waiting' | 'called' | 'served' | 'no_show';
  issued_at: string;
  called_at: string | null;
  finished_at: string | null;
  estimated_wait_minutes: number | null;
  level: RatingLevel | null;
  staff: string | null;
  priority_status: 'unchecked' | 'confirmed' | 'rejected' | null;
}

export interface NoticeRow {
  id: number;
  text: string;
  created_at: string;
  expires_at: string;
}

/** Prepared statements for oversight (migration 004's tables, the settings table, read-only ticket facts). */
export function supervisionStore(db: Database) {
  const s = <T = unknown>(sql: string) => db.prepare(sql) as Statement<unknown[], T>;
  return {
    setting: s<{ value: string }>(`SELECT value FROM settings WHERE key = ?`),
    putSetting: s(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    quota: s<{ daily_quota: number | null }>(`SELECT daily_quota FROM quota_overrides WHERE service_id = ?`),
    putQuota: s(
      `INSERT INTO quota_overrides (service_id, daily_quota, updated_at, actor) VALUES (?, ?, ?, ?)
       ON CONFLICT (service_id) DO UPDATE SET daily_quota = excluded.daily_quota, updated_at = excluded.updated_at, actor = excluded.actor`,
    ),
    dropQuota: s(`DELETE FROM quota_overrides WHERE service_id = ?`),
    setEstimate: s(`UPDATE tickets SET estimated_wait_minutes = ? WHERE id = ? AND estimated_wait_minutes IS NULL`),
    // A supervisor's priority counts as checked (basis 'staff'); taking it away rejects any kiosk claim.
    setPriority: s(
      `UPDATE tickets SET priority = @priority, priority_claim = COALESCE(@priority, priority_claim),
       priority_basis = CASE WHEN @priority IS NULL THEN priority_basis ELSE 'staff' END,
       priority_status = CASE WHEN @priority IS NOT NULL THEN 'confirmed' WHEN priority_claim IS NULL THEN NULL ELSE 'rejected' END
       WHERE id = @id`,
    ),
    event: s(`INSERT INTO ticket_events (ticket_id, kind, at, counter_id, actor, detail) VALUES (?, ?, ?, ?, ?, ?)`),
    facts: s<FactRow>(
      `SELECT t.id, t.day, t.number, t.service_id, t.counter_id, t.state, t.issued_at, t.called_at, t.finished_at,
              t.estimated_wait_minutes, r.level, t.priority_status,
              (SELECT e.actor FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind IN ('served', 'no_show')
                ORDER BY e.id DESC LIMIT 1) AS staff
       FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
       WHERE t.day BETWEEN ? AND ? ORDER BY t.id`,
    ),
    /** The last moment something happened at a counter today (a call or a finish). */
    lastActivity: s<{ at: string | null }>(
      `SELECT nullif(max(max(coalesce(finished_at, ''), coalesce(called_at, ''))), '') AS at FROM tickets
       WHERE day = ? AND counter_id = ?`,
    ),
    counterRow: s<{ open: number; updated_at: string }>(`SELECT open, updated_at FROM counters WHERE id = ?`),
    lastServedAt: s<{ id: number; number: string; public_id: string; finished_at: string; level: RatingLevel | null }>(
      `SELECT t.id, t.number, t.public_id, t.finished_at, r.level FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
       WHERE t.day = ? AND t.counter_id = ? AND t.state = 'served' ORDER BY t.finished_at DESC, t.id DESC LIMIT 1`,
    ),
    ticketByPublicId: s<{ id: number; number: string; state: string; counter_id: string | null }>(
      `SELECT id, number, state, counter_id FROM tickets WHERE public_id = ?`,
    ),
    ratingOf: s<{ level: RatingLevel }>(`SELECT level FROM ratings WHERE ticket_id = ?`),
    insertRating: s(`INSERT INTO ratings (ticket_id, counter_id, level, at) VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING`),
    insertNotice: s(`INSERT INTO notices (text, created_at, expires_at, actor) VALUES (?, ?, ?, ?)`),
    activeNotices: s<NoticeRow>(`SELECT id, text, created_at, expires_at FROM notices WHERE expires_at > ? ORDER BY id`),
    endNotice: s(`UPDATE notices SET expires_at = ? WHERE id = ? AND expires_at > ?`),
    nextExpiry: s<{ at: string | null }>(`SELECT min(expires_at) AS at FROM notices WHERE expires_at > ?`),
  };
}
export type SupervisionStore = ReturnType<typeof supervisionStore>;
