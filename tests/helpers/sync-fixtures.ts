import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DossierSubmissionInput } from '../../main/central/contract.ts';
import type { Migration } from '../../main/core/db/migration.ts';
import { migrate } from '../../main/core/db/open.ts';
import { migration001 } from '../../main/core/db/migrations/001-queue.ts';
import { migration003 } from '../../main/core/db/migrations/003-outbox.ts';

export const TEST_CLIENT = { id: 'kiosk-test', secret: 'test-secret-0123456789' } as const;

export function tempDir(prefix = 'letan-sync-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The kiosk's migrations up to the outbox. 002 (dossiers) belongs to the lead: use it when it exists, else a
 * no-op placeholder that keeps the numbering 1..n without gaps.
 */
export async function kioskMigrations(): Promise<Migration[]> {
  const file = new URL('../../main/core/db/migrations/002-dossiers.ts', import.meta.url);
  let m2: Migration = { version: 2, name: 'placeholder-for-tests', up() {} };
  if (existsSync(file)) {
    const mod = (await import(file.href)) as Record<string, unknown>;
    const found = Object.values(mod).find((v): v is Migration => typeof v === 'object' && v !== null && (v as Migration).version === 2);
    if (found) m2 = found;
  }
  return [migration001, m2, migration003];
}

/** A kiosk DB as the app opens it: WAL, FULL sync, migrated. */
export async function openKioskDb(file: string): Promise<Db> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, await kioskMigrations());
  return db;
}

/** A port that was free a moment ago, for a server that is "down" now and started later on that port. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A realistic dossier; fictitious person. */
export function makeDossier(i: number, overrides: Partial<DossierSubmissionInput> = {}): DossierSubmissionInput {
  const seq = String(i).padStart(5, '0');
  return {
    code: `000.00.12.H56-250102-${seq}`,
    procedureCode: '1.001612',
    applicant: {
      fullName: 'Nguyễn Thị Mẫu',
      idType: 'cccd',
      idNumber: `0011900${seq}`,
      dateOfBirth: '1958-03-14',
      phone: '0912345678',
      address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
    },
    documents: [
      { code: 'TK01', name: 'Tờ khai đăng ký thường trú', required: true, provided: true, originals: 1 },
      { code: 'CC02', name: 'Giấy tờ chứng minh chỗ ở hợp pháp', required: true, provided: true, copies: 1 },
    ],
    fee: { amount: 20000, currency: 'VND', paymentState: 'paid', method: 'qr', paidAt: '2025-01-02T08:31:00+07:00' },
    receivedAt: '2025-01-02T08:30:00+07:00',
    appointmentAt: '2025-01-09T14:00:00+07:00',
    delivery: { method: 'counter' },
    ocrFields: { 'ho_ten': 'NGUYỄN THỊ MẪU', 'so_cccd': `0011900${seq}` },
    kioskId: 'kiosk-01',
    ...overrides,
  };
}

/** Poll until `cond` holds (real time, for cross-process waits); throws with `what` after `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
