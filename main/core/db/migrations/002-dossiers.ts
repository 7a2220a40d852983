import type { Migration } from '../migration.ts';

/**
 * Dossiers received at the kiosk, their per-day sequence (the XXXX of the dossier code) and their scanned
 * attachments. Personal data sits in `applicant` and `ocr_fields` only, so that retention can blank it.
 */
export const migration002: Migration = {
  version: 2,
  name: 'dossiers',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_sequences (
        unit_id TEXT NOT NULL,
        day TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (unit_id, day)
      ) STRICT;

      CREATE TABLE dossiers (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        access_token TEXT NOT NULL UNIQUE,
        procedure_id TEXT NOT NULL,
        procedure_code TEXT,
        procedure_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        appointment_at TEXT NOT NULL,
        processing_days INTEGER NOT NULL,
        applicant TEXT NOT NULL,
        documents TEXT NOT NULL,
        delivery TEXT NOT NULL,
        ocr_fields TEXT,
        fee_amount INTEGER NOT NULL,
        payment_state TEXT NOT NULL CHECK (payment_state IN ('unpaid', 'paid', 'exempt', 'at_counter')),
        vietqr TEXT,
        ticket_id INTEGER REFERENCES tickets (id),
        central_status TEXT,
        central_checked_at TEXT,
        purged_at TEXT
      ) STRICT;

      CREATE TABLE dossier_attachments (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        text TEXT,
        UNIQUE (dossier_id, name)
      ) STRICT;
    `);
  },
};
