import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { startCentralServer, type CentralServer } from '../../main/central/server.ts';
import { runCentral } from '../../main/central/cli.ts';
import { makeDossier, TEST_CLIENT, tempDir } from '../helpers/sync-fixtures.ts';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function start(dataDir = tempDir(), extra: Partial<Parameters<typeof startCentralServer>[0]> = {}): Promise<CentralServer> {
  const s = await startCentralServer({ port: 0, dataDir, clients: [TEST_CLIENT], tokenTtlSeconds: 300, ...extra });
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(() => s.close());
  return s;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = 'application/x-www-form-urlencoded';

async function token(s: CentralServer): Promise<string> {
  const r = await fetch(`${s.url}/oauth/token`, { method: 'POST', headers: { authorization: basic(TEST_CLIENT.id, TEST_CLIENT.secret), 'content-type': form }, body: 'grant_type=client_credentials' });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function post(s: CentralServer, tok: string, body: unknown, key: string | undefined, contentType = 'application/json') {
  const headers: Record<string, string> = { authorization: `Bearer ${tok}`, 'content-type': contentType };
  if (key !== undefined) headers['idempotency-key'] = key;
  const r = await fetch(`${s.url}/api/v1/dossiers`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
}

describe('reference central server: OAuth2 client credentials', () => {
  it('issues tokens for Basic or form credentials, refuses wrong ones and bad grants precisely', async () => {
    const s = await start();
    const viaBasic = await fetch(`${s.url}/oauth/token`, { method: 'POST', headers: { authorization: basic(TEST_CLIENT.id, TEST_CLIENT.secret), 'content-type': form }, body: 'grant_type=client_credentials' });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers.get('cache-control')).toBe('no-store');
    expect(await viaBasic.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300, access_token: expect.stringMatching(/^[\w-]{43}$/) });
    const viaForm = await fetch(`${s.url}/oauth/token`, { method: 'POST', headers: { 'content-type': form }, body: `grant_type=client_credentials&client_id=${TEST_CLIENT.id}&client_secret=${TEST_CLIENT.secret}` });
    expect(viaForm.status).toBe(200);
    const wrong = await fetch(`${s.url}/oauth/token`, { method: 'POST', headers: { authorization: basic(TEST_CLIENT.id, 'nope'), 'content-type': form }, body: 'grant_type=client_credentials' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await fetch(`${s.url}/oauth/token`, { method: 'POST', headers: { 'content-type': form }, body: 'grant_type=password' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type', message: expect.stringContaining('use client_credentials') });
  });

  it('rejects missing, unknown and expired bearer tokens with a Bearer challenge', async () => {
    let now = Date.parse('2025-01-02T01:00:00Z');
    const s = await start(tempDir(), { now: () => now, tokenTtlSeconds: 60 });
    const none = await fetch(`${s.url}/api/v1/dossiers/ABC-1`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const tok = await token(s);
    expect((await fetch(`${s.url}/api/v1/dossiers/ABC-1`, { headers: { authorization: `Bearer ${tok}` } })).status).toBe(404);
    now += 60_000;
    const expired = await fetch(`${s.url}/api/v1/dossiers/ABC-1`, { headers: { authorization: `Bearer ${tok}` } });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('token expired');
  });
});

describe('reference central server: dossiers', () => {
  it('creates once per Idempotency-Key, replays the same result, refuses a reused key or a second submission', async () => {
    const s = await start();
    const tok = await token(s);
    const first = await post(s, tok, makeDossier(1), 'key-0000001');
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/dossiers/${encodeURIComponent(makeDossier(1).code)}`);
    expect(first.body).toMatchObject({ code: makeDossier(1).code, status: 'received', centralId: expect.any(String) });
    // Same body with keys in another order: still the same request.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(makeDossier(1)).reverse()));
    const again = await post(s, tok, reordered, 'key-0000001');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await post(s, tok, makeDossier(2), 'key-0000001');
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused' });
    const twice = await post(s, tok, makeDossier(1), 'key-0000002');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'dossier_exists' });
    expect(s.store.listDossiers().map((d) => d.code)).toEqual([makeDossier(1).code]);
  });

  it('validates every request with precise 4xx messages', async () => {
    const s = await start();
    const tok = await token(s);
    expect(await post(s, tok, makeDossier(1), undefined)).toMatchObject({ status: 400, body: { error: 'idempotency_key_required' } });
    expect(await post(s, tok, makeDossier(1), 'bad key!')).toMatchObject({ status: 400, body: { error: 'invalid_idempotency_key' } });
    expect(await post(s, tok, makeDossier(1), 'key-0000001', 'text/plain')).toMatchObject({ status: 415 });
    const notJson = await post(s, tok, '{"code": ', 'key-0000001');
    expect(notJson).toMatchObject({ status: 400, body: { error: 'invalid_json', message: expect.stringContaining('body is not JSON') } });
    const invalid = await post(s, tok, { ...makeDossier(1), fee: { ...makeDossier(1).fee, currency: 'USD' }, applicant: { ...makeDossier(1).applicant, idNumber: 'x' } }, 'key-0000001');
    expect(invalid.status).toBe(422);
    expect((invalid.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['applicant.idNumber', 'fee.currency']);
    const badCode = await fetch(`${s.url}/api/v1/dossiers/a%20b`, { headers: { authorization: `Bearer ${tok}` } });
    expect(badCode.status).toBe(400);
    expect(await badCode.json()).toMatchObject({ error: 'invalid_dossier_code' });
    const wrongMethod = await fetch(`${s.url}/api/v1/dossiers`, { method: 'DELETE', headers: { authorization: `Bearer ${tok}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(s.store.listDossiers()).toEqual([]);
  });

  it('reports status and payment, as set by the back office', async () => {
    const s = await start();
    const tok = await token(s);
    await post(s, tok, makeDossier(1, { fee: { amount: 50000, currency: 'VND', paymentState: 'unpaid' } }), 'key-0000001');
    s.setDossierStatus(makeDossier(1).code, 'processing', 'paid');
    const r = await fetch(`${s.url}/api/v1/dossiers/${encodeURIComponent(makeDossier(1).code)}`, { headers: { authorization: `Bearer ${tok}` } });
    expect(await r.json()).toMatchObject({ code: makeDossier(1).code, status: 'processing', paymentState: 'paid', attachments: [] });
  });

  it('keeps dossiers and idempotency keys across a restart', async () => {
    const dir = tempDir();
    const s1 = await startCentralServer({ port: 0, dataDir: dir, clients: [TEST_CLIENT], tokenTtlSeconds: 300 });
    const first = await post(s1, await token(s1), makeDossier(1), 'key-0000001');
    await s1.close();
    const s2 = await start(dir);
    const again = await post(s2, await token(s2), makeDossier(1), 'key-0000001');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(s2.store.listDossiers()).toHaveLength(1);
  });
});

describe('reference central server: resumable attachments', () => {
  it('commits chunks in order, reports the committed length, verifies sha256 at completion', async () => {
    const s = await start();
    const tok = await token(s);
    await post(s, tok, makeDossier(1), 'key-0000001');
    const bytes = Buffer.from(Array.from({ length: 2500 }, (_, i) => i % 251));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const url = `${s.url}/api/v1/dossiers/${encodeURIComponent(makeDossier(1).code)}/attachments/scan-1.pdf`;
    const put = (start: number, end: number, sha256 = sha, body = bytes.subarray(start, end + 1)) =>
      fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'x-attachment-sha256': sha256 }, body });
    expect((await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${tok}` } })).status).toBe(404);
    expect((await put(0, 999)).status).toBe(200);
    const head = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${tok}` } });
    expect([head.headers.get('x-committed-length'), head.headers.get('x-total-length'), head.headers.get('x-upload-complete')]).toEqual(['1000', '2500', 'false']);
    const gap = await put(1500, 1999);
    expect(gap.status).toBe(409);
    expect(await gap.json()).toMatchObject({ error: 'range_mismatch', committed: 1000 });
    const short = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/octet-stream', 'content-range': `bytes 1000-1999/2500`, 'x-attachment-sha256': sha }, body: bytes.subarray(1000, 1500) });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: 'length_mismatch' });
    expect((await put(1000, 1999)).status).toBe(200);
    const done = await put(2000, 2499);
    expect(done.status).toBe(201);
    expect(await done.json()).toEqual({ name: 'scan-1.pdf', size: 2500, committed: 2500, sha256: sha, complete: true });
    expect(s.store.attachmentBytes(makeDossier(1).code, 'scan-1.pdf')).toEqual(bytes);
    expect((await put(2000, 2499)).status).toBe(200);
  });

  it('discards an upload whose assembled bytes fail the sha256 check', async () => {
    const s = await start();
    const tok = await token(s);
    await post(s, tok, makeDossier(1), 'key-0000001');
    const url = `${s.url}/api/v1/dossiers/${encodeURIComponent(makeDossier(1).code)}/attachments/a.jpg`;
    const r = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-3/4', 'x-attachment-sha256': 'f'.repeat(64) }, body: Buffer.from('abcd') });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ error: 'sha256_mismatch', committed: 0 });
    const g = await fetch(url, { headers: { authorization: `Bearer ${tok}` } });
    expect(await g.json()).toMatchObject({ committed: 0, complete: false });
    const noDossier = await fetch(`${s.url}/api/v1/dossiers/NOPE-123/attachments/a.jpg`, { method: 'PUT', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-3/4', 'x-attachment-sha256': 'f'.repeat(64) }, body: Buffer.from('abcd') });
    expect(noDossier.status).toBe(404);
  });
});

describe('letan central (CLI) and the OpenAPI file', () => {
  it('prints the URL and demo credentials, serves, and stops on abort', async () => {
    const dir = tempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const out: string[] = [];
    const stop = new AbortController();
    let url = '';
    const done = runCentral(['--port', '0', '--data-dir', dir], {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(`ERR ${s}`) },
      cwd: dir,
      signal: stop.signal,
      onListening: (u) => (url = u),
    });
    await expect.poll(() => url).not.toBe('');
    const text = out.join('');
    expect(text).toContain(`listening on ${url}`);
    expect(text).toContain('Client: id=letan-kiosk-demo secret=demo-secret-change-me');
    const t = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: basic('letan-kiosk-demo', 'demo-secret-change-me'), 'content-type': form }, body: 'grant_type=client_credentials' });
    expect(t.status).toBe(200);
    stop.abort();
    expect(await done).toBe(0);
    const errs: string[] = [];
    expect(await runCentral(['--port', 'x'], { stdout: { write: () => 0 }, stderr: { write: (s: string) => errs.push(s) }, cwd: dir })).toBe(2);
    expect(errs.join('')).toContain('--port must be an integer 0-65535, got "x"');
  });

  it('documents every route the server serves, as OpenAPI 3.1', () => {
    const doc = parse(readFileSync(new URL('../../docs/central-api.openapi.yaml', import.meta.url), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, { type: string; flows?: { clientCredentials?: { tokenUrl: string } } }> };
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual([
      'GET /api/v1/dossiers/{code}',
      'GET /api/v1/dossiers/{code}/attachments/{name}',
      'HEAD /api/v1/dossiers/{code}/attachments/{name}',
      'POST /api/v1/dossiers',
      'POST /oauth/token',
      'PUT /api/v1/dossiers/{code}/attachments/{name}',
    ]);
    expect(Object.values(doc.components.securitySchemes).some((s) => s.type === 'oauth2' && s.flows?.clientCredentials?.tokenUrl === '/oauth/token')).toBe(true);
  });
});
