import type { Database, Statement } from 'better-sqlite3';

/** A ticket row as stored (snake_case mirrors migration 001). */
export interface TicketRow {
  id: number;
  public_id: string;
  day: string;
  service_id: string;
  prefix: string;
  seq: number;
  number: string;
  priority: string | null;
  priority_claim: string | null;
  priority_basis: 'declared' | 'card-birth-date' | 'staff' | null;
  priority_status: 'unchecked' | 'confirmed' | 'rejected' | null;
  state: 'waiting' | 'called' | 'served' | 'no_show';
  counter_id: string | null;
  target_counter_id: string | null;
  issued_at: string;
  called_at: string | null;
  finished_at: string | null;
  call_count: number;
  holder_hash: string | null;
}

export interface CounterRow {
  id: string;
  open: number;
  service_ids: string;
  staff: string | null;
  updated_at: string;
}

/** Prepared statements for the queue, made once per database. */
export function ticketStore(db: Database) {
  const s = <T = unknown>(sql: string) => db.prepare(sql) as Statement<unknown[], T>;
  return {
    nextSeq: s<{ last: number }>(
      `INSERT INTO ticket_sequences (day, prefix, last) VALUES (?, ?, 1)
       ON CONFLICT (day, prefix) DO UPDATE SET last = last + 1 RETURNING last`,
    ),
    insert: s(
      `INSERT INTO tickets (public_id, day, service_id, prefix, seq, number, priority, priority_claim, priority_basis,
                            priority_status, state, issued_at, holder_hash)
       VALUES (@public_id, @day, @service_id, @prefix, @seq, @number, @priority, @priority, @priority_basis,
               CASE WHEN @priority IS NULL THEN NULL ELSE 'unchecked' END, 'waiting', @issued_at, @holder_hash)`,
    ),
    byId: s<TicketRow>(`SELECT * FROM tickets WHERE id = ?`),
    byPublicId: s<TicketRow>(`SELECT * FROM tickets WHERE public_id = ?`),
    countForService: s<{ n: number }>(`SELECT count(*) AS n FROM tickets WHERE day = ? AND service_id = ?`),
    activeForHolder: s<TicketRow>(
      `SELECT * FROM tickets WHERE day = ? AND service_id = ? AND holder_hash = ? AND state IN ('waiting', 'called') LIMIT 1`,
    ),
    waiting: s<TicketRow>(
      `SELECT * FROM tickets WHERE day = ? AND state = 'waiting'
       ORDER BY (priority IS NULL), (target_counter_id IS NULL), id`,
    ),
    nextForCounter: s<TicketRow>(
      `SELECT t.* FROM tickets t WHERE t.day = @day AND t.state = 'waiting'
         AND (t.target_counter_id = @counter
              OR (t.target_counter_id IS NULL AND t.service_id IN (SELECT value FROM json_each(@services))))
       ORDER BY (t.priority IS NULL), (t.target_counter_id IS NULL), t.id LIMIT 1`,
    ),
    currentAtCounter: s<TicketRow>(`SELECT * FROM tickets WHERE day = ? AND counter_id = ? AND state = 'called' ORDER BY called_at DESC LIMIT 1`),
    setCalled: s(
      `UPDATE tickets SET state = 'called', counter_id = @counter, called_at = @at, call_count = call_count + 1,
       target_counter_id = NULL WHERE id = @id`,
    ),
    setPriorityConfirmed: s(`UPDATE tickets SET priority_status = 'confirmed' WHERE id = ?`),
    // A rejected claim queues as an ordinary ticket in its issue order; if it was at a counter, it goes back.
    setPriorityRejected: s(
      `UPDATE tickets SET priority = NULL, priority_status = 'rejected', state = 'waiting', counter_id = NULL,
       called_at = NULL WHERE id = ?`,
    ),
    setFinished: s(`UPDATE tickets SET state = @state, finished_at = @at WHERE id = @id`),
    setTransferred: s(
      `UPDATE tickets SET state = 'waiting', service_id = @service, target_counter_id = @counter, counter_id = NULL,
       called_at = NULL, finished_at = NULL WHERE id = @id`,
    ),
    recentServiceMinutes: s<{ m: number }>(
      `SELECT (julianday(finished_at) - julianday(called_at)) * 1440 AS m FROM tickets
       WHERE day = ? AND service_id = ? AND state = 'served' AND called_at IS NOT NULL
       ORDER BY finished_at DESC LIMIT 20`,
    ),
    noShows: s<TicketRow>(`SELECT * FROM tickets WHERE day = ? AND state = 'no_show' ORDER BY finished_at DESC LIMIT 20`),
    recentCalls: s<TicketRow>(`SELECT * FROM tickets WHERE day = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT 8`),
    event: s(`INSERT INTO ticket_events (ticket_id, kind, at, counter_id, actor, detail) VALUES (?, ?, ?, ?, ?, ?)`),
    counter: s<CounterRow>(`SELECT * FROM counters WHERE id = ?`),
    upsertCounter: s(
      `INSERT INTO counters (id, open, service_ids, staff, updated_at) VALUES (@id, @open, @service_ids, @staff, @at)
       ON CONFLICT (id) DO UPDATE SET open = @open, service_ids = @service_ids, staff = @staff, updated_at = @at`,
    ),
    forgetOldHolders: s(`UPDATE tickets SET holder_hash = NULL WHERE day < ? AND holder_hash IS NOT NULL`),
    setting: s<{ value: string }>(`SELECT value FROM settings WHERE key = ?`),
    putSetting: s(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`),
    lastPrintJob: s<{ id: number; state: string }>(`SELECT id, state FROM print_jobs WHERE ticket_id = ? AND kind = 'ticket' ORDER BY id DESC LIMIT 1`),
    insertPrintJob: s(`INSERT INTO print_jobs (ticket_id, kind, state, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)`),
    setPrintJob: s(`UPDATE print_jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?`),
    failInterruptedPrintJobs: s(
      `UPDATE print_jobs SET state = 'failed', error = 'interrupted by restart', updated_at = ? WHERE state IN ('pending', 'printing')`,
    ),
  };
}
export type TicketStore = ReturnType<typeof ticketStore>;
