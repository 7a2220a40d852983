// The device manager on real ptys (socat): hot-applied scanner → scan to the kiosk socket only; test page on
// the virtual printer; unplug/replug in the status history.
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { EscPosInterpreter } from '../helpers/virtual-printer.ts';
import { startServer, type RunningServer } from '../../main/core/api/http-server.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { createCore, type Core } from '../../main/core/core.ts';
import { readDeviceHistory } from '../../main/core/devices/history.ts';
import { tempDir } from '../helpers/core.ts';
import { openPtyPair } from '../helpers/pty.ts';
import { startVirtualPrinter } from '../helpers/virtual-printer.ts';
import { createPluggableScanner } from '../helpers/virtual-scanner.ts';
import { openSocket, type TestSocket } from '../helpers/ws-client.ts';

const QR = '001093047064|123456789|Nguyễn Văn A|05011993|Nam|Hà Nội|15082021';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startCore(devices: unknown = {}): Promise<{ core: Core; server: RunningServer; configPath: string; token: string; api: (path: string, body?: unknown) => Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { message: string } } }> }> {
  const t = tempDir();
  const configPath = join(t.dir, 'letan.json');
  writeFileSync(configPath, JSON.stringify({ auth: { technicianPin: '7777' }, devices }));
  const core = createCore({ dataDir: join(t.dir, 'data'), config: parseConfig(JSON.parse(readFileSync(configPath, 'utf8'))), configPath });
  const server = await startServer(core, { host: '127.0.0.1', port: 0 });
  cleanups.push(() => t.remove(), () => core.close(), () => server.close());
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(server.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown } };
  };
  let token = '';
  const login = await api('/api/login', { role: 'technician', pin: '7777' });
  token = (login.body.value as { token: string }).token;
  return { core, server, configPath, token, api };
}

function sockets(url: string, token: string) {
  const ws = url.replace('http', 'ws') + '/ws';
  return Promise.all([openSocket(`${ws}?screen=kiosk`), openSocket(ws), openSocket(`${ws}?token=${token}`)]).then(([kiosk, lan, tech]) => {
    cleanups.push(() => kiosk.close(), () => lan.close(), () => tech.close());
    return { kiosk, lan, tech };
  });
}

describe('device manager on real ptys', () => {
  it('hot-applies a QR scanner: its scan reaches the kiosk socket, a masked frame the technician, nothing the LAN', async () => {
    const { server, token, api, configPath } = await startCore();
    const { kiosk, lan, tech } = await sockets(server.url, token);
    const scanner = createPluggableScanner();
    cleanups.push(() => scanner.dispose());
    const device = await scanner.plug();

    const assigned = await api('/api/tech/assign', { role: 'qr-scanner', id: 'qr-1', path: scanner.devicePath });
    expect(assigned.status).toBe(200);
    expect(assigned.body.value).toMatchObject({ started: ['qr-1'], stopped: [], configPath });
    expect(JSON.parse(readFileSync(configPath, 'utf8')).devices.scanners).toEqual([expect.objectContaining({ kind: 'serial-scanner', id: 'qr-1', path: scanner.devicePath })]);
    await lan.waitForEvent('device', (e) => e.deviceId === 'qr-1' && e.state === 'ready');

    await device.scan(QR, { split: [5, 20] });
    const scan = await kiosk.waitForEvent('scan');
    expect(scan).toMatchObject({ deviceId: 'qr-1', role: 'qr-scanner', error: null, text: null });
    expect(scan.identity).toMatchObject({ idNumber: '001093047064', fullName: 'Nguyễn Văn A', source: 'cccd-qr' });
    const mon = await tech.waitForEvent('monitor');
    expect(mon).toMatchObject({ deviceId: 'qr-1', masked: true, outcome: 'identity', bytes: Buffer.byteLength(QR) });
    expect(mon.text).not.toContain('001093047064');

    // Events reach every socket in emit order: once the LAN socket has the unplug that came after the scan,
    // it would already hold the scan had it been sent there.
    await scanner.unplug();
    await lan.waitForEvent('device', (e) => e.deviceId === 'qr-1' && e.state === 'error');
    expect(lan.events().map((e) => e.type)).not.toContain('scan');
    expect(lan.events().map((e) => e.type)).not.toContain('monitor');
    expect(kiosk.events().map((e) => e.type)).not.toContain('monitor');
    expect(JSON.stringify(lan.messages)).not.toContain('001093047064');
    expect(JSON.stringify(tech.messages)).not.toContain('Nguyễn');
  });

  it('prints the test page on the ticket printer assigned to a pty, down to the cut', async () => {
    const profile = loadProfile('generic-80');
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const printer = await startVirtualPrinter(pair.peerPath, profile);
    cleanups.push(() => printer.close());
    const { server, token, api } = await startCore();
    const { lan } = await sockets(server.url, token);
    const r = await api('/api/tech/assign', { role: 'ticket-printer', id: 'printer-1', path: pair.devicePath, profile: 'generic-80' });
    expect(r.status).toBe(200);
    await lan.waitForEvent('device', (e) => e.deviceId === 'printer-1' && e.state === 'ready');
    const page = await api('/api/tech/test-page', {});
    expect(page.body).toEqual({ ok: true, value: { deviceId: 'printer-1', profile: 'generic-80', simulated: false } });
    expect(printer.tickets).toHaveLength(1);
    const t = printer.tickets[0]!;
    expect(t.cut).toBe('full');
    const text = EscPosInterpreter.textOf(t);
    expect(text).toContain('chào bạn, đường nguyễn trãi, ấp ổ ượng');
    expect(text).toContain('A123');
    expect(t.items).toContainEqual(expect.objectContaining({ kind: 'qr', data: 'letan test page generic-80' }));
    expect(t.items).toContainEqual(expect.objectContaining({ kind: 'barcode', data: 'LETAN-A123' }));
    expect(t.items.filter((i) => i.kind === 'raster').length).toBeGreaterThan(2);
  });

  it('keeps unplug and replug in the status history, in memory and in the table', async () => {
    const scanner = createPluggableScanner();
    cleanups.push(() => scanner.dispose());
    await scanner.plug();
    const { core, server, token, api } = await startCore();
    const { lan } = await sockets(server.url, token);
    await api('/api/tech/config/devices', { devices: { scanners: [{ kind: 'mrz-reader', id: 'mrz-1', path: scanner.devicePath, reopenIntervalMs: 50 }] } });
    await lan.waitForEvent('device', (e) => e.deviceId === 'mrz-1' && e.state === 'ready');
    await scanner.unplug();
    await lan.waitForEvent('device', (e) => e.deviceId === 'mrz-1' && e.state === 'error');
    await scanner.plug();
    const mrzReady = () => lan.events().filter((e) => e.type === 'device' && e.deviceId === 'mrz-1' && e.state === 'ready').length;
    await lan.waitFor(() => mrzReady() === 2);

    const h = await api('/api/tech/devices/mrz-1/history?limit=10');
    const states = (h.body.value as { state: string; problems: string[] }[]).map((e) => e.state).filter((s) => s !== 'connecting' && s !== 'absent');
    expect(states).toEqual(['ready', 'error', 'ready']);
    expect((h.body.value as { problems: string[] }[]).find((e) => e.problems.length)?.problems).toEqual(['unplugged']);
    const rows = readDeviceHistory(core.db, { deviceId: 'mrz-1', limit: 10 }).map((e) => e.state).filter((s) => s !== 'connecting' && s !== 'absent');
    expect(rows).toEqual(['ready', 'error', 'ready']);
    const st = await api('/api/tech/status');
    expect(st.body.value).toMatchObject({ devices: [expect.objectContaining({ deviceId: 'mrz-1', role: 'mrz-reader', state: 'ready' })] });
  });
});
