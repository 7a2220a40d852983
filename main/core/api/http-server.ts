import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { HTTP_STATUS, type Reply } from '../../contract/result.ts';
import type { Core } from '../core.ts';
import { compileRoutes, matchRoute } from './routes.ts';
import { isLoopback } from '../util/net.ts';
import { serveStatic } from './static-files.ts';
import { serveOversightFile } from '../supervision/http-files.ts';
import { buildReceiptPdf, type ReceiptFonts } from '../receipt/pdf.ts';
import { loadReceiptFonts } from '../receipt/fonts.ts';
import { AppError } from '../../contract/result.ts';

const MAX_BODY = 1024 * 1024;

export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "media-src 'self' blob:; connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** A socket proves it belongs to a technician (audience 'technician': the device monitor). */
const WsAuth = z.strictObject({ type: z.literal('auth'), token: z.string().max(200) });
const WsRequest = z.object({ id: z.union([z.string(), z.number()]), op: z.string(), input: z.unknown().optional(), token: z.string().optional() });

export interface ServerOptions {
  host: string;
  port: number;
  /** Folder of the built renderer (dist/renderer); omitted in API-only tests. */
  staticRoot?: string;
  /** How long close() lets requests in flight finish before cutting their connections (default 2 s). */
  closeGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

function statusOf(reply: Reply<unknown>): number {
  if (reply.ok) return 200;
  return HTTP_STATUS[reply.error.code];
}

/** The LAN API: every contract operation over HTTP, the same over WebSocket, plus pushed events. */
export async function startServer(core: Core, opts: ServerOptions): Promise<RunningServer> {
  const routes = compileRoutes();

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    if (match === null) return send(res, 404, { ok: false, error: { code: 'not_found', message: `no API route ${url.pathname}` } });
    if (match === 'method') return send(res, 405, { ok: false, error: { code: 'bad_request', message: `${req.method} is not allowed on ${url.pathname}` } });
    let input: Record<string, unknown> = {};
    if (match.route.method === 'GET') {
      input = Object.fromEntries(url.searchParams);
    } else {
      let text: string;
      try {
        text = await readBody(req);
      } catch (err) {
        return send(res, 413, { ok: false, error: { code: 'bad_request', message: (err as Error).message } });
      }
      if (text.trim() !== '') {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (err) {
          return send(res, 400, { ok: false, error: { code: 'bad_request', message: `body is not valid JSON: ${(err as Error).message}` } });
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'body must be a JSON object' } });
        }
        input = body as Record<string, unknown>;
      }
    }
    for (const [k, v] of Object.entries(match.params)) {
      if (k in input && String(input[k]) !== v) {
        return send(res, 400, { ok: false, error: { code: 'bad_request', message: `${k} in the body differs from the path` } });
      }
      input[k] = v;
    }
    const caller = core.auth.callerOf(bearer(req));
    const reply = await core.dispatch(match.route.op, input, { ...caller, origin: req.socket.remoteAddress ?? 'unknown' });
    send(res, statusOf(reply), reply);
  }

  let fonts: ReceiptFonts | null = null;
  /** The receipt as a PDF; its link carries a random token, since the receipt holds personal data. */
  async function handleReceipt(token: string, res: ServerResponse): Promise<void> {
    try {
      const data = core.intake.receiptData(token);
      fonts ??= loadReceiptFonts();
      const pdf = await buildReceiptPdf(data, fonts);
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="giay-tiep-nhan-${data.dossierCode}.pdf"`, 'cache-control': 'no-store', ...SECURITY_HEADERS });
      res.end(Buffer.from(pdf));
    } catch (err) {
      if (err instanceof AppError) return send(res, HTTP_STATUS[err.code], { ok: false, error: err.toApiError() });
      throw err;
    }
  }

  /** Runs an async handler; a failure is logged and answered with a 500 if nothing was sent yet. */
  const guard = (what: string, res: ServerResponse, work: Promise<unknown>) =>
    void work.catch((err: unknown) => {
      core.log('error', `${what} failed`, { err: String(err) });
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: `${what} failed` } });
    });

  // Requests being answered, so that a shutdown that has to cut them can say which ones it cut.
  const inFlight = new Map<IncomingMessage, string>();
  let closing = false;
  // Once the last answer has gone out, what is left are kept-alive or speculative (pre-connected) sockets
  // that would hold close() open; nothing is lost by cutting them.
  const cutWhenQuiet = () => {
    if (inFlight.size === 0) server.closeAllConnections();
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    inFlight.set(req, `${req.method} ${url.pathname}`);
    res.once('close', () => {
      inFlight.delete(req);
      if (closing) cutWhenQuiet();
    });
    if (url.pathname === '/healthz') return send(res, 200, { ok: true, value: 'up' });
    const receipt = /^\/files\/receipts\/([A-Za-z0-9_-]{16,40})\.pdf$/.exec(url.pathname);
    if (receipt && req.method === 'GET') {
      return guard('receipt PDF', res, handleReceipt(receipt[1]!, res));
    }
    const scanPage = /^\/files\/scan\/([A-Za-z0-9_-]{20,40})(\.thumb)?\.jpg$/.exec(url.pathname);
    if (scanPage && req.method === 'GET') {
      // A citizen's scanned page: to the kiosk machine only, by the page's random id, never cached.
      if (!isLoopback(req.socket.remoteAddress ?? '')) return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'scanned pages are shown on the kiosk only' } });
      return guard(
        'scan page image',
        res,
        core.scans.image(scanPage[1]!, scanPage[2] ? 'thumb' : 'view').then((jpg) => {
          if (!jpg) return send(res, 404, { ok: false, error: { code: 'not_found', message: 'no such page (discarded or expired)' } });
          res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store', ...SECURITY_HEADERS });
          res.end(jpg);
        }),
      );
    }
    if (req.method === 'GET' && (url.pathname.startsWith('/voice/') || url.pathname.startsWith('/exports/'))) {
      return guard('oversight file', res, serveOversightFile(core, req, url, res, SECURITY_HEADERS));
    }
    if (url.pathname.startsWith('/api/')) {
      return guard('HTTP handler', res, handleApi(req, res, url));
    }
    if (req.method === 'GET' && opts.staticRoot) {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      if (serveStatic(opts.staticRoot, url.pathname, res)) return;
    }
    send(res, 404, { ok: false, error: { code: 'not_found', message: `nothing at ${url.pathname}` } });
  });

  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: MAX_BODY });
  const sockets = new Set<WebSocket>();
  const kioskSockets = new Set<WebSocket>();
  // Sockets that presented a technician token; the token is checked again at every delivery, so an expired
  // session stops receiving technician events without the socket having to close.
  const technicianTokens = new Map<WebSocket, string>();
  const technicianSockets = (): WebSocket[] =>
    [...technicianTokens].flatMap(([ws, token]) => {
      if (core.auth.roleOf(token) === 'technician') return [ws];
      technicianTokens.delete(ws);
      return [];
    });
  const unsubscribe = core.events.subscribe((event, audience) => {
    const text = JSON.stringify({ type: 'event', event });
    const targets = audience === 'kiosk' ? kioskSockets : audience === 'technician' ? technicianSockets() : sockets;
    for (const ws of targets) if (ws.readyState === ws.OPEN) ws.send(text);
  });
  wss.on('connection', (ws, req) => {
    // A screen reconnecting while the core shuts down would otherwise hold the server open.
    if (closing) return ws.terminate();
    sockets.add(ws);
    const origin = req.socket.remoteAddress ?? 'unknown';
    // Personal data from the kiosk's card readers goes only to a kiosk page on this very machine.
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const wantsKiosk = params.get('screen') === 'kiosk';
    if (wantsKiosk && isLoopback(origin)) kioskSockets.add(ws);
    const queryToken = params.get('token');
    if (queryToken && core.auth.roleOf(queryToken) === 'technician') technicianTokens.set(ws, queryToken);
    ws.on('close', () => {
      sockets.delete(ws);
      kioskSockets.delete(ws);
      technicianTokens.delete(ws);
    });
    ws.on('error', (err) => core.log('warn', 'websocket error', { err: String(err) }));
    ws.on('message', (data) => {
      let msg: z.infer<typeof WsRequest>;
      try {
        const raw: unknown = JSON.parse(String(data));
        const auth = WsAuth.safeParse(raw);
        if (auth.success) {
          const ok = core.auth.roleOf(auth.data.token) === 'technician';
          if (ok) technicianTokens.set(ws, auth.data.token);
          else technicianTokens.delete(ws);
          ws.send(JSON.stringify({ type: 'auth', ok, role: ok ? 'technician' : null }));
          return;
        }
        msg = WsRequest.parse(raw);
      } catch (err) {
        ws.send(JSON.stringify({ type: 'reply', id: null, reply: { ok: false, error: { code: 'bad_request', message: `bad message: ${(err as Error).message}` } } }));
        return;
      }
      void core
        .dispatch(msg.op, msg.input ?? {}, { ...core.auth.callerOf(msg.token), origin })
        .then((reply) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ type: 'reply', id: msg.id, reply })));
    });
    // A new screen starts from the current state rather than waiting for the next change.
    ws.send(JSON.stringify({ type: 'event', event: { type: 'queue', snapshot: core.queue.snapshot() } }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    async close() {
      closing = true;
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      // Browsers keep connections alive: idle ones go at once, requests being answered get a grace period,
      // then are cut, so that a stuck request can never keep the core from stopping.
      server.closeIdleConnections();
      cutWhenQuiet();
      const cut = setTimeout(() => {
        if (inFlight.size) core.log('warn', 'shutdown cut requests still in flight', { requests: [...inFlight.values()] });
        server.closeAllConnections();
      }, opts.closeGraceMs ?? 2000);
      await closed;
      clearTimeout(cut);
    },
  };
}
