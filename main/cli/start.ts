import { join } from 'node:path';
import { createLogger } from '../core/log/index.ts';
import { createCore } from '../core/core.ts';
import { startServer } from '../core/api/http-server.ts';
import { defaultDataDir, rendererDist } from '../core/util/paths.ts';
import { type CliIo, loadCliConfig, parseFlags } from './io.ts';

const SHUTDOWN_DEADLINE_MS = 15_000;

export const START_USAGE = 'usage: letan start --headless [--port N] [--host ADDR] [--data-dir DIR] [--config FILE]';

/** `letan start --headless`: the core alone, serving the kiosk pages and the LAN API until SIGINT/SIGTERM. */
export async function runStart(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(
    args,
    {
      headless: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
    },
    START_USAGE,
    io,
  );
  if (!values) return 2;
  if (!values.headless) {
    io.stderr.write('letan start without --headless needs the Electron shell: run `npm start`.\n' + START_USAGE + '\n');
    return 2;
  }
  const config = loadCliConfig(values.config, io);
  if (!config) return 2;
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`letan: --port must be a whole number from 0 to 65535, got "${values.port}"\n`);
      return 2;
    }
    config.server.port = port;
  }
  if (values.host) config.server.host = values.host;
  const dataDir = values['data-dir'] ?? defaultDataDir();

  let url = '';
  const logger = await createLogger({ dir: join(dataDir, 'logs'), level: 'info', rotate: { size: '10m', count: 5 } });
  const core = createCore({
    dataDir,
    config,
    configPath: values.config ?? null,
    publicUrl: () => config.server.publicUrl ?? url,
    log: (level, msg, extra) => {
      logger.logger[level](extra ?? {}, msg);
      // Technicians watching the console see what needs them; the file (redacted, rotated) keeps everything.
      if (level !== 'info') io.stderr.write(`${new Date().toISOString()} ${level} ${msg}\n`);
    },
  });
  const server = await startServer(core, { host: config.server.host, port: config.server.port, staticRoot: rendererDist() });
  url = server.url;
  io.stdout.write(`letan headless core: kiosk ${url}/  counter ${url}/counter  data ${dataDir}\n`);
  if (!config.devices.printer) io.stdout.write('no ticket printer configured: using the simulated printer\n');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Stop in order (no new requests, then the core, then the logs), but never hang: a service manager
  // waiting on a kiosk that will not stop is worse than a WAL database closed by the OS.
  let step = 'the LAN server';
  const stopped = (async () => {
    await server.close();
    step = 'the core (devices, scans, OCR, database)';
    await core.close();
    step = 'the log files';
    await logger.close();
  })();
  const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), SHUTDOWN_DEADLINE_MS).unref());
  if ((await Promise.race([stopped, deadline])) === 'late') {
    io.stderr.write(`letan: still stopping ${step} after ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway\n`);
    process.exit(1);
  }
  return 0;
}
