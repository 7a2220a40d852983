// The two non-JSON things oversight serves over HTTP: voice clips for the hall display (GET /voice/<name>.wav,
// only names the voice renderer accepts) and report exports (GET /exports/report.csv|pdf, supervisor token,
// same query as the `report` operation, which checks the role and validates it).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS } from '../../contract/result.ts';
import type { Core } from '../core.ts';

type Headers = Record<string, string>;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Content-Disposition with an ASCII name and the RFC 5987 form (names are ASCII already; kept safe anyway). */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function serveOversightFile(core: Core, req: IncomingMessage, url: URL, res: ServerResponse, headers: Headers): Promise<void> {
  const clip = /^\/voice\/([^/]+)$/.exec(url.pathname);
  if (clip) {
    const file = core.supervision.voice.clipPath(decodeURIComponent(clip[1]!));
    let size: number | undefined;
    if (file) {
      try {
        size = (await stat(file)).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    if (!file || size === undefined) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'no such clip' } }, headers);
    // Clip names are content hashes: a name always means the same sound.
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(size), 'cache-control': 'public, max-age=86400, immutable', ...headers });
    createReadStream(file).pipe(res);
    return;
  }
  const exp = /^\/exports\/report\.(csv|pdf)$/.exec(url.pathname);
  if (!exp) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `nothing at ${url.pathname}` } }, headers);
  const auth = req.headers.authorization;
  const role = core.auth.roleOf(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
  const input = Object.fromEntries(url.searchParams);
  const reply = await core.dispatch('report', input, { role, origin: req.socket.remoteAddress ?? 'unknown' });
  if (!reply.ok) return sendJson(res, HTTP_STATUS[reply.error.code], reply, headers);
  const q = { period: input.period, date: input.date, groupBy: input.groupBy } as Parameters<Core['reports']['csv']>[0];
  if (exp[1] === 'csv') {
    const { fileName, text } = core.reports.csv(q);
    const body = Buffer.from(text, 'utf8');
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(body.length), 'content-disposition': attachment(fileName), 'cache-control': 'no-store', ...headers });
    res.end(body);
    return;
  }
  const { fileName, bytes } = await core.reports.pdf(q);
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(bytes.length), 'content-disposition': attachment(fileName), 'cache-control': 'no-store', ...headers });
  res.end(Buffer.from(bytes));
}
