import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

/** Serves the built renderer; unknown paths get index.html so the React pages route themselves. */
export function serveStatic(root: string, pathname: string, res: ServerResponse): boolean {
  // The bundle uses relative asset URLs (so Electron can load it from a file); a page at /t/<id> therefore
  // asks for /t/assets/…, which is the same file as /assets/….
  const assetAt = pathname.lastIndexOf('/assets/');
  const wanted = assetAt > 0 ? pathname.slice(assetAt) : pathname;
  const rel = normalize(decodeURIComponent(wanted)).replace(/^([/\\])+/, '');
  const file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) return false;
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  if (!existsSync(target)) return false;
  const immutable = target.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(target).pipe(res);
  return true;
}
