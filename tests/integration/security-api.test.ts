// Every staff-only operation refused without a token (401) and with the wrong role (403), over HTTP and
// WebSocket; expired tokens; login limiting; loopback by default; events kept to their audience.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, opNames } from '../../main/contract/operations.ts';
import type { Role } from '../../main/contract/schemas.ts';
import { startServer, type RunningServer } from '../../main/core/api/http-server.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { createCore, type Core } from '../../main/core/core.ts';
import { manualClock, tempDir } from '../helpers/core.ts';
import { startHeadless } from '../helpers/headless.ts';
import { openSocket, type TestSocket } from '../helpers/ws-client.ts';

const PINS = { counter: '1357', supervisor: '2468', technician: '9753' } as const;
const staffRoles = ['counter', 'supervisor', 'technician'] as const;
const protectedOps = opNames.filter((n) => !(operations[n].roles as readonly Role[]).includes('citizen'));

let core: Core;
let server: RunningServer;
let data: ReturnType<typeof tempDir>;
const clock = manualClock('2026-03-02T02:00:00.000Z');
const tokens: Partial<Record<(typeof staffRoles)[number], string>> = {};

async function http(path: string, method: 'GET' | 'POST', token?: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
}

async function wsCall(s: TestSocket, id: number, op: string, token?: string) {
  s.send({ id, op, input: {}, ...(token ? { token } : {}) });
  const m = await s.waitFor<{ reply: { ok: boolean; error?: { code: string } } }>((x) => x.type === 'reply' && x.id === id);
  return m.reply;
}

beforeAll(async () => {
  data = tempDir();
  core = createCore({ dataDir: data.dir, clock, config: parseConfig({ auth: { counterPin: PINS.counter, supervisorPin: PINS.supervisor, technicianPin: PINS.technician, tokenTtlMinutes: 30 } }) });
  server = await startServer(core, { host: '127.0.0.1', port: 0 });
  for (const role of staffRoles) {
    const r = await http('/api/login', 'POST', undefined, { role, pin: PINS[role] });
    tokens[role] = (r.body.value as { token: string }).token;
  }
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  data?.remove();
});

describe('every staff-only operation', () => {
  it('covers the technician tools too', () => {
    expect(protectedOps).toEqual(expect.arrayContaining(['listDevices', 'assignDevice', 'applyDevices', 'printTestPage', 'setMonitorRaw', 'deviceHistory']));
  });

  it('answers 401 without a token and 403 with a token of another role, over HTTP', async () => {
    const checked: string[] = [];
    for (const name of protectedOps) {
      const def = operations[name];
      const path = def.http.path.replace(/:(\w+)/g, (_, p: string) => `x${p.length}`);
      const none = await http(path, def.http.method);
      expect([name, none.status, none.body.error?.code]).toEqual([name, 401, 'unauthorized']);
      const wrong = staffRoles.find((r) => !(def.roles as readonly Role[]).includes(r));
      if (!wrong) continue; // every staff role may call it
      const other = await http(path, def.http.method, tokens[wrong]);
      expect([name, wrong, other.status, other.body.error?.code]).toEqual([name, wrong, 403, 'forbidden']);
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['listDevices', 'printTestPage', 'setMonitorRaw']));
  });

  it('answers unauthorized without a token and forbidden with another role’s token, over WebSocket', async () => {
    const s = await openSocket(server.url.replace('http', 'ws') + '/ws');
    let id = 0;
    for (const name of protectedOps) {
      const def = operations[name];
      expect([name, (await wsCall(s, ++id, name)).error?.code]).toEqual([name, 'unauthorized']);
      const wrong = staffRoles.find((r) => !(def.roles as readonly Role[]).includes(r));
      if (wrong) expect([name, (await wsCall(s, ++id, name, tokens[wrong])).error?.code]).toEqual([name, 'forbidden']);
    }
    s.close();
  });
});

describe('sessions and logins', () => {
  it('refuses an expired token (manual clock), to the millisecond', async () => {
    const later = manualClock('2026-03-02T02:00:00.000Z');
    const c = createCore({ dataDir: `${data.dir}/expiry`, clock: later, config: parseConfig({ auth: { technicianPin: '9753', tokenTtlMinutes: 5 } }) });
    const ctx = { role: 'citizen' as const, origin: '127.0.0.1' };
    const token = ((await c.dispatch('login', { role: 'technician', pin: '9753' }, ctx)) as { value: { token: string } }).value.token;
    later.advance(5 * 60_000 - 1);
    expect((await c.dispatch('listDevices', {}, { role: c.auth.roleOf(token), origin: 'x' })).ok).toBe(true);
    later.advance(1);
    expect(c.auth.roleOf(token)).toBe('citizen');
    expect(await c.dispatch('listDevices', {}, { role: c.auth.roleOf(token), origin: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await c.close();
  });

  it('an expired token over HTTP is a 401', async () => {
    const login = await http('/api/login', 'POST', undefined, { role: 'technician', pin: PINS.technician });
    const token = (login.body.value as { token: string }).token;
    expect((await http('/api/tech/status', 'GET', token)).status).toBe(200);
    clock.advance(30 * 60_000);
    expect((await http('/api/tech/status', 'GET', token)).status).toBe(401);
    clock.advance(-30 * 60_000);
  });

  it('limits failed logins per origin, even with the right PIN afterwards', async () => {
    for (let i = 0; i < 5; i++) expect((await http('/api/login', 'POST', undefined, { role: 'technician', pin: '0000' })).status).toBe(401);
    const locked = await http('/api/login', 'POST', undefined, { role: 'technician', pin: PINS.technician });
    expect([locked.status, locked.body.error?.code]).toEqual([429, 'rate_limited']);
    clock.advance(5 * 60_000 + 1);
    expect((await http('/api/login', 'POST', undefined, { role: 'technician', pin: PINS.technician })).status).toBe(200);
  });
});

describe('event audiences', () => {
  it('kiosk and technician events never reach an ordinary LAN socket; technician events only a technician socket', async () => {
    const technicianLogin = await http('/api/login', 'POST', undefined, { role: 'technician', pin: PINS.technician });
    const techToken = (technicianLogin.body.value as { token: string }).token;
    const base = server.url.replace('http', 'ws') + '/ws';
    const lan = await openSocket(base);
    const kiosk = await openSocket(`${base}?screen=kiosk`);
    const techQuery = await openSocket(`${base}?token=${techToken}`);
    const techMsg = await openSocket(base);
    techMsg.send({ type: 'auth', token: techToken });
    expect(await techMsg.waitFor((m) => m.type === 'auth')).toMatchObject({ ok: true });
    const counterSock = await openSocket(base);
    counterSock.send({ type: 'auth', token: tokens.counter });
    expect(await counterSock.waitFor((m) => m.type === 'auth')).toMatchObject({ ok: false });
    const forged = await openSocket(`${base}?token=not-a-token`);

    core.events.emit({ type: 'notice', text: 'for-kiosk' }, 'kiosk');
    core.events.emit({ type: 'notice', text: 'for-technician' }, 'technician');
    core.events.emit({ type: 'notice', text: 'for-all' });
    const all = [lan, kiosk, techQuery, techMsg, counterSock, forged];
    for (const s of all) await s.waitForEvent('notice', (e) => e.text === 'for-all');
    const notices = (s: TestSocket) => s.events().flatMap((e) => (e.type === 'notice' ? [e.text] : []));
    expect(notices(lan)).toEqual(['for-all']);
    expect(notices(counterSock)).toEqual(['for-all']);
    expect(notices(forged)).toEqual(['for-all']);
    expect(notices(kiosk)).toEqual(['for-kiosk', 'for-all']);
    expect(notices(techQuery)).toEqual(['for-technician', 'for-all']);
    expect(notices(techMsg)).toEqual(['for-technician', 'for-all']);

    // the session ends: the socket stays open but technician events stop
    clock.advance(30 * 60_000 + 1);
    core.events.emit({ type: 'notice', text: 'after-expiry' }, 'technician');
    core.events.emit({ type: 'notice', text: 'all-2' });
    await techQuery.waitForEvent('notice', (e) => e.text === 'all-2');
    expect(notices(techQuery)).not.toContain('after-expiry');
    clock.advance(-(30 * 60_000 + 1));
    for (const s of all) s.close();
  });
});

describe('binding', () => {
  it('a default-config headless core listens on loopback only', async () => {
    const d = tempDir();
    const h = await startHeadless(['--data-dir', d.dir]);
    try {
      const pid = h.proc.pid!;
      const inodes = new Set(
        readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
          try {
            const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
            return m ? [m[1]!] : [];
          } catch {
            return []; // fd closed while we looked
          }
        }),
      );
      const listening = ['tcp', 'tcp6'].flatMap((f) =>
        readFileSync(`/proc/${pid}/net/${f}`, 'utf8')
          .split('\n')
          .slice(1)
          .map((l) => l.trim().split(/\s+/))
          .filter((c) => c[3] === '0A' && inodes.has(c[9]!))
          .map((c) => c[1]!),
      );
      const port = Number(new URL(h.url).port);
      expect(listening).toEqual([`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
    } finally {
      await h.stop();
      d.remove();
    }
  });
});
