import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { createFaultPlan } from '../../main/central/faults.ts';
import { startCentralServer, type CentralServer } from '../../main/central/server.ts';
import { PermanentCentralError, RetryableCentralError } from '../../main/core/sync/adapter.ts';
import { HttpCentralSystem } from '../../main/core/sync/http-central.ts';
import { makeDossier, TEST_CLIENT, tempDir } from '../helpers/sync-fixtures.ts';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup() {
  const plan = createFaultPlan();
  const dir = tempDir();
  const server: CentralServer = await startCentralServer({ port: 0, dataDir: dir, clients: [TEST_CLIENT], tokenTtlSeconds: 600, hooks: plan });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => server.close());
  const c = new HttpCentralSystem({ baseUrl: server.url, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, timeoutMs: 3000 });
  return { plan, server, c };
}

const caught = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('HttpCentralSystem against the reference server', () => {
  it('submits, replays, reads status; one token for many calls', async () => {
    const { c, server } = await setup();
    const r1 = await c.submitDossier(makeDossier(1), 'k-00000001');
    const r2 = await c.submitDossier(makeDossier(1), 'k-00000001');
    expect(r1.replayed).toBe(false);
    expect(r2).toEqual({ ...r1, replayed: true });
    server.setDossierStatus(makeDossier(1).code, 'done', 'paid');
    expect(await c.getStatus(makeDossier(1).code)).toMatchObject({ status: 'done', paymentState: 'paid', centralId: r1.centralId });
    expect(c.tokensIssued).toBe(1);
  });

  it('types failures: permanent for validation, conflict and not-found; retryable with Retry-After, for 5xx and garbage', async () => {
    const { c, plan } = await setup();
    const invalid = await caught(c.submitDossier({ ...makeDossier(1), procedureCode: 'bad code!' }, 'k-00000001'));
    expect(invalid).toBeInstanceOf(PermanentCentralError);
    expect(invalid).toMatchObject({ kind: 'rejected', status: 422, issues: [{ path: 'procedureCode', message: expect.stringContaining('procedure code') }] });
    await c.submitDossier(makeDossier(1), 'k-00000001');
    expect(await caught(c.submitDossier(makeDossier(2), 'k-00000001'))).toMatchObject({ kind: 'conflict', status: 409, retryable: false });
    expect(await caught(c.getStatus('NOPE-0001'))).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    plan.rateLimitNext(1, 7);
    const limited = await caught(c.getStatus(makeDossier(1).code));
    expect(limited).toBeInstanceOf(RetryableCentralError);
    expect(limited).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000 });
    plan.failNext(1, 502);
    expect(await caught(c.getStatus(makeDossier(1).code))).toMatchObject({ kind: 'server', status: 502, retryable: true });
    plan.garbageNext(1);
    expect(await caught(c.getStatus(makeDossier(1).code))).toMatchObject({ kind: 'bad_response', retryable: true });
  });

  it('wrong credentials are retryable "auth" (the dossier is fine; the kiosk configuration is not)', async () => {
    const { server } = await setup();
    const bad = new HttpCentralSystem({ baseUrl: server.url, clientId: TEST_CLIENT.id, clientSecret: 'wrong' });
    const err = await caught(bad.submitDossier(makeDossier(1), 'k-00000001'));
    expect(err).toMatchObject({ kind: 'auth', status: 401, retryable: true, message: expect.stringContaining('client id and secret') });
    expect(server.store.listDossiers()).toEqual([]);
  });

  it('uploads in chunks, resumes an interrupted upload from the committed length, refuses different content', async () => {
    const { c, server } = await setup();
    await c.submitDossier(makeDossier(1), 'k-00000001');
    const bytes = new Uint8Array(3000).map((_, i) => i % 256);
    const chunked = new HttpCentralSystem({ baseUrl: server.url, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, chunkBytes: 1000 });
    // First attempt: the network dies after the first chunk.
    let puts = 0;
    const dying = new HttpCentralSystem({
      baseUrl: server.url, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, chunkBytes: 1000,
      fetch: async (input, init) => {
        if (init?.method === 'PUT' && ++puts === 2) throw new TypeError('fetch failed');
        return fetch(input, init);
      },
    });
    expect(await caught(dying.uploadAttachment(makeDossier(1).code, 'id-card.jpg', bytes))).toMatchObject({ kind: 'network' });
    expect(server.store.status(makeDossier(1).code)!.attachments[0]).toMatchObject({ committed: 1000, complete: false });
    const done = await chunked.uploadAttachment(makeDossier(1).code, 'id-card.jpg', bytes);
    expect(done).toMatchObject({ size: 3000, committed: 3000, complete: true });
    expect(Buffer.from(server.store.attachmentBytes(makeDossier(1).code, 'id-card.jpg')!)).toEqual(Buffer.from(bytes));
    expect(await chunked.uploadAttachment(makeDossier(1).code, 'id-card.jpg', bytes)).toMatchObject({ complete: true });
    expect(await caught(chunked.uploadAttachment(makeDossier(1).code, 'id-card.jpg', bytes.slice(1)))).toMatchObject({ kind: 'conflict', retryable: false });
    expect(await caught(chunked.uploadAttachment(makeDossier(1).code, 'empty.jpg', new Uint8Array()))).toMatchObject({ kind: 'rejected' });
  });
});
