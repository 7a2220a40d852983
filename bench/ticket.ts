// Ticket latency bench (a script, not a test): node --import tsx bench/ticket.ts [N]
// From the API call (POST /api/tickets over HTTP) to the last byte of that ticket reaching a virtual ESC/POS
// printer on a real pty, through the core, the spooler, the encoder, the driver's status check and the real
// serialport binding. Baseline in the same run: the same ticket's bytes, pre-encoded, written straight to the
// same pty with the same transport (no core, no HTTP, no status query). Reported as p50/p99 and as ratios.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '../drivers/printer/encode.ts';
import { loadProfile } from '../drivers/printer/profile.ts';
import { SerialTransport } from '../drivers/transport/serial.ts';
import { startServer } from '../main/core/api/http-server.ts';
import { parseConfig } from '../main/core/config/load.ts';
import { createCore } from '../main/core/core.ts';
import { ticketDocument } from '../main/core/printing/ticket-document.ts';
import { openPtyPair } from '../tests/helpers/pty.ts';
import { startVirtualPrinter } from '../tests/helpers/virtual-printer.ts';

const N = Number(process.argv[2] ?? 1000);
const PROFILE = process.env.BENCH_PROFILE ?? 'epson-tm-t88';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function waitForTickets(printer: { tickets: unknown[]; onReceived(l: (n: number) => void): void }) {
  let want = 0;
  let resolve: (() => void) | null = null;
  printer.onReceived(() => {
    if (resolve && printer.tickets.length >= want) {
      const r = resolve;
      resolve = null;
      r();
    }
  });
  return (count: number) =>
    new Promise<void>((r) => {
      want = count;
      if (printer.tickets.length >= count) r();
      else resolve = r;
    });
}

async function main() {
  const profile = loadProfile(PROFILE);
  const dir = mkdtempSync(join(tmpdir(), 'letan-bench-'));
  const pty = await openPtyPair();
  const printer = await startVirtualPrinter(pty.peerPath, profile);
  const printed = waitForTickets(printer);

  // Baseline: pre-encoded bytes over the same transport.
  const sample = ticketDocument(
    { id: 1, publicId: 'x'.repeat(16), number: 'A001', serviceId: 'ho-tich', serviceName: { vi: 'Hộ tịch', en: 'Civil status' }, priority: null, priorityCheck: null, state: 'waiting', counterId: null, targetCounterId: null, issuedAt: new Date().toISOString(), calledAt: null, aheadCount: 3, estimatedWaitMinutes: 24, statusUrl: 'http://127.0.0.1:8080/t/' + 'x'.repeat(16), printed: 'none' },
    'Trung tâm Phục vụ hành chính công',
    null,
  );
  const bytes = await encode(sample, profile);
  const raw = new SerialTransport({ path: pty.devicePath, baudRate: profile.serial.baudRate });
  await raw.open();
  const base: number[] = [];
  for (let i = 0; i < N; i++) {
    const want = printer.tickets.length + 1;
    const t0 = performance.now();
    await raw.write(bytes);
    await printed(want);
    base.push(performance.now() - t0);
  }
  await raw.close();

  // The product path.
  const core = createCore({
    dataDir: dir,
    config: parseConfig({ devices: { printer: { path: pty.devicePath, profile: PROFILE } } }),
    printWaitMs: 10_000,
  });
  const server = await startServer(core, { host: '127.0.0.1', port: 0 });
  for (let i = 0; i < 100 && (await (await fetch(`${server.url}/api/kiosk`)).json() as { value: { printer: { state: string } | null } }).value.printer?.state !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const services = ['ho-tich', 'chung-thuc', 'ly-lich-tu-phap', 'bao-chi-xuat-ban', 'buu-chinh-vien-thong'];
  const product: number[] = [];
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < N; i++) {
    const before = printer.tickets.length;
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/tickets`, { method: 'POST', body: JSON.stringify({ serviceId: services[i % services.length] }) });
    const body = (await res.json()) as { ok: boolean; value?: { printed: string } };
    if (!body.ok || body.value?.printed !== 'done') throw new Error(`ticket ${i} not printed: ${JSON.stringify(body)}`);
    await printed(before + 1);
    product.push(performance.now() - t0);
  }
  const rssAfter = process.memoryUsage().rss;
  await server.close();
  await core.close();
  await printer.close();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });

  base.sort((a, b) => a - b);
  product.sort((a, b) => a - b);
  const result = {
    n: N,
    profile: PROFILE,
    bytesPerTicket: bytes.length,
    baseline: { p50: percentile(base, 50), p99: percentile(base, 99) },
    ticket: { p50: percentile(product, 50), p99: percentile(product, 99) },
    ratio: { p50: percentile(product, 50) / percentile(base, 50), p99: percentile(product, 99) / percentile(base, 99) },
    rssGrowthMiB: (rssAfter - rssBefore) / 2 ** 20,
  };
  console.table({
    'raw bytes to pty (baseline)': { p50_ms: result.baseline.p50.toFixed(2), p99_ms: result.baseline.p99.toFixed(2) },
    'API call → last byte at printer': { p50_ms: result.ticket.p50.toFixed(2), p99_ms: result.ticket.p99.toFixed(2) },
    'ratio (ticket / baseline)': { p50_ms: result.ratio.p50.toFixed(2), p99_ms: result.ratio.p99.toFixed(2) },
  });
  console.log(`${N} tickets, ${bytes.length} bytes each (${PROFILE}), RSS growth ${result.rssGrowthMiB.toFixed(1)} MiB`);
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/ticket.json', JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
