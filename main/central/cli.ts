import { resolve } from 'node:path';
import { startCentralServer, type CentralClient } from './server.ts';

export interface CentralCliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Working directory for the default data dir. */
  cwd: string;
  /** Aborting stops the server; without it, SIGINT/SIGTERM do. */
  signal?: AbortSignal;
  /** Told the URL once listening (tests, the bench). */
  onListening?(url: string): void;
}

export const CENTRAL_USAGE = `Usage: letan central [--port N] [--data-dir DIR] [--host ADDR] [--client ID:SECRET] [--token-ttl SECONDS]
  Runs the reference central dossier server (OAuth2 client credentials + REST, docs/central-api.openapi.yaml).
  Defaults: --port 8787, --data-dir ./letan-central-data, --host 127.0.0.1, one demo client, --token-ttl 3600.
`;

const DEMO_CLIENT: CentralClient = { id: 'letan-kiosk-demo', secret: 'demo-secret-change-me' };

interface Parsed {
  port: number;
  host: string;
  dataDir: string;
  clients: CentralClient[];
  tokenTtlSeconds: number;
}

export function parseCentralArgs(args: readonly string[], cwd: string): Parsed | string {
  const out: Parsed = { port: 8787, host: '127.0.0.1', dataDir: resolve(cwd, 'letan-central-data'), clients: [], tokenTtlSeconds: 3600 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--help' || flag === '-h') return 'help';
    if (value === undefined) return `${flag} needs a value`;
    i++;
    switch (flag) {
      case '--port': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 65535) return `--port must be an integer 0-65535, got "${value}"`;
        out.port = n;
        break;
      }
      case '--host':
        out.host = value;
        break;
      case '--data-dir':
        out.dataDir = resolve(cwd, value);
        break;
      case '--client': {
        const colon = value.indexOf(':');
        if (colon < 1 || colon === value.length - 1) return `--client must be ID:SECRET, got "${value.slice(0, 40)}"`;
        out.clients.push({ id: value.slice(0, colon), secret: value.slice(colon + 1) });
        break;
      }
      case '--token-ttl': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) return `--token-ttl must be a positive integer of seconds, got "${value}"`;
        out.tokenTtlSeconds = n;
        break;
      }
      default:
        return `unknown option "${String(flag).slice(0, 40)}"`;
    }
  }
  if (out.clients.length === 0) out.clients.push(DEMO_CLIENT);
  return out;
}

/** `letan central …`: resolves with the exit code once stopped. */
export async function runCentral(args: readonly string[], io: CentralCliIo): Promise<number> {
  const parsed = parseCentralArgs(args, io.cwd);
  if (parsed === 'help') {
    io.stdout.write(CENTRAL_USAGE);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr.write(`letan central: ${parsed}\n${CENTRAL_USAGE}`);
    return 2;
  }
  let server;
  try {
    server = await startCentralServer({ ...parsed });
  } catch (err) {
    io.stderr.write(`letan central: could not start: ${(err as Error).message}\n`);
    return 1;
  }
  io.stdout.write(`Central dossier server listening on ${server.url}\n`);
  io.stdout.write(`Data: ${parsed.dataDir}\n`);
  io.stdout.write(`Token endpoint: ${server.url}/oauth/token (grant_type=client_credentials, token TTL ${parsed.tokenTtlSeconds} s)\n`);
  for (const c of parsed.clients) io.stdout.write(`Client: id=${c.id} secret=${c.secret}\n`);
  io.onListening?.(server.url);
  await new Promise<void>((resolveStop) => {
    if (io.signal) {
      if (io.signal.aborted) resolveStop();
      else io.signal.addEventListener('abort', () => resolveStop(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  io.stdout.write('Central dossier server stopped\n');
  return 0;
}
