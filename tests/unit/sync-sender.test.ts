import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AttachmentProgress, DossierStatus, DossierSubmissionInput, SubmitResult } from '../../main/central/contract.ts';
import { PermanentCentralError, RetryableCentralError, type CentralSystem } from '../../main/core/sync/adapter.ts';
import { manualClock } from '../../main/core/sync/clock.ts';
import { enqueue } from '../../main/core/sync/outbox.ts';
import { createOutboxSender, type OutboxChange } from '../../main/core/sync/sender.ts';
import { makeDossier, openKioskDb, tempDir } from '../helpers/sync-fixtures.ts';

const T0 = Date.parse('2025-01-02T01:30:00Z');
let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});
async function freshDb(): Promise<Database> {
  const dir = tempDir();
  const db = await openKioskDb(join(dir, 'kiosk.sqlite'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => void db.close());
  return db;
}

type Script = (call: { code: string; key: string; n: number }) => Error | undefined;

/** A CentralSystem that records calls, checks no transaction is open during them, and fails on script. */
function fakeCentral(db: Database, script: Script = () => undefined) {
  const calls: { op: string; code: string; key?: string; inTx: boolean }[] = [];
  let n = 0;
  const central: CentralSystem = {
    async submitDossier(p: DossierSubmissionInput, key: string): Promise<SubmitResult & { replayed: boolean }> {
      calls.push({ op: 'submit', code: p.code, key, inTx: db.inTransaction });
      await Promise.resolve();
      const err = script({ code: p.code, key, n: n++ });
      if (err) throw err;
      return { centralId: `c-${p.code}`, code: p.code, status: 'received', acceptedAt: '2025-01-02T01:30:00.000Z', replayed: false };
    },
    async getStatus(): Promise<DossierStatus> {
      throw new Error('not used');
    },
    async uploadAttachment(code: string, name: string, bytes: Uint8Array): Promise<AttachmentProgress> {
      calls.push({ op: `upload:${name}`, code, inTx: db.inTransaction });
      const err = script({ code, key: name, n: n++ });
      if (err) throw err;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { name, size: bytes.length, committed: bytes.length, sha256, complete: true };
    },
  };
  return { central, calls };
}

const submit = (i: number) => ({ kind: 'submit_dossier' as const, aggregateCode: makeDossier(i).code, payload: makeDossier(i) });
const states = (db: Database) => db.prepare<[], { id: number; state: string; attempts: number }>('SELECT id, state, attempts FROM outbox ORDER BY id').all();

/** Drive a started sender on a manual clock until nothing is pending or `maxTimers` timers have fired. */
async function drive(clock: ReturnType<typeof manualClock>, sender: ReturnType<typeof createOutboxSender>, maxTimers = 1000) {
  for (let i = 0; i < maxTimers; i++) {
    await sender.settled();
    if (sender.backlog().pending === 0) return;
    if (!clock.runNext()) return;
  }
}

describe('outbox sender', () => {
  it('delivers in queue order with each entry’s own key, never inside a transaction', async () => {
    const db = await freshDb();
    for (let i = 1; i <= 5; i++) enqueue(db, submit(i), { now: T0 });
    const { central, calls } = fakeCentral(db);
    const clock = manualClock(T0);
    const changes: OutboxChange[] = [];
    const sender = createOutboxSender({ db, central, clock, random: () => 0.5, backoff: { baseMs: 1000, capMs: 60_000 }, onChange: (c) => changes.push(c) });
    sender.start();
    await drive(clock, sender);
    await sender.stop();
    expect(calls.map((c) => c.code)).toEqual([1, 2, 3, 4, 5].map((i) => makeDossier(i).code));
    expect(calls.map((c) => c.key)).toEqual([1, 2, 3, 4, 5].map((i) => `submit_dossier:${makeDossier(i).code}`));
    expect(calls.every((c) => !c.inTx)).toBe(true);
    expect(states(db).every((r) => r.state === 'delivered' && r.attempts === 1)).toBe(true);
    expect(changes.filter((c) => c.id === 1).map((c) => c.state)).toEqual(['sending', 'delivered']);
    const result = db.prepare<[], { result: string }>('SELECT result FROM outbox WHERE id = 1').get()!;
    expect(JSON.parse(result.result)).toMatchObject({ centralId: `c-${makeDossier(1).code}`, replayed: false });
    expect(sender.backlog()).toMatchObject({ pending: 0, failedPermanent: 0, lastDeliveredAt: new Date(T0).toISOString(), running: false });
  });

  it('backs off the whole queue with jitter on retryable errors, honouring Retry-After, then resumes in order', async () => {
    const db = await freshDb();
    for (let i = 1; i <= 3; i++) enqueue(db, submit(i), { now: T0 });
    const failures = [
      new RetryableCentralError('network', 'ECONNREFUSED'),
      new RetryableCentralError('server', '500'),
      new RetryableCentralError('rate_limited', '429', 429, 90_000),
    ];
    const { central, calls } = fakeCentral(db, ({ n }) => failures[n]);
    const clock = manualClock(T0);
    const delays: number[] = [];
    const sender = createOutboxSender({
      db, central, clock, random: () => 0.5, backoff: { baseMs: 1000, capMs: 60_000 },
      onChange: (c) => c.nextAttemptAt && delays.push(Date.parse(c.nextAttemptAt) - clock.now()),
    });
    sender.start();
    clock.advance(0);
    await sender.settled();
    expect(sender.backlog()).toMatchObject({ pending: 3, lastError: 'ECONNREFUSED', nextAttemptAt: new Date(T0 + 500).toISOString() });
    await drive(clock, sender);
    await sender.stop();
    // attempt 1: 0.5·1 s; attempt 2: 0.5·2 s; attempt 3: Retry-After 90 s beats 0.5·4 s.
    expect(delays).toEqual([500, 1000, 90_000]);
    expect(clock.now()).toBe(T0 + 500 + 1000 + 90_000);
    expect(calls.map((c) => c.code)).toEqual([1, 1, 1, 1, 2, 3].map((i) => makeDossier(i).code));
    expect(states(db).map((r) => [r.state, r.attempts])).toEqual([['delivered', 4], ['delivered', 1], ['delivered', 1]]);
    expect(sender.backlog().lastError).toBeNull();
  });

  it('marks a permanent rejection failed, fails later entries of the same dossier, and carries on with others', async () => {
    const db = await freshDb();
    enqueue(db, submit(1), { now: T0 });
    const bytes = new TextEncoder().encode('scan of page 1');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    enqueue(db, { kind: 'upload_attachment', aggregateCode: makeDossier(1).code, payload: { name: 'p1.pdf', size: bytes.length, sha256 } }, { now: T0 });
    enqueue(db, submit(2), { now: T0 });
    enqueue(db, { kind: 'upload_attachment', aggregateCode: makeDossier(2).code, payload: { name: 'p1.pdf', size: bytes.length, sha256 } }, { now: T0 });
    const { central, calls } = fakeCentral(db, ({ code, key }) =>
      code === makeDossier(1).code && key.startsWith('submit') ? new PermanentCentralError('rejected', 'submit dossier: 422 validation_failed', 422) : undefined,
    );
    const clock = manualClock(T0);
    const sender = createOutboxSender({ db, central, clock, random: () => 0, backoff: { baseMs: 1000, capMs: 60_000 }, attachments: { read: () => bytes } });
    sender.start();
    await drive(clock, sender);
    await sender.stop();
    expect(calls.map((c) => `${c.op} ${c.code}`)).toEqual([`submit ${makeDossier(1).code}`, `submit ${makeDossier(2).code}`, `upload:p1.pdf ${makeDossier(2).code}`]);
    const rows = db.prepare<[], { state: string; last_error: string | null }>('SELECT state, last_error FROM outbox ORDER BY id').all();
    expect(rows).toEqual([
      { state: 'failed_permanent', last_error: 'submit dossier: 422 validation_failed' },
      { state: 'failed_permanent', last_error: 'not sent: entry #1 of the same dossier failed permanently' },
      { state: 'delivered', last_error: null },
      { state: 'delivered', last_error: null },
    ]);
    expect(sender.backlog()).toMatchObject({ pending: 0, failedPermanent: 2, lastError: 'not sent: entry #1 of the same dossier failed permanently' });
  });

  it('refuses to upload an attachment whose bytes changed after queueing', async () => {
    const db = await freshDb();
    enqueue(db, submit(1), { now: T0 });
    enqueue(db, { kind: 'upload_attachment', aggregateCode: makeDossier(1).code, payload: { name: 'a.jpg', size: 3, sha256: '0'.repeat(64) } }, { now: T0 });
    const { central } = fakeCentral(db);
    const sender = createOutboxSender({ db, central, clock: manualClock(T0), random: () => 0, backoff: { baseMs: 1, capMs: 1 }, attachments: { read: () => new Uint8Array([1, 2, 3]) } });
    expect(await sender.step()).toEqual({ kind: 'delivered', id: 1 });
    expect(await sender.step()).toMatchObject({ kind: 'failed', id: 2, error: expect.stringContaining('changed after it was queued') });
  });

  it('after a crash, turns `sending` back into `pending` and resends under the same key', async () => {
    const db = await freshDb();
    enqueue(db, submit(1), { now: T0 });
    enqueue(db, submit(2), { now: T0 });
    db.prepare(`UPDATE outbox SET state = 'sending', attempts = 1 WHERE id = 1`).run();
    const { central, calls } = fakeCentral(db);
    const clock = manualClock(T0);
    const sender = createOutboxSender({ db, central, clock, random: () => 0, backoff: { baseMs: 1000, capMs: 60_000 } });
    expect(sender.backlog().pending).toBe(2);
    sender.start();
    await drive(clock, sender);
    await sender.stop();
    expect(calls.map((c) => c.key)).toEqual([1, 2].map((i) => `submit_dossier:${makeDossier(i).code}`));
    expect(states(db)).toEqual([{ id: 1, state: 'delivered', attempts: 2 }, { id: 2, state: 'delivered', attempts: 1 }]);
  });

  it('honours a back-off persisted before a restart, and wake() picks up new work at once', async () => {
    const db = await freshDb();
    enqueue(db, submit(1), { now: T0 });
    db.prepare(`UPDATE outbox SET next_attempt_at = ?, attempts = 3 WHERE id = 1`).run(new Date(T0 + 30_000).toISOString());
    const { central, calls } = fakeCentral(db);
    const clock = manualClock(T0);
    const sender = createOutboxSender({ db, central, clock, random: () => 0, backoff: { baseMs: 1000, capMs: 60_000 }, idlePollMs: 3_600_000 });
    sender.start();
    clock.advance(0);
    await sender.settled();
    expect(calls).toHaveLength(0);
    expect(clock.nextTimerAt()).toBe(T0 + 30_000);
    clock.advance(30_000);
    await sender.settled();
    expect(calls).toHaveLength(1);
    // Idle now, polling in an hour; a new dossier plus wake() goes out without waiting for the poll.
    expect(clock.nextTimerAt()).toBe(T0 + 30_000 + 3_600_000);
    enqueue(db, submit(2), { now: clock.now() });
    sender.wake();
    clock.advance(0);
    await sender.settled();
    expect(calls.map((c) => c.code)).toEqual([makeDossier(1).code, makeDossier(2).code]);
    await sender.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps going when the outcome cannot be written (disk full), resending later under the same key', async () => {
    const db = await freshDb();
    enqueue(db, submit(1), { now: T0 });
    let breakWrites = true;
    const { central, calls } = fakeCentral(db);
    const wrapped: CentralSystem = {
      ...central,
      async submitDossier(p, key) {
        const r = await central.submitDossier(p, key);
        // Simulate the disk filling while the request was out: the bookkeeping write that follows fails.
        if (breakWrites) db.exec(`CREATE TRIGGER full BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
        return r;
      },
    };
    const clock = manualClock(T0);
    const sender = createOutboxSender({ db, central: wrapped, clock, random: () => 0.5, backoff: { baseMs: 1000, capMs: 60_000 } });
    const first = await sender.step();
    expect(first).toMatchObject({ kind: 'retry', delayMs: 500, error: 'database or disk is full' });
    expect(states(db)[0]).toMatchObject({ state: 'sending' });
    db.exec('DROP TRIGGER full');
    breakWrites = false;
    expect(await sender.step()).toEqual({ kind: 'waiting', untilMs: T0 + 500 });
    clock.advance(500);
    expect(await sender.step()).toEqual({ kind: 'delivered', id: 1 });
    expect(calls.map((c) => c.key)).toEqual([`submit_dossier:${makeDossier(1).code}`, `submit_dossier:${makeDossier(1).code}`]);
  });
});
