import type { Migration } from '../migration.ts';

/**
 * The sync outbox: what must reach the central dossier system, written in the same transaction as the dossier,
 * delivered in id order by main/core/sync/sender.ts. Times are ISO 8601 UTC text (they sort as they compare).
 */
export const migration003: Migration = {
  version: 3,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('submit_dossier', 'upload_attachment')),
        aggregate_code TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed_permanent')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        result TEXT CHECK (result IS NULL OR json_valid(result))
      ) STRICT;
      CREATE INDEX outbox_state ON outbox (state, id);
      CREATE INDEX outbox_aggregate ON outbox (aggregate_code, id);
      CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE state = 'delivered';
    `);
  },
};
