import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { enqueue, OutboxError, purgeDelivered, readBacklog, type AuditRecord } from '../../main/core/sync/outbox.ts';
import { makeDossier, openKioskDb, tempDir } from '../helpers/sync-fixtures.ts';

const T0 = Date.parse('2025-01-02T01:30:00Z');
let dirs: string[] = [];
let dbs: Database[] = [];
async function freshDb() {
  const dir = tempDir();
  dirs.push(dir);
  const db = await openKioskDb(join(dir, 'kiosk.sqlite'));
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs) db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  dbs = [];
});

const submit = (i: number) => ({ kind: 'submit_dossier' as const, aggregateCode: makeDossier(i).code, payload: makeDossier(i) });

describe('migration 003 (outbox)', () => {
  it('creates a STRICT outbox with the states, unique keys and indexes the sender relies on', async () => {
    const db = await freshDb();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const sql = db.prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'outbox'`).get()!.sql;
    expect(sql).toMatch(/\) STRICT$/);
    const cols = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('outbox')`).all().map((c) => c.name);
    expect(cols).toEqual(['id', 'kind', 'aggregate_code', 'idempotency_key', 'payload', 'state', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'delivered_at', 'result']);
    const ins = db.prepare(`INSERT INTO outbox (kind, aggregate_code, idempotency_key, payload, state, next_attempt_at, created_at) VALUES (?, 'C1', ?, ?, ?, 'x', 'x')`);
    expect(() => ins.run('submit_dossier', 'key-1', '{}', 'lost')).toThrow(/CHECK/);
    expect(() => ins.run('submit_dossier', 'key-2', 'not json', 'pending')).toThrow(/CHECK/);
    expect(() => ins.run('print', 'key-3', '{}', 'pending')).toThrow(/CHECK/);
    ins.run('submit_dossier', 'key-4', '{}', 'pending');
    expect(() => ins.run('submit_dossier', 'key-4', '{}', 'pending')).toThrow(/UNIQUE/);
    const idx = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all();
    expect(idx.map((i) => i.name)).toEqual(['outbox_aggregate', 'outbox_delivered', 'outbox_state']);
  });
});

describe('enqueue', () => {
  it('stores a validated payload, pending and due now, under a deterministic key', async () => {
    const db = await freshDb();
    const r = enqueue(db, submit(1), { now: T0 });
    expect(r.idempotencyKey).toBe(`submit_dossier:${makeDossier(1).code}`);
    const row = db.prepare<[], Record<string, unknown>>('SELECT * FROM outbox').get()!;
    expect(row).toMatchObject({ state: 'pending', attempts: 0, next_attempt_at: new Date(T0).toISOString(), kind: 'submit_dossier' });
    expect(JSON.parse(row.payload as string).code).toBe(makeDossier(1).code);
  });

  it('is atomic with the caller’s transaction: a failure after it leaves no entry', async () => {
    const db = await freshDb();
    db.exec('CREATE TABLE fake_dossiers (code TEXT PRIMARY KEY) STRICT');
    const write = db.transaction((i: number, fail: boolean) => {
      db.prepare('INSERT INTO fake_dossiers VALUES (?)').run(makeDossier(i).code);
      enqueue(db, submit(i), { now: T0 });
      if (fail) throw new Error('printer jammed');
    });
    write(1, false);
    expect(() => write(2, true)).toThrow('printer jammed');
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM fake_dossiers').get()).toEqual({ n: 1 });
  });

  it('rejects an invalid dossier with the field names, and a second enqueue of the same dossier', async () => {
    const db = await freshDb();
    const bad = { ...submit(1), payload: { ...makeDossier(1), procedureCode: '' } };
    const err = (() => {
      try {
        enqueue(db, bad);
      } catch (e) {
        return e as OutboxError;
      }
    })();
    expect(err).toBeInstanceOf(OutboxError);
    expect(err!.code).toBe('invalid');
    expect(err!.issues!.map((i) => i.path)).toEqual(['procedureCode']);
    expect(() => enqueue(db, { ...submit(1), aggregateCode: 'OTHER-CODE' })).toThrow(/differs from the dossier's code/);
    enqueue(db, submit(1));
    expect(() => enqueue(db, submit(1))).toThrow(expect.objectContaining({ code: 'duplicate' }));
  });

  it('disk full: fails with a clear error and loses nothing already queued', async () => {
    const db = await freshDb();
    for (let i = 1; i <= 5; i++) enqueue(db, submit(i), { now: T0 });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let err: unknown;
    for (let i = 6; i < 500 && err === undefined; i++) {
      try {
        enqueue(db, submit(i), { now: T0 });
      } catch (e) {
        err = e;
      }
    }
    expect(err).toBeInstanceOf(OutboxError);
    expect((err as OutboxError).code).toBe('disk_full');
    expect((err as Error).message).toMatch(/storage is full.*not saved.*queued before it is safe/);
    const rows = db.prepare<[], { aggregate_code: string }>('SELECT aggregate_code FROM outbox ORDER BY id').all();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.slice(0, 5).map((r) => r.aggregate_code)).toEqual([1, 2, 3, 4, 5].map((i) => makeDossier(i).code));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('readBacklog', () => {
  it('summarises pending, failures, the head’s error and timings', async () => {
    const db = await freshDb();
    expect(readBacklog(db)).toEqual({ pending: 0, failedPermanent: 0, oldestPendingAt: null, lastError: null, lastDeliveredAt: null, nextAttemptAt: null });
    for (let i = 1; i <= 4; i++) enqueue(db, submit(i), { now: T0 + i * 1000 });
    db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = '2025-01-02T02:00:00.000Z' WHERE id = 1`).run();
    db.prepare(`UPDATE outbox SET state = 'failed_permanent', last_error = 'rejected: 422' WHERE id = 2`).run();
    db.prepare(`UPDATE outbox SET last_error = 'network: ECONNREFUSED', next_attempt_at = '2025-01-02T03:00:00.000Z' WHERE id = 3`).run();
    expect(readBacklog(db)).toEqual({
      pending: 2,
      failedPermanent: 1,
      oldestPendingAt: new Date(T0 + 3000).toISOString(),
      lastError: 'network: ECONNREFUSED',
      lastDeliveredAt: '2025-01-02T02:00:00.000Z',
      nextAttemptAt: '2025-01-02T03:00:00.000Z',
    });
  });
});

describe('purgeDelivered', () => {
  it('purges only fully delivered dossiers past retention, with an audit record, atomically per dossier', async () => {
    const db = await freshDb();
    const day = 86_400_000;
    // 1: delivered 40 days ago (submission + attachment) → purge. 2: delivered 10 days ago → keep.
    // 3: submission delivered long ago but its attachment still pending → keep. 4: purge callback fails → keep whole.
    for (const i of [1, 2, 3, 4]) enqueue(db, submit(i), { now: T0 });
    const att = (i: number) => ({ kind: 'upload_attachment' as const, aggregateCode: makeDossier(i).code, payload: { name: 'scan.pdf', size: 10, sha256: 'a'.repeat(64) } });
    enqueue(db, att(1), { now: T0 });
    enqueue(db, att(3), { now: T0 });
    const deliver = db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = ?, result = ? WHERE aggregate_code = ? AND kind = ?`);
    const now = T0 + 60 * day;
    deliver.run(new Date(now - 41 * day).toISOString(), '{"centralId":"c-1"}', makeDossier(1).code, 'submit_dossier');
    deliver.run(new Date(now - 40 * day).toISOString(), '{"size":10}', makeDossier(1).code, 'upload_attachment');
    deliver.run(new Date(now - 10 * day).toISOString(), '{"centralId":"c-2"}', makeDossier(2).code, 'submit_dossier');
    deliver.run(new Date(now - 50 * day).toISOString(), '{"centralId":"c-3"}', makeDossier(3).code, 'submit_dossier');
    deliver.run(new Date(now - 50 * day).toISOString(), '{"centralId":"c-4"}', makeDossier(4).code, 'submit_dossier');

    const purgedByCallback: string[] = [];
    const audit: AuditRecord[] = [];
    const report = purgeDelivered(db, {
      retainDays: 30,
      now,
      purgeDossier(code) {
        purgedByCallback.push(code);
        if (code === makeDossier(4).code) throw new Error('dossier row locked');
      },
      audit: (r) => audit.push(r),
    });
    expect(report.purged).toEqual([makeDossier(1).code]);
    expect(report.failed).toEqual([{ code: makeDossier(4).code, error: 'dossier row locked' }]);
    expect(purgedByCallback).toEqual([makeDossier(1).code, makeDossier(4).code]);
    expect(audit).toEqual([
      {
        at: new Date(now).toISOString(),
        actor: 'system',
        role: 'system',
        action: 'sync.retention_purge',
        target: makeDossier(1).code,
        detail: JSON.stringify({ deliveredAt: new Date(now - 40 * day).toISOString(), centralId: 'c-1', retainDays: 30 }),
      },
    ]);
    // No personal data left behind for the purged dossier; the others are untouched.
    const left = db.prepare<[], { aggregate_code: string }>('SELECT DISTINCT aggregate_code FROM outbox ORDER BY aggregate_code').all();
    expect(left.map((r) => r.aggregate_code)).toEqual([2, 3, 4].map((i) => makeDossier(i).code));
    expect(purgeDelivered(db, { retainDays: 30, now, purgeDossier: () => {}, audit: () => {} }).purged).toEqual([makeDossier(4).code]);
  });

  it('rolls back the purge when the audit write fails', async () => {
    const db = await freshDb();
    enqueue(db, submit(1), { now: T0 });
    db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = ? WHERE id = 1`).run(new Date(T0).toISOString());
    const report = purgeDelivered(db, {
      retainDays: 0,
      now: T0 + 1,
      purgeDossier: () => {},
      audit: () => {
        throw new Error('audit log full');
      },
    });
    expect(report).toEqual({ purged: [], failed: [{ code: makeDossier(1).code, error: 'audit log full' }] });
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });
});
