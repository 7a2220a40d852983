import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { operations } from '../../main/contract/operations.ts';
import { type RunningServer, startServer } from '../../main/core/api/http-server.ts';
import type { Core } from '../../main/core/core.ts';
import { tempDir, testCore } from '../helpers/core.ts';
import { startHeadless } from '../helpers/headless.ts';

let t: ReturnType<typeof tempDir>;
let core: Core;
let server: RunningServer;

beforeAll(async () => {
  t = tempDir();
  core = testCore({ dataDir: t.dir });
  server = await startServer(core, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await core.close();
  t.remove();
});

const post = (path: string, body: unknown, token?: string) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('HTTP API', () => {
  it('lists services and issues a ticket with its number', async () => {
    const services = (await (await fetch(`${server.url}/api/services`)).json()) as { ok: boolean; value: { id: string }[] };
    expect(services.ok).toBe(true);
    expect(services.value.map((s) => s.id)).toContain('ho-tich');
    const res = await post('/api/tickets', { serviceId: 'ho-tich' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; value: { number: string } };
    expect(body.value.number).toMatch(/^A\d{3}$/);
  });

  it('answers bad bodies with a 4xx and a precise message', async () => {
    const cases: [unknown, number, RegExp][] = [
      ['{not json', 400, /not valid JSON/],
      ['[1,2]', 400, /JSON object/],
      [{}, 400, /serviceId/],
      [{ serviceId: 42 }, 400, /serviceId: .*expected string/],
      [{ serviceId: 'ho-tich', extra: 1 }, 400, /extra/],
      [{ serviceId: 'ho-tich', holderId: '123' }, 400, /holderId: holderId must be the 12-digit/],
      [{ serviceId: 'no-such' }, 404, /no service "no-such"/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post('/api/tickets', body);
      const json = (await res.json()) as { ok: false; error: { message: string } };
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(json.ok).toBe(false);
      expect(json.error.message).toMatch(message);
    }
    expect((await fetch(`${server.url}/api/tickets`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${server.url}/api/nothing`)).status).toBe(404);
  });

  it('refuses every staff operation without a token, and accepts it after login', async () => {
    const staffOps = Object.entries(operations).filter(([, d]) => !(d.roles as readonly string[]).includes('citizen'));
    expect(staffOps.length).toBeGreaterThan(5);
    for (const [name, def] of staffOps) {
      const path = def.http.path.replace(/:(\w+)/g, '1');
      const res = def.http.method === 'GET' ? await fetch(server.url + path) : await post(path, {});
      expect(res.status, name).toBe(401);
    }
    const wrong = await post('/api/login', { role: 'counter', pin: '0000' });
    expect(wrong.status).toBe(401);
    const login = (await (await post('/api/login', { role: 'counter', pin: '1111' })).json()) as { value: { token: string } };
    const opened = await post('/api/counters/1/open', {}, login.value.token);
    expect(opened.status).toBe(200);
  });

  it('limits login attempts per origin', async () => {
    let last = 0;
    for (let i = 0; i < 7; i++) last = (await post('/api/login', { role: 'supervisor', pin: '9999' })).status;
    expect(last).toBe(429);
    // even the right PIN waits out the lock
    expect((await post('/api/login', { role: 'supervisor', pin: '2222' })).status).toBe(429);
  });

  it('never skips or repeats a number under concurrent requests', async () => {
    const replies = await Promise.all(Array.from({ length: 60 }, () => post('/api/tickets', { serviceId: 'chung-thuc' }).then((r) => r.json() as Promise<{ value: { number: string } }>)));
    const numbers = replies.map((r) => Number(r.value.number.slice(1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('pushes queue changes over the WebSocket, and answers operations on it', async () => {
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/ws');
    const messages: { type: string; id?: number; event?: { type: string; snapshot?: { services: { id: string; waiting: number }[] } }; reply?: { ok: boolean } }[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    const waitFor = async (pred: (m: (typeof messages)[number]) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const m = messages.find(pred);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('message not received');
    };
    await waitFor((m) => m.event?.type === 'queue');
    const before = messages.length;
    ws.send(JSON.stringify({ id: 7, op: 'issueTicket', input: { serviceId: 'ly-lich-tu-phap' } }));
    const reply = await waitFor((m) => m.type === 'reply' && m.id === 7);
    expect(reply.reply?.ok).toBe(true);
    const pushed = await waitFor((m) => messages.indexOf(m) >= before && m.event?.type === 'queue');
    expect(pushed.event?.snapshot?.services.find((s) => s.id === 'ly-lich-tu-phap')?.waiting).toBe(1);
    ws.send('garbage');
    const bad = await waitFor((m) => m.type === 'reply' && m.id === null);
    expect(bad.reply?.ok).toBe(false);
    ws.close();
  });
});

describe('headless process', () => {
  it('keeps numbering gapless and unique across kill -9 and restart', async () => {
    const d = tempDir();
    try {
      const first = await startHeadless(['--data-dir', d.dir]);
      const got: string[] = [];
      const ask = () =>
        fetch(`${first.url}/api/tickets`, { method: 'POST', body: JSON.stringify({ serviceId: 'ho-tich' }) })
          .then((r) => r.json() as Promise<{ value: { number: string } }>)
          .then((j) => void got.push(j.value.number))
          .catch(() => undefined); // requests cut by the kill get no answer; the database says what happened
      await Promise.all(Array.from({ length: 10 }, ask));
      const inflight = Array.from({ length: 40 }, ask);
      await new Promise((r) => setTimeout(r, 30));
      first.proc.kill('SIGKILL');
      await Promise.all(inflight);
      await first.stop();
      const second = await startHeadless(['--data-dir', d.dir]);
      const after = (await (await fetch(`${second.url}/api/tickets`, { method: 'POST', body: JSON.stringify({ serviceId: 'ho-tich' }) })).json()) as { value: { number: string } };
      await second.stop();
      const db = new Database(`${d.dir}/letan.db`, { readonly: true });
      const seqs = (db.prepare("SELECT seq FROM tickets WHERE prefix = 'A' ORDER BY seq").all() as { seq: number }[]).map((r) => r.seq);
      db.close();
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(after.value.number).toBe(`A${String(seqs.length).padStart(3, '0')}`);
      for (const n of got) expect(seqs).toContain(Number(n.slice(1)));
      expect(got.length).toBeGreaterThanOrEqual(10);
    } finally {
      d.remove();
    }
  });

  it('stops with a message naming the field when the config is bad', async () => {
    const d = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${d.dir}/c.json`, JSON.stringify({ server: { port: 'eighty' } }));
    await expect(startHeadless(['--data-dir', d.dir, '--config', `${d.dir}/c.json`])).rejects.toThrow(/server\.port/);
    d.remove();
  });
});
