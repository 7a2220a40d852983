import type { Migration } from '../migration.ts';

/**
 * Device status history: one row per state change of a printer, scanner or reader, so a technician (and
 * `letan diagnose`) can see when a device went away and came back. No personal data: ids, states, problems.
 */
export const migration005: Migration = {
  version: 5,
  name: 'device-history',
  up(db) {
    db.exec(`
      CREATE TABLE device_history (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('ticket-printer', 'qr-scanner', 'mrz-reader', 'document-scanner')),
        state TEXT NOT NULL CHECK (state IN ('absent', 'connecting', 'ready', 'warning', 'error')),
        problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems)),
        message TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX device_history_device ON device_history (device_id, id);
    `);
  },
};
