import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  API_PREFIX,
  AttachmentProgress,
  DossierStatus,
  ErrorBody,
  Headers,
  SubmitResult,
  TokenResponse,
  formatContentRange,
  type DossierSubmissionInput,
} from '../../central/contract.ts';
import { PermanentCentralError, RetryableCentralError, type CentralSystem } from './adapter.ts';

export interface HttpCentralOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Whole request, headers to last body byte. */
  timeoutMs?: number;
  /** Attachment chunk size. */
  chunkBytes?: number;
  /** Clock for token expiry (ms since epoch). */
  now?: () => number;
  /** Refresh this long before the token's announced expiry (capped at a tenth of its lifetime). */
  tokenSkewMs?: number;
  fetch?: typeof fetch;
}

interface RawResponse {
  status: number;
  headers: globalThis.Headers;
  text: string;
}

interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function errorBody(text: string): z.infer<typeof ErrorBody> | undefined {
  try {
    const r = ErrorBody.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined; // Not JSON: the caller falls back to the status line.
  }
}

/** HTTP + OAuth2 client-credentials implementation of CentralSystem. */
export class HttpCentralSystem implements CentralSystem {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly chunkBytes: number;
  private readonly now: () => number;
  private readonly skewMs: number;
  private readonly fetchImpl: typeof fetch;
  private token: { value: string; refreshAt: number } | undefined;
  private tokenInFlight: Promise<string> | undefined;
  /** Tokens fetched so far; visible to technicians and tests. */
  tokensIssued = 0;

  constructor(private readonly opts: HttpCentralOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.chunkBytes = opts.chunkBytes ?? 1024 * 1024;
    this.now = opts.now ?? Date.now;
    this.skewMs = opts.tokenSkewMs ?? 30_000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  async submitDossier(payload: DossierSubmissionInput, idempotencyKey: string): Promise<SubmitResult & { replayed: boolean }> {
    const res = await this.api({
      method: 'POST',
      path: `${API_PREFIX}/dossiers`,
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(payload),
    });
    if (res.status !== 200 && res.status !== 201) throw this.failure(res, 'submit dossier');
    return { ...this.parse(res, SubmitResult, 'submit dossier'), replayed: res.status === 200 };
  }

  async getStatus(code: string): Promise<DossierStatus> {
    const res = await this.api({ method: 'GET', path: `${API_PREFIX}/dossiers/${encodeURIComponent(code)}` });
    if (res.status !== 200) throw this.failure(res, 'get status');
    return this.parse(res, DossierStatus, 'get status');
  }

  async uploadAttachment(code: string, name: string, bytes: Uint8Array): Promise<AttachmentProgress> {
    if (bytes.length === 0) throw new PermanentCentralError('rejected', `attachment "${name}" is empty; nothing to upload`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = `${API_PREFIX}/dossiers/${encodeURIComponent(code)}/attachments/${encodeURIComponent(name)}`;
    const head = await this.api({ method: 'GET', path });
    let committed = 0;
    if (head.status === 200) {
      const p = this.parse(head, AttachmentProgress, 'upload progress');
      if (p.size !== bytes.length || p.sha256 !== sha256) {
        throw new PermanentCentralError('conflict', `attachment "${name}" of ${code} was started with different content on the central side`, 409);
      }
      if (p.complete) return p;
      committed = p.committed;
    } else if (!(head.status === 404 && errorBody(head.text)?.error === 'upload_not_found')) {
      throw this.failure(head, 'upload progress');
    }
    // Each round either commits a chunk or learns the server's committed length; bound the loop anyway.
    const rounds = Math.ceil(bytes.length / this.chunkBytes) * 2 + 4;
    for (let i = 0; i < rounds; i++) {
      const end = Math.min(bytes.length, committed + this.chunkBytes);
      const res = await this.api({
        method: 'PUT',
        path,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': formatContentRange(committed, end - 1, bytes.length),
          [Headers.attachmentSha256]: sha256,
        },
        body: bytes.subarray(committed, end),
      });
      if (res.status === 200 || res.status === 201) {
        const p = this.parse(res, AttachmentProgress, 'upload chunk');
        if (p.complete) return p;
        committed = p.committed;
        continue;
      }
      const err = errorBody(res.text);
      if (res.status === 409 && err?.error === 'range_mismatch' && err.committed !== undefined) {
        committed = err.committed;
        continue;
      }
      if (res.status === 422 && err?.error === 'sha256_mismatch') {
        // Bytes were damaged on the way; the server discarded them, the next attempt starts over.
        throw new RetryableCentralError('bad_response', `attachment "${name}" of ${code} failed its sha256 check on the central side`, 422);
      }
      throw this.failure(res, 'upload chunk');
    }
    throw new RetryableCentralError('bad_response', `attachment "${name}" of ${code}: the server kept moving the committed offset`);
  }

  /** An API call with a bearer token; a 401 drops the cached token and retries once with a fresh one. */
  private async api(spec: RequestSpec): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.send({ ...spec, headers: { ...spec.headers, authorization: `Bearer ${token}` } });
      if (res.status !== 401) return res;
      if (this.token?.value === token) this.token = undefined;
      if (attempt >= 1) throw new RetryableCentralError('auth', 'the central system refused a freshly issued token', 401);
    }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    // One token request at a time, shared by concurrent callers.
    this.tokenInFlight ??= this.fetchToken().finally(() => {
      this.tokenInFlight = undefined;
    });
    return this.tokenInFlight;
  }

  private async fetchToken(): Promise<string> {
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    const basic = Buffer.from(`${enc(this.opts.clientId)}:${enc(this.opts.clientSecret)}`).toString('base64');
    const res = await this.send({
      method: 'POST',
      path: '/oauth/token',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (res.status === 400 || res.status === 401) {
      // Wrong credentials are a configuration fault, not the dossier's: keep it queued, show the technician.
      const err = errorBody(res.text);
      throw new RetryableCentralError('auth', `token request refused (${res.status} ${err?.error ?? ''}); check the kiosk's client id and secret`, res.status);
    }
    if (res.status !== 200) throw this.failure(res, 'token request');
    const t = this.parse(res, TokenResponse, 'token request');
    const lifetime = t.expires_in * 1000;
    this.token = { value: t.access_token, refreshAt: this.now() + lifetime - Math.min(this.skewMs, lifetime / 10) };
    this.tokensIssued++;
    return t.access_token;
  }

  private async send(spec: RequestSpec): Promise<RawResponse> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await this.fetchImpl(this.base + spec.path, {
        method: spec.method,
        headers: spec.headers,
        // A copy: BodyInit wants an ArrayBuffer-backed view, and a chunk is small.
        body: spec.body instanceof Uint8Array ? new Uint8Array(spec.body) : spec.body,
        signal,
        redirect: 'error',
      });
      // The body read is under the same time-out: a server that stalls mid-body is as dead as one that never answers.
      const text = spec.method === 'HEAD' ? '' : await res.text();
      return { status: res.status, headers: res.headers, text };
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError' || signal.aborted) {
        throw new RetryableCentralError('timeout', `${spec.method} ${spec.path}: no complete answer within ${this.timeoutMs} ms`);
      }
      const cause = (e.cause as { code?: string } | undefined)?.code;
      throw new RetryableCentralError('network', `${spec.method} ${spec.path}: ${cause ?? e.message}`);
    }
  }

  private parse<T extends z.ZodType>(res: RawResponse, schema: T, what: string): z.infer<T> {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new RetryableCentralError('bad_response', `${what}: ${res.status} reply is not JSON`, res.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new RetryableCentralError('bad_response', `${what}: ${res.status} reply does not match the contract`, res.status);
    return parsed.data;
  }

  private failure(res: RawResponse, what: string): Error {
    const err = errorBody(res.text);
    const detail = err ? `${err.error}: ${err.message}` : `HTTP ${res.status}`;
    const msg = `${what}: ${res.status} ${detail}`;
    if (res.status === 429 || res.status === 503) {
      const after = parseRetryAfter(res.headers.get('retry-after'), this.now());
      if (res.status === 429 || after !== undefined) return new RetryableCentralError('rate_limited', msg, res.status, after);
    }
    if (res.status >= 500 || res.status === 408) return new RetryableCentralError('server', msg, res.status);
    if (res.status === 404) return new PermanentCentralError('not_found', msg, res.status);
    if (res.status === 409) return new PermanentCentralError('conflict', msg, res.status);
    if (res.status >= 400) return new PermanentCentralError('rejected', msg, res.status, err?.issues);
    // 1xx/3xx where an answer was expected: not something a resend can make worse.
    return new RetryableCentralError('bad_response', msg, res.status);
  }
}
