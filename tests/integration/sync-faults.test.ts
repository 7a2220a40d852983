import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { canonicalJson, DossierSubmission } from '../../main/central/contract.ts';
import { createFaultPlan, type CentralHooks } from '../../main/central/faults.ts';
import { startCentralServer, type CentralServer } from '../../main/central/server.ts';
import { HttpCentralSystem } from '../../main/core/sync/http-central.ts';
import { manualClock, type ManualClock } from '../../main/core/sync/clock.ts';
import { enqueue, OutboxError } from '../../main/core/sync/outbox.ts';
import { createOutboxSender, type OutboxChange, type OutboxSender } from '../../main/core/sync/sender.ts';
import { startFaultProxy } from '../helpers/fault-proxy.ts';
import { freePort, makeDossier, openKioskDb, TEST_CLIENT, tempDir } from '../helpers/sync-fixtures.ts';

const T0 = Date.parse('2025-01-02T01:30:00Z');
const MIN = 60_000;
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function kioskDb(): Promise<Database> {
  const dir = tempDir();
  const db = await openKioskDb(join(dir, 'kiosk.sqlite'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => void db.close());
  return db;
}

async function central(opts: { port?: number; hooks?: CentralHooks; now?: () => number; tokenTtlSeconds?: number; dataDir?: string } = {}): Promise<CentralServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const s = await startCentralServer({ port: opts.port ?? 0, dataDir, clients: [TEST_CLIENT], tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600, hooks: opts.hooks, now: opts.now });
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(() => s.close());
  return s;
}

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof HttpCentralSystem>[0]> = {}) {
  return new HttpCentralSystem({ baseUrl, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, timeoutMs: 5000, ...extra });
}

function queue(db: Database, n: number, from = 1): string[] {
  const codes: string[] = [];
  for (let i = from; i < from + n; i++) {
    enqueue(db, { kind: 'submit_dossier', aggregateCode: makeDossier(i).code, payload: makeDossier(i) }, { now: T0 });
    codes.push(makeDossier(i).code);
  }
  return codes;
}

function sender(db: Database, c: HttpCentralSystem, clock: ManualClock, changes: OutboxChange[] = [], capMs = 5 * MIN): OutboxSender {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const s = createOutboxSender({ db, central: c, clock, random, backoff: { baseMs: 1000, capMs }, onChange: (x) => changes.push(x) });
  cleanup.push(() => s.stop());
  return s;
}

/** Let the sender run on fast time until the queue is empty (or `maxTimers` timers fired). */
async function drain(clock: ManualClock, s: OutboxSender, maxTimers = 10_000) {
  s.start();
  for (let i = 0; i < maxTimers; i++) {
    await s.settled();
    if (s.backlog().pending === 0) return;
    if (!clock.runNext()) throw new Error('sender stopped scheduling with work pending');
  }
  throw new Error(`queue not drained after ${maxTimers} timers`);
}

/** The central side holds exactly the queued dossiers, once each, in queue order, with the queued content. */
function expectExactlyOnceInOrder(server: CentralServer, codes: string[]) {
  const stored = server.store.listDossiers();
  expect(stored.map((d) => d.code)).toEqual(codes);
  for (const d of stored) {
    const i = Number(d.code.slice(-5));
    expect(canonicalJson(d.body)).toBe(canonicalJson(DossierSubmission.parse(makeDossier(i))));
  }
}

function outboxStates(db: Database) {
  return db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all();
}

describe('sync under faults (reference server on loopback, fast clock)', () => {
  it('central down for hours: backs off within the cap, then drains everything once, in order', async () => {
    const db = await kioskDb();
    const codes = queue(db, 30);
    const port = await freePort();
    const clock = manualClock(T0);
    const changes: OutboxChange[] = [];
    const s = sender(db, client(`http://127.0.0.1:${port}`, { now: clock.now }), clock, changes);
    s.start();
    while (clock.now() < T0 + 3 * 60 * MIN) {
      await s.settled();
      clock.runNext();
    }
    await s.settled();
    const retries = changes.filter((c) => c.state === 'pending');
    const gaps = retries.map((c, i) => Date.parse(c.nextAttemptAt!) - (i === 0 ? T0 : Date.parse(retries[i - 1]!.nextAttemptAt!)));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5 * MIN);
    expect(retries.length).toBeGreaterThanOrEqual(36); // 3 h / 5 min cap: it kept trying all along
    expect(s.backlog()).toMatchObject({ pending: 30, failedPermanent: 0, lastError: expect.stringContaining('ECONNREFUSED'), oldestPendingAt: new Date(T0).toISOString() });

    const up = await central({ port });
    const upAt = clock.now();
    await drain(clock, s);
    expect(clock.now() - upAt).toBeLessThanOrEqual(5 * MIN); // first retry after recovery comes within the cap
    expectExactlyOnceInOrder(up, codes);
    expect(outboxStates(db)).toEqual([{ state: 'delivered', n: 30 }]);
    expect(s.backlog()).toMatchObject({ pending: 0, lastError: null, lastDeliveredAt: new Date(clock.now()).toISOString() });
  });

  it('500s and 429 with Retry-After: waits at least as asked, loses and duplicates nothing', async () => {
    const db = await kioskDb();
    const codes = queue(db, 10);
    const plan = createFaultPlan();
    const server = await central({ hooks: plan });
    plan.failNext(3, 500);
    plan.failNext(1, 503);
    plan.rateLimitNext(2, 120);
    const clock = manualClock(T0);
    const changes: OutboxChange[] = [];
    await drain(clock, sender(db, client(server.url, { now: clock.now }), clock, changes));
    expect(plan.remaining()).toBe(0);
    const waits = changes.filter((c) => c.state === 'pending').map((c) => c.error);
    expect(waits).toEqual([
      expect.stringContaining('500 injected_fault'),
      expect.stringContaining('500 injected_fault'),
      expect.stringContaining('500 injected_fault'),
      expect.stringContaining('503 injected_fault'),
      expect.stringContaining('429 rate_limited'),
      expect.stringContaining('429 rate_limited'),
    ]);
    const rateLimited = changes.filter((c) => c.error?.includes('429'));
    for (const c of rateLimited) expect(Date.parse(c.nextAttemptAt!)).toBeGreaterThanOrEqual(T0 + 120_000);
    expect(clock.now()).toBeGreaterThanOrEqual(T0 + 240_000);
    expectExactlyOnceInOrder(server, codes);
  });

  it('garbage replies and replies lost after the server committed: resent under the same key, stored once', async () => {
    const db = await kioskDb();
    const codes = queue(db, 12);
    const plan = createFaultPlan();
    const server = await central({ hooks: plan });
    plan.garbageNext(2);
    plan.dropAfterCommitNext(3);
    const clock = manualClock(T0);
    await drain(clock, sender(db, client(server.url, { now: clock.now }), clock));
    expect(plan.injected.map((x) => x.fault.kind)).toEqual(['garbage', 'garbage', 'drop_after_commit', 'drop_after_commit', 'drop_after_commit']);
    expectExactlyOnceInOrder(server, codes);
    // The first dossier's reply was lost four times (twice garbled, thrice dropped — every one after commit): its
    // fifth send was answered from the idempotency record.
    const first = db.prepare<[], { attempts: number; result: string }>('SELECT attempts, result FROM outbox WHERE id = 1').get()!;
    expect(first.attempts).toBe(6);
    expect(JSON.parse(first.result)).toMatchObject({ replayed: true, centralId: server.store.listDossiers()[0]!.centralId });
  });

  it('connections cut mid-response and black-holed by the network (TCP proxy): time-outs and resends, stored once', async () => {
    const db = await kioskDb();
    const codes = queue(db, 8);
    const server = await central();
    const proxy = await startFaultProxy({ targetPort: server.port });
    cleanup.push(() => proxy.close());
    const clock = manualClock(T0);
    const c = client(proxy.url, { now: clock.now, timeoutMs: 400 });
    // Warm a token through a clean connection, then fault the next API connections.
    await c.getStatus('WARM-UP-1').catch((e: Error) => expect(e.message).toContain('404'));
    proxy.cutAll();
    proxy.faultNext(2, { kind: 'cut_response', bytes: 30 });
    proxy.faultNext(1, { kind: 'blackhole' });
    proxy.faultNext(1, { kind: 'refuse' });
    const changes: OutboxChange[] = [];
    await drain(clock, sender(db, c, clock, changes));
    const errors = changes.filter((x) => x.state === 'pending').map((x) => x.error);
    expect(errors.some((e) => e?.includes('no complete answer within 400 ms'))).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(proxy.stats().faulted).toBe(4);
    expectExactlyOnceInOrder(server, codes);
  });

  it('token expiring mid-run: refreshed ahead of expiry on a shared clock, and on a 401 when the clocks disagree', async () => {
    // Shared clock: the client sees expiry coming and refreshes before any 401.
    {
      const db = await kioskDb();
      const codes = queue(db, 6);
      const clock = manualClock(T0);
      let unauthorized = 0;
      const server = await central({ now: clock.now, tokenTtlSeconds: 60, hooks: { onRequestEnd: (_r, st) => void (st === 401 && unauthorized++) } });
      const c = client(server.url, { now: clock.now });
      const s = sender(db, c, clock);
      await s.step();
      clock.advance(10 * MIN);
      await drain(clock, s);
      expect(c.tokensIssued).toBe(2);
      expect(unauthorized).toBe(0);
      expectExactlyOnceInOrder(server, codes);
    }
    // Server clock jumps ahead (or revokes): the client learns from the 401, refreshes once and carries on.
    {
      const db = await kioskDb();
      const codes = queue(db, 6);
      let serverNow = T0;
      let unauthorized = 0;
      const server = await central({ now: () => serverNow, tokenTtlSeconds: 60, hooks: { onRequestEnd: (_r, st) => void (st === 401 && unauthorized++) } });
      const clock = manualClock(T0);
      const c = client(server.url, { now: () => T0 });
      const s = sender(db, c, clock);
      await s.step();
      await s.step();
      serverNow += 61_000;
      await s.step();
      server.revokeTokens();
      await drain(clock, s);
      expect(unauthorized).toBe(2);
      expect(c.tokensIssued).toBe(3);
      expectExactlyOnceInOrder(server, codes);
      expect(db.prepare('SELECT MAX(attempts) AS m FROM outbox').get()).toEqual({ m: 1 });
    }
  });

  it('validation rejection from the central side is permanent: recorded, visible, and the rest still flows', async () => {
    const db = await kioskDb();
    queue(db, 3);
    // A dossier the kiosk's contract accepts but this central system rejects (its code is already taken there).
    const server = await central();
    const c = client(server.url);
    await c.submitDossier(makeDossier(2), 'someone-elses-key-0001');
    const clock = manualClock(T0);
    await drain(clock, sender(db, c, clock));
    expect(server.store.listDossiers().map((d) => d.code)).toEqual([2, 1, 3].map((i) => makeDossier(i).code));
    const failed = db.prepare<[], { aggregate_code: string; last_error: string }>(`SELECT aggregate_code, last_error FROM outbox WHERE state = 'failed_permanent'`).all();
    expect(failed).toEqual([{ aggregate_code: makeDossier(2).code, last_error: expect.stringContaining('409 dossier_exists') }]);
  });

  it('resumable attachment upload survives a cut connection and continues from the committed length', async () => {
    const db = await kioskDb();
    const server = await central();
    const proxy = await startFaultProxy({ targetPort: server.port });
    cleanup.push(() => proxy.close());
    const bytes = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    enqueue(db, { kind: 'submit_dossier', aggregateCode: makeDossier(1).code, payload: makeDossier(1, { attachments: [{ name: 'scan.pdf', size: 5000, sha256 }] }) }, { now: T0 });
    enqueue(db, { kind: 'upload_attachment', aggregateCode: makeDossier(1).code, payload: { name: 'scan.pdf', size: 5000, sha256 } }, { now: T0 });
    const clock = manualClock(T0);
    const puts: string[] = [];
    let cutAfter = 3;
    const spy: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT') {
        puts.push(String((init.headers as Record<string, string>)['content-range']));
        // The third chunk's reply never arrives (connection cut after the server committed it).
        if (--cutAfter === 0) proxy.faultNext(1, { kind: 'cut_response', bytes: 5 });
      }
      return fetch(input, init);
    };
    const c = new HttpCentralSystem({ baseUrl: proxy.url, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, now: clock.now, chunkBytes: 1024, fetch: spy });
    proxy.cutAll();
    const s = createOutboxSender({ db, central: c, clock, random: () => 0, backoff: { baseMs: 1000, capMs: 60_000 }, attachments: { read: () => bytes } });
    cleanup.push(() => s.stop());
    await drain(clock, s);
    expect(Buffer.from(server.store.attachmentBytes(makeDossier(1).code, 'scan.pdf')!)).toEqual(Buffer.from(bytes));
    expect(server.store.status(makeDossier(1).code)!.attachments).toEqual([{ name: 'scan.pdf', size: 5000, committed: 5000, sha256, complete: true }]);
    // Chunks 1-2 went once; the cut chunk's reply was lost, so the resumed upload starts at the next byte after it.
    expect(puts).toEqual(['bytes 0-1023/5000', 'bytes 1024-2047/5000', 'bytes 2048-3071/5000', 'bytes 3072-4095/5000', 'bytes 4096-4999/5000']);
  });
});

describe('disk full on the kiosk', () => {
  it('enqueue fails cleanly with a clear error; nothing already queued is lost; all of it is delivered once', async () => {
    const db = await kioskDb();
    const server = await central();
    const codes = queue(db, 5);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let i = 6;
    let failure: unknown;
    for (; i < 1000 && failure === undefined; i++) {
      try {
        db.transaction(() => {
          enqueue(db, { kind: 'submit_dossier', aggregateCode: makeDossier(i).code, payload: makeDossier(i) }, { now: T0 });
        })();
        codes.push(makeDossier(i).code);
      } catch (e) {
        failure = e;
      }
    }
    expect(failure).toBeInstanceOf(OutboxError);
    expect((failure as OutboxError).code).toBe('disk_full');
    expect(db.prepare('SELECT aggregate_code FROM outbox ORDER BY id').all().map((r) => (r as { aggregate_code: string }).aggregate_code)).toEqual(codes);
    // Still full: the first dossier reaches the central side, but its outcome cannot be written; the entry stays
    // queued (it will be resent under the same key), nothing is lost.
    const clock = manualClock(T0);
    const s = sender(db, client(server.url, { now: clock.now }), clock);
    const first = await s.step();
    expect(first).toMatchObject({ kind: 'retry', error: expect.stringMatching(/full/) });
    expect(server.store.listDossiers().map((d) => d.code)).toEqual([codes[0]]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending')`).get()).toEqual({ n: codes.length });
    // The technician frees space: everything drains, the first dossier still exactly once.
    db.pragma('max_page_count = 1073741823');
    await drain(clock, s);
    expectExactlyOnceInOrder(server, codes);
    expect(outboxStates(db)).toEqual([{ state: 'delivered', n: codes.length }]);
  });
});
