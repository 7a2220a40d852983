/**
 * Sync bench (a script, not a test): `node --import tsx bench/sync.ts [N]` (default N = 10000).
 * The reference central server runs in its own process so the RSS figures are the kiosk side's alone.
 * Baseline in the same run: a raw loop of HttpCentralSystem.submitDossier (same client, same server, no outbox).
 *  1. drain rate of N queued dossiers through outbox + sender, vs the raw loop;
 *  2. backlog clear time after a one-hour outage simulated on a fast clock (N/5 queued during it);
 *  3. RSS while draining: peak vs before, vs the raw loop's.
 * Writes bench/out/sync.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpCentralSystem } from '../main/core/sync/http-central.ts';
import { manualClock, systemClock, type Clock } from '../main/core/sync/clock.ts';
import { enqueue } from '../main/core/sync/outbox.ts';
import { createOutboxSender } from '../main/core/sync/sender.ts';
import { freePort, makeDossier, openKioskDb, tempDir } from '../tests/helpers/sync-fixtures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.argv[2] ?? 10_000);
const CLIENT = { id: 'kiosk-bench', secret: 'bench-secret-0123456789' };

async function startCentralProcess(dataDir: string, port = 0): Promise<{ url: string; stop(): Promise<void> }> {
  const script = `import { runCentral } from ${JSON.stringify(join(ROOT, 'main/central/cli.ts'))};
process.exitCode = await runCentral(process.argv.slice(1), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--port', String(port), '--data-dir', dataDir, '--client', `${CLIENT.id}:${CLIENT.secret}`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`central exited ${code}: ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((r) => {
        child.on('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

const client = (url: string, clock: Clock = systemClock()) =>
  new HttpCentralSystem({ baseUrl: url, clientId: CLIENT.id, clientSecret: CLIENT.secret, now: () => clock.now() });

function rssSampler() {
  const before = process.memoryUsage().rss;
  let peak = before;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  return {
    stop() {
      clearInterval(t);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { beforeMiB: before / 2 ** 20, peakMiB: peak / 2 ** 20, growthMiB: (peak - before) / 2 ** 20 };
    },
  };
}

function bump(code: string, series: string): string {
  return code.replace('H56-250102', `H56-${series}`);
}

async function rawLoop(url: string, series: string, n: number) {
  const c = client(url);
  const rss = rssSampler();
  const t0 = performance.now();
  for (let i = 1; i <= n; i++) {
    const d = makeDossier(i);
    const code = bump(d.code, series);
    await c.submitDossier({ ...d, code }, `raw:${code}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { n, seconds, perSecond: n / seconds, rss: rss.stop() };
}

async function queueInto(dbFile: string, series: string, n: number) {
  const db = await openKioskDb(dbFile);
  const t0 = performance.now();
  for (let i = 1; i <= n; i++) {
    const d = makeDossier(i);
    const code = bump(d.code, series);
    // One transaction per dossier, as the intake flow does (dossier + outbox entry together).
    db.transaction(() => enqueue(db, { kind: 'submit_dossier', aggregateCode: code, payload: { ...d, code } }))();
  }
  return { db, enqueuePerSecond: n / ((performance.now() - t0) / 1000) };
}

async function outboxDrain(url: string, dbFile: string, series: string, n: number) {
  const { db, enqueuePerSecond } = await queueInto(dbFile, series, n);
  const rss = rssSampler();
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const sender = createOutboxSender({
      db,
      central: client(url),
      clock: systemClock(),
      random: Math.random,
      backoff: { baseMs: 100, capMs: 5000 },
      onChange: (c) => {
        if (c.state === 'delivered' && c.id === n) void sender.stop().then(resolve);
      },
    });
    sender.start();
  });
  const seconds = (performance.now() - t0) / 1000;
  const pending = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state != 'delivered'`).get() as { n: number }).n;
  db.close();
  return { n, seconds, perSecond: n / seconds, enqueuePerSecond, notDelivered: pending, rss: rss.stop() };
}

async function outage(dataDir: string, dbFile: string, series: string, n: number) {
  const { db } = await queueInto(dbFile, series, n);
  const port = await freePort();
  // Entries were queued at the real time; the fast clock starts there.
  const clock = manualClock(Date.now());
  const capMs = 5 * 60_000;
  let failures = 0;
  let lastDelivered = 0;
  const sender = createOutboxSender({
    db,
    central: client(`http://127.0.0.1:${port}`, clock),
    clock,
    random: Math.random,
    backoff: { baseMs: 1000, capMs },
    onChange: (c) => {
      if (c.state === 'pending') failures++;
      if (c.state === 'delivered') lastDelivered = c.id;
    },
  });
  sender.start();
  const downFrom = clock.now();
  while (clock.now() - downFrom < 3_600_000) {
    await sender.settled();
    clock.runNext();
  }
  await sender.settled();
  const central = await startCentralProcess(dataDir, port);
  const upAt = clock.now();
  const wall0 = performance.now();
  let firstDeliveryClock: number | undefined;
  while (lastDelivered !== n) {
    await sender.settled();
    if (lastDelivered > 0 && firstDeliveryClock === undefined) firstDeliveryClock = clock.now();
    if (lastDelivered !== n) clock.runNext();
  }
  const wallSeconds = (performance.now() - wall0) / 1000;
  await sender.stop();
  db.close();
  await central.stop();
  return {
    n,
    outageMinutes: 60,
    retriesDuringOutage: failures,
    simulatedWaitAfterRecoverySeconds: ((firstDeliveryClock ?? clock.now()) - upAt) / 1000,
    backoffCapSeconds: capMs / 1000,
    drainWallSeconds: wallSeconds,
  };
}

async function main() {
  const dir = tempDir('letan-bench-sync-');
  try {
    const central = await startCentralProcess(join(dir, 'central'));
    // Warm-up (JIT, token, SQLite caches) so neither side of the comparison pays it.
    await rawLoop(central.url, 'WARMUP', 200);
    const raw = await rawLoop(central.url, 'RAW000', N);
    const outbox = await outboxDrain(central.url, join(dir, 'kiosk.sqlite'), 'OUTBOX', N);
    await central.stop();
    const out = await outage(join(dir, 'central'), join(dir, 'kiosk-outage.sqlite'), 'OUTAGE', Math.round(N / 5));
    const rawSecondsForOutageBacklog = out.n / raw.perSecond;
    const result = {
      at: new Date().toISOString(),
      node: process.version,
      n: N,
      baselineRawPost: raw,
      outbox,
      outage: { ...out, baselineRawSecondsForSameCount: rawSecondsForOutageBacklog },
      ratios: {
        drainRateOutboxVsRaw: outbox.perSecond / raw.perSecond,
        rssGrowthOutboxVsRaw: raw.rss.growthMiB > 0 ? outbox.rss.growthMiB / raw.rss.growthMiB : null,
        rssPeakOverBeforeOutbox: outbox.rss.peakMiB / outbox.rss.beforeMiB,
        rssPeakOverBeforeRaw: raw.rss.peakMiB / raw.rss.beforeMiB,
        outageDrainWallVsRaw: out.drainWallSeconds / rawSecondsForOutageBacklog,
      },
    };
    mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/out/sync.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
