import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../main/contract/operations.ts';
import { type RunningServer, startServer } from '../../main/core/api/http-server.ts';
import type { Core } from '../../main/core/core.ts';
import { tempDir, testCore } from '../helpers/core.ts';

// Bad input never crashes the kiosk: every route, fed random JSON by every role, answers with a reply in the
// contract's shape and never a 5xx.
let t: ReturnType<typeof tempDir>;
let core: Core;
let server: RunningServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = tempDir();
  core = testCore({ dataDir: t.dir });
  server = await startServer(core, { host: '127.0.0.1', port: 0 });
  for (const [role, pin] of [
    ['counter', '1111'],
    ['supervisor', '2222'],
    ['technician', '3333'],
  ] as const) {
    const r = (await (await fetch(`${server.url}/api/login`, { method: 'POST', body: JSON.stringify({ role, pin }) })).json()) as { value: { token: string } };
    tokens[role] = r.value.token;
  }
});
afterAll(async () => {
  await server.close();
  await core.close();
  t.remove();
});

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  fc.dictionary(fc.constantFrom('serviceId', 'counterId', 'ticketId', 'code', 'procedureId', 'applicant', 'documents', 'pin', 'role', 'text', 'sessionId', 'x'), jsonValue),
  jsonValue,
  fc.string(),
);
const segment = fc.oneof(fc.constantFrom('1', 'ho-tich', '0', '-1', '..', '%00', 'A001', '000.00.00.H57-260101-0001'), fc.string({ minLength: 1, maxLength: 12 }));

describe('every route under random input', () => {
  it('answers 2xx or 4xx with { ok, value | error }, never a 5xx or a dropped connection', async () => {
    const routes = Object.entries(operations).filter(([name]) => name !== 'login');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, segment, fc.constantFrom(undefined, 'counter', 'supervisor', 'technician'), async ([name, def], b, seg, role) => {
        const path = def.http.path.replace(/:(\w+)/g, () => encodeURIComponent(seg));
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (role) headers.authorization = `Bearer ${tokens[role]}`;
        const init: RequestInit =
          def.http.method === 'GET' ? { method: 'GET', headers } : { method: 'POST', headers, body: typeof b === 'string' ? b : JSON.stringify(b) };
        const url = def.http.method === 'GET' && b && typeof b === 'object' && !Array.isArray(b) ? `${server.url}${path}?${new URLSearchParams(Object.entries(b).map(([k, v]) => [k, String(v)]))}` : server.url + path;
        const res = await fetch(url, init);
        const text = await res.text();
        expect(res.status, `${name} ${path} ${text.slice(0, 200)}`).toBeLessThan(500);
        const reply = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string } };
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) expect(reply.error?.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 600 },
    );
  }, 120_000);
});
