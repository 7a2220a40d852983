// Stopping the core must never hang on what browsers leave open: kept-alive and pre-connected sockets, a
// screen reconnecting its WebSocket, or a request that never finishes arriving.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer } from '../../main/core/api/http-server.ts';
import { createCore } from '../../main/core/core.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { tempDir } from '../helpers/core.ts';

const cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function rig(closeGraceMs: number) {
  const t = tempDir();
  const logs: Array<{ level: string; msg: string; extra?: unknown }> = [];
  const core = createCore({
    dataDir: t.dir,
    config: parseConfig({}),
    printer: () => null,
    publicUrl: () => 'http://kiosk.test',
    log: (level, msg, extra) => logs.push({ level, msg, extra }),
  });
  const server = await startServer(core, { host: '127.0.0.1', port: 0, closeGraceMs });
  cleanup.push(async () => {
    await core.close();
    t.remove();
  });
  return { server, logs, port: server.port };
}

function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
    cleanup.push(() => void s.destroy());
  });
}

describe('closing the LAN server', () => {
  it('does not wait for kept-alive, pre-connected or WebSocket connections', async () => {
    // A grace far beyond the test's time-out: close() may only finish by not waiting at all.
    const { server, port, logs } = await rig(10 * 60_000);
    const keepAlive = await rawSocket(port);
    const answered = new Promise<string>((r) => keepAlive.once('data', (d) => r(String(d))));
    keepAlive.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    expect(await answered).toContain('200 OK');
    await rawSocket(port); // connected, never sends a request (Chromium's pre-connect)
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise((r) => ws.once('open', r));
    const wsClosed = new Promise((r) => ws.once('close', r));

    await server.close();
    await wsClosed;
    expect(logs.filter((l) => l.msg.includes('shutdown'))).toEqual([]);
  });

  it('cuts a request that never finishes after the grace period and says which one it was', async () => {
    const { server, port, logs } = await rig(200);
    const stuck = await rawSocket(port);
    const ended = new Promise((r) => stuck.once('close', r));
    // A body announced as 100 bytes of which 10 ever arrive: the handler waits for the rest.
    stuck.write('POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"service"');
    await new Promise((r) => setTimeout(r, 100));

    await server.close();
    await ended;
    expect(logs).toContainEqual({ level: 'warn', msg: 'shutdown cut requests still in flight', extra: { requests: ['POST /api/tickets'] } });
  });
});
