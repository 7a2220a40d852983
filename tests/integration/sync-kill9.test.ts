import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFaultPlan } from '../../main/central/faults.ts';
import { startCentralServer } from '../../main/central/server.ts';
import { enqueue } from '../../main/core/sync/outbox.ts';
import { makeDossier, openKioskDb, TEST_CLIENT, tempDir, waitFor } from '../helpers/sync-fixtures.ts';

const CHILD = fileURLToPath(new URL('../helpers/sync-sender-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function runChild(dbFile: string, url: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  cleanup.push(() => void (child.exitCode === null && child.kill('SIGKILL')));
  return { child, lines, exited, stderr: () => err };
}

describe('kiosk killed with kill -9 mid-send', () => {
  it('restarts, resends under the same keys, and the central side holds each dossier exactly once, in order', async () => {
    const dir = tempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'kiosk.sqlite');
    const db = await openKioskDb(dbFile);
    const codes: string[] = [];
    for (let i = 1; i <= 40; i++) {
      enqueue(db, { kind: 'submit_dossier', aggregateCode: makeDossier(i).code, payload: makeDossier(i) });
      codes.push(makeDossier(i).code);
    }
    db.close();

    const plan = createFaultPlan();
    let inFlight = 0;
    const server = await startCentralServer({
      port: 0,
      dataDir: join(dir, 'central'),
      clients: [TEST_CLIENT],
      tokenTtlSeconds: 3600,
      hooks: {
        faultFor: (r) => plan.faultFor!(r),
        onRequestStart: (r) => void (r.method === 'POST' && r.path === '/api/v1/dossiers' && inFlight++),
        onRequestEnd: (r) => void (r.method === 'POST' && r.path === '/api/v1/dossiers' && inFlight--),
      },
    });
    cleanup.push(() => server.close());
    const count = () => server.store.listDossiers().length;

    // Kill 1: the dossier is committed on the central side, its reply still held back (only the server knows).
    plan.delayAll(40, { method: 'POST', pathPrefix: '/api/v1/dossiers' }, true);
    const run1 = runChild(dbFile, server.url);
    await waitFor(() => count() >= 8 && inFlight > 0, 'a committed dossier whose reply is in flight');
    run1.child.kill('SIGKILL');
    expect(await run1.exited).toBe(null);
    const afterKill1 = count();

    // Kill 2: the request is in flight before the server has handled it.
    plan.delayAll(40, { method: 'POST', pathPrefix: '/api/v1/dossiers' }, false);
    const run2 = runChild(dbFile, server.url);
    await waitFor(() => count() >= afterKill1 + 8 && inFlight > 0, 'a dossier request in flight');
    run2.child.kill('SIGKILL');
    await run2.exited;

    plan.delayAll(0);
    const run3 = runChild(dbFile, server.url);
    expect(await run3.exited).toBe(0);
    expect(run3.lines.at(-1)).toBe('{"drained":true}');

    const stored = server.store.listDossiers();
    expect(stored.map((d) => d.code)).toEqual(codes);
    const check = await openKioskDb(dbFile);
    cleanup.push(() => void check.close());
    const rows = check.prepare<[], { state: string; result: string; attempts: number }>('SELECT state, result, attempts FROM outbox ORDER BY id').all();
    expect(rows.every((r) => r.state === 'delivered')).toBe(true);
    // The dossier committed before kill 1 was resent after restart and answered from the idempotency record.
    const replayed = rows.filter((r) => (JSON.parse(r.result) as { replayed: boolean }).replayed);
    expect(replayed.length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => JSON.parse(r.result).centralId)).toEqual(stored.map((d) => d.centralId));
  });
});
