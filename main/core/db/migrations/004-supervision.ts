import type { Migration } from '../migration.ts';

/**
 * Staff oversight: the wait estimate each ticket was given (to measure how good estimates are), supervisor
 * overrides of the daily quota, citizens' satisfaction ratings (one per ticket) and hall notices with expiry.
 * Supervisor settings (opening hours, voice) live in the `settings` table from 001 as JSON values.
 */
export const migration004: Migration = {
  version: 4,
  name: 'supervision',
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN estimated_wait_minutes INTEGER;

      CREATE TABLE quota_overrides (
        service_id TEXT PRIMARY KEY,
        -- NULL: no limit at all, whatever the config says.
        daily_quota INTEGER CHECK (daily_quota IS NULL OR daily_quota >= 0),
        updated_at TEXT NOT NULL,
        actor TEXT
      ) STRICT;

      CREATE TABLE ratings (
        ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
        counter_id TEXT,
        level TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied')),
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ratings_at ON ratings (at);

      CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        actor TEXT
      ) STRICT;
      CREATE INDEX notices_expiry ON notices (expires_at);
      CREATE INDEX tickets_day ON tickets (day, service_id);
    `);
  },
};
