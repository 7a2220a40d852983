import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Migration } from '../core/db/migration.ts';
import { openDatabase } from '../core/db/open.ts';

/** The reference central server's own schema: separate numbering from the kiosk's. */
export const centralMigration001: Migration = {
  version: 1,
  name: 'central-dossiers',
  up(db) {
    db.exec(`
      CREATE TABLE dossiers (
        id INTEGER PRIMARY KEY,
        central_id TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL UNIQUE,
        client_id TEXT NOT NULL,
        procedure_code TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        status TEXT NOT NULL CHECK (status IN ('received', 'processing', 'additional_info_required', 'done', 'returned', 'rejected')),
        payment_state TEXT NOT NULL CHECK (payment_state IN ('unpaid', 'paid', 'waived', 'refunded')),
        accepted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- The dedup record is written in the same transaction as the dossier; the response is replayed verbatim.
      CREATE TABLE idempotency_keys (
        client_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
        response TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (client_id, key)
      ) STRICT;

      CREATE TABLE attachments (
        dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
        name TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL,
        committed INTEGER NOT NULL CHECK (committed >= 0 AND committed <= size),
        complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (dossier_id, name)
      ) STRICT;

      CREATE TABLE attachment_chunks (
        dossier_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        offset INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (dossier_id, name, offset),
        FOREIGN KEY (dossier_id, name) REFERENCES attachments (dossier_id, name) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};

export const centralMigrations: readonly Migration[] = [centralMigration001];

export function openCentralDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  return openDatabase(join(dataDir, 'central.sqlite'), centralMigrations);
}
