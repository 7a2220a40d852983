import type { Migration } from '../migration.ts';

/** Tickets, their per-day numbering, their history, counters, print jobs and the append-only audit log. */
export const migration001: Migration = {
  version: 1,
  name: 'queue',
  up(db) {
    db.exec(`
      -- Installation secrets (e.g. the salt that makes stored holder hashes useless outside this kiosk).
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ticket_sequences (
        day TEXT NOT NULL,
        prefix TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (day, prefix)
      ) STRICT;

      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        public_id TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        prefix TEXT NOT NULL,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        priority TEXT,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'served', 'no_show')),
        counter_id TEXT,
        target_counter_id TEXT,
        issued_at TEXT NOT NULL,
        called_at TEXT,
        finished_at TEXT,
        call_count INTEGER NOT NULL DEFAULT 0,
        holder_hash TEXT,
        UNIQUE (day, prefix, seq)
      ) STRICT;
      CREATE INDEX tickets_waiting ON tickets (day, state, service_id);

      CREATE TABLE ticket_events (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id),
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        counter_id TEXT,
        actor TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);

      CREATE TABLE counters (
        id TEXT PRIMARY KEY,
        open INTEGER NOT NULL,
        service_ids TEXT NOT NULL,
        staff TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER REFERENCES tickets (id),
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'printing', 'done', 'failed')),
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        origin TEXT
      ) STRICT;
      -- Append-only: the audit trail must not be rewritten, not even by the app itself.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
