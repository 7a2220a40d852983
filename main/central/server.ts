import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  API_PREFIX,
  AttachmentName,
  DossierCode,
  DossierSubmission,
  Headers,
  IdempotencyKey,
  describeIssues,
  parseContentRange,
  type DossierStatusName,
  type PaymentState,
} from './contract.ts';
import { openCentralDatabase } from './db.ts';
import { createCentralStore, type CentralStore } from './store.ts';
import type { CentralHooks, Fault, RequestInfo } from './faults.ts';

export interface CentralClient {
  id: string;
  secret: string;
}

export interface CentralServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dataDir: string;
  clients: readonly CentralClient[];
  tokenTtlSeconds: number;
  hooks?: CentralHooks;
  /** Server clock (ms since epoch): token expiry and timestamps. Tests move it to expire tokens. */
  now?: () => number;
  maxJsonBytes?: number;
  maxChunkBytes?: number;
}

export interface CentralServer {
  url: string;
  port: number;
  store: CentralStore;
  /** Forget every issued token, as a central restart or key rotation would. */
  revokeTokens(): void;
  setDossierStatus(code: string, status: DossierStatusName, paymentState?: PaymentState): boolean;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

class BodyTooLarge extends Error {}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});
const problem = (status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  json(status, { error, message, ...extra }, headers);

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The reference central dossier system: real HTTP, real SQLite storage, OAuth2 client-credentials. */
export async function startCentralServer(opts: CentralServerOptions): Promise<CentralServer> {
  const now = opts.now ?? Date.now;
  const maxJson = opts.maxJsonBytes ?? 1024 * 1024;
  const maxChunk = opts.maxChunkBytes ?? 4 * 1024 * 1024;
  const db = openCentralDatabase(opts.dataDir);
  const store = createCentralStore(db, now);
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();
  const secrets = new Map(opts.clients.map((c) => [c.id, digest(c.secret)]));

  function authenticateClient(req: IncomingMessage, form: URLSearchParams): string | undefined {
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
        id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      }
    }
    if (id === undefined || secret === undefined) return undefined;
    const expected = secrets.get(id);
    return expected && timingSafeEqual(expected, digest(secret)) ? id : undefined;
  }

  async function token(req: IncomingMessage): Promise<Reply> {
    if (req.method !== 'POST') return problem(405, 'method_not_allowed', 'use POST /oauth/token', {}, { allow: 'POST' });
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return json(400, { error: 'invalid_request', error_description: 'body must be application/x-www-form-urlencoded', message: 'body must be application/x-www-form-urlencoded' });
    }
    const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') {
      const msg = grant === null ? 'grant_type is required' : `grant_type "${grant.slice(0, 40)}" is not supported; use client_credentials`;
      return json(400, { error: grant === null ? 'invalid_request' : 'unsupported_grant_type', error_description: msg, message: msg });
    }
    const clientId = authenticateClient(req, form);
    if (!clientId) {
      const msg = 'unknown client or wrong secret';
      return json(401, { error: 'invalid_client', error_description: msg, message: msg }, { 'www-authenticate': 'Basic realm="central"' });
    }
    const accessToken = randomBytes(32).toString('base64url');
    tokens.set(accessToken, { clientId, expiresAt: now() + opts.tokenTtlSeconds * 1000 });
    return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: opts.tokenTtlSeconds }, { 'cache-control': 'no-store' });
  }

  function bearer(req: IncomingMessage): string | Reply {
    const auth = req.headers.authorization;
    const challenge = (desc: string) =>
      problem(401, 'invalid_token', desc, {}, { 'www-authenticate': `Bearer realm="central", error="invalid_token", error_description="${desc}"` });
    if (!auth?.startsWith('Bearer ')) return problem(401, 'unauthorized', 'Authorization: Bearer <token> is required', {}, { 'www-authenticate': 'Bearer realm="central"' });
    const t = tokens.get(auth.slice(7).trim());
    if (!t) return challenge('unknown token');
    if (t.expiresAt <= now()) {
      tokens.delete(auth.slice(7).trim());
      return challenge('token expired');
    }
    return t.clientId;
  }

  async function submit(req: IncomingMessage, clientId: string): Promise<Reply> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return problem(415, 'unsupported_media_type', 'body must be application/json');
    }
    const rawKey = req.headers[Headers.idempotencyKey];
    if (typeof rawKey !== 'string') return problem(400, 'idempotency_key_required', 'Idempotency-Key header is required');
    const key = IdempotencyKey.safeParse(rawKey);
    if (!key.success) return problem(400, 'invalid_idempotency_key', key.error.issues[0]?.message ?? 'bad Idempotency-Key');
    const raw = await readBody(req, maxJson);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      return problem(400, 'invalid_json', `body is not JSON: ${(err as Error).message}`);
    }
    const dossier = DossierSubmission.safeParse(parsed);
    if (!dossier.success) {
      return problem(422, 'validation_failed', 'the dossier does not match the contract', { issues: describeIssues(dossier.error) });
    }
    const out = store.submit(clientId, key.data, dossier.data);
    switch (out.kind) {
      case 'created':
        return json(201, out.result, { location: `${API_PREFIX}/dossiers/${encodeURIComponent(out.result.code)}` });
      case 'replayed':
        return json(200, out.result, { 'idempotent-replayed': 'true' });
      case 'key_reused':
        return problem(409, 'idempotency_key_reused', `Idempotency-Key "${key.data}" was already used with a different dossier body`);
      case 'dossier_exists':
        return problem(409, 'dossier_exists', `dossier ${dossier.data.code} was already submitted under another Idempotency-Key`);
    }
  }

  async function attachment(req: IncomingMessage, code: string, name: string): Promise<Reply> {
    if (req.method === 'HEAD' || req.method === 'GET') {
      const p = store.progress(code, name);
      if (p === 'no_dossier') return problem(404, 'dossier_not_found', `no dossier ${code}`);
      if (p === 'no_upload') return problem(404, 'upload_not_found', `no upload of "${name}" for dossier ${code}`, { committed: 0 });
      const headers = {
        [Headers.committedLength]: String(p.committed),
        [Headers.totalLength]: String(p.size),
        [Headers.complete]: String(p.complete),
      };
      return req.method === 'HEAD' ? { status: 200, headers } : json(200, p, headers);
    }
    if (req.method !== 'PUT') return problem(405, 'method_not_allowed', 'use PUT, HEAD or GET', {}, { allow: 'PUT, HEAD, GET' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      return problem(415, 'unsupported_media_type', 'chunk body must be application/octet-stream');
    }
    const range = parseContentRange(req.headers['content-range']);
    if (typeof range === 'string') return problem(400, 'invalid_content_range', range);
    const sha = req.headers[Headers.attachmentSha256];
    if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) {
      return problem(400, 'invalid_sha256', `${Headers.attachmentSha256} header must be the whole attachment's sha256 as 64 lowercase hex digits`);
    }
    const length = range.end - range.start + 1;
    if (length > maxChunk) return problem(413, 'chunk_too_large', `chunks may be at most ${maxChunk} bytes; this one is ${length}`);
    const data = await readBody(req, maxChunk);
    if (data.length !== length) {
      return problem(400, 'length_mismatch', `Content-Range announces ${length} bytes but the body has ${data.length}`);
    }
    const out = store.putChunk(code, name, range, sha, data);
    switch (out.kind) {
      case 'no_dossier':
        return problem(404, 'dossier_not_found', `no dossier ${code}; submit it before its attachments`);
      case 'mismatch':
        return problem(409, 'upload_mismatch', out.message, { committed: out.committed });
      case 'range':
        return problem(409, 'range_mismatch', `expected a chunk starting at byte ${out.committed}, got ${range.start}`, { committed: out.committed });
      case 'partial':
        return json(200, out.progress);
      case 'complete':
        return json(out.already ? 200 : 201, out.progress);
      case 'sha256_mismatch':
        return problem(422, 'sha256_mismatch', `assembled attachment has sha256 ${out.actual}, expected ${out.expected}; upload discarded, start again from byte 0`, { committed: 0 });
    }
  }

  async function route(req: IncomingMessage, path: string): Promise<Reply> {
    if (path === '/oauth/token') return token(req);
    if (!path.startsWith(`${API_PREFIX}/dossiers`)) return problem(404, 'not_found', `no such endpoint: ${path.slice(0, 100)}`);
    const who = bearer(req);
    if (typeof who !== 'string') return who;
    const rest = path.slice(`${API_PREFIX}/dossiers`.length);
    if (rest === '' || rest === '/') {
      if (req.method !== 'POST') return problem(405, 'method_not_allowed', 'use POST to submit a dossier', {}, { allow: 'POST' });
      return submit(req, who);
    }
    const segs = rest.slice(1).split('/').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return '\u0000'; // Malformed escapes fail the code/name validation below with a precise message.
      }
    });
    const code = DossierCode.safeParse(segs[0]);
    if (!code.success) return problem(400, 'invalid_dossier_code', code.error.issues[0]?.message ?? 'bad dossier code');
    if (segs.length === 1) {
      if (req.method !== 'GET') return problem(405, 'method_not_allowed', 'use GET to read a dossier status', {}, { allow: 'GET' });
      const s = store.status(code.data);
      return s ? json(200, s) : problem(404, 'dossier_not_found', `no dossier ${code.data}`);
    }
    if (segs.length === 3 && segs[1] === 'attachments') {
      const name = AttachmentName.safeParse(segs[2]);
      if (!name.success) return problem(400, 'invalid_attachment_name', name.error.issues[0]?.message ?? 'bad attachment name');
      return attachment(req, code.data, name.data);
    }
    return problem(404, 'not_found', `no such endpoint: ${path.slice(0, 100)}`);
  }

  function send(res: ServerResponse, r: Reply, info: RequestInfo) {
    res.writeHead(r.status, r.headers);
    res.end(r.body);
    opts.hooks?.onRequestEnd?.(info, r.status);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const info: RequestInfo = { method: req.method ?? 'GET', path };
    opts.hooks?.onRequestStart?.(info);
    const fault: Fault | undefined = opts.hooks?.faultFor?.(info);
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status' || fault?.kind === 'rate_limit') {
      req.resume(); // Drain the body so the client is not cut off mid-write.
      await new Promise((r) => req.on('end', r));
      if (fault.kind === 'status') return send(res, problem(fault.status, 'injected_fault', `injected ${fault.status}`), info);
      return send(
        res,
        problem(429, 'rate_limited', `slow down; retry after ${fault.retryAfterSeconds} s`, {}, { 'retry-after': String(fault.retryAfterSeconds) }),
        info,
      );
    }
    let reply: Reply;
    try {
      reply = await route(req, path);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        reply = problem(413, 'body_too_large', 'request body is too large', {}, { connection: 'close' });
      } else {
        // A store failure (disk full, corrupt DB): say so, keep serving.
        reply = problem(500, 'internal_error', `the central server could not handle the request: ${(err as Error).message}`);
      }
    }
    if (fault?.kind === 'drop_after_commit') {
      req.socket.destroy();
      opts.hooks?.onRequestEnd?.(info, 'dropped');
      return;
    }
    if (fault?.kind === 'delay_reply') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'garbage' && reply.status < 300) {
      reply = { status: reply.status, headers: { 'content-type': 'application/json' }, body: '{"centralId": "<html><body>Gateway' };
    }
    send(res, reply, info);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Never let one request take the server down.
      if (!res.headersSent) send(res, problem(500, 'internal_error', String(err)), { method: req.method ?? '', path: req.url ?? '' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    db.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    revokeTokens: () => tokens.clear(),
    setDossierStatus: (code, status, paymentState) => store.setStatus(code, status, paymentState),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
