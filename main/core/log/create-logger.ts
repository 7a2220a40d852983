import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import pinoRoll from 'pino-roll';
import { z } from 'zod';
import { maskLogLine, REDACTED, redactPaths } from './mask.ts';

export const loggerOptionsSchema = z.object({
  /** Folder of the log files: `<dir>/<baseName>.<n>.log`, n counting up as files rotate. */
  dir: z.string().min(1),
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  rotate: z
    .object({
      /** Size at which a new file is started: bytes as a number, or "512k", "10m". */
      size: z.union([z.number().int().positive(), z.string().regex(/^\d+[kmg]$/i)]).default('10m'),
      /** Rotated files kept besides the current one. */
      count: z.number().int().min(1).max(100).default(10),
    })
    .default({ size: '10m', count: 10 }),
  baseName: z.string().regex(/^[a-z0-9-]+$/).default('letan'),
  /** Extra field names to redact, on top of PERSONAL_FIELDS. */
  redact: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
});
export type LoggerOptions = z.input<typeof loggerOptionsSchema>;

export interface LetanLogger {
  logger: Logger;
  /** Log files of this base name in `dir`, oldest first. */
  files(): Promise<string[]>;
  /** Resolves when every line logged so far is in the file and a rotation it made due has happened. */
  flush(): Promise<void>;
  /** Flushes and closes the file; the logger must not be used afterwards. */
  close(): Promise<void>;
}

// pino-roll reads a bare number as megabytes; we take a bare number as bytes, which is what a caller means.
function sizeForRoll(size: number | string): string {
  return typeof size === 'number' ? `${size}b` : size;
}

/**
 * A pino logger writing JSON lines to size-rotated files (pino-roll rolls when the stream drains after a write
 * crosses the size, so a file can overshoot by one burst of lines), in this process (no worker thread: it works the same
 * under Electron, tsx and vitest). Personal data is removed twice: pino `redact` for the known fields, and a final
 * pass over every written line that redacts those fields at any depth and masks ID and phone numbers in any text.
 */
export async function createLogger(options: LoggerOptions): Promise<LetanLogger> {
  const o = loggerOptionsSchema.parse(options);
  const stream = await pinoRoll({
    file: join(o.dir, o.baseName),
    extension: '.log',
    size: sizeForRoll(o.rotate.size),
    limit: { count: o.rotate.count },
    mkdir: true,
    // Synchronous writes: a kiosk logs little, and the lines before a crash or power cut are the ones we need.
    sync: true,
  });
  const fields = [...redactPaths(), ...redactPaths(o.redact)];
  const logger = pino(
    {
      level: o.level as LevelWithSilent,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: fields, censor: REDACTED },
      hooks: { streamWrite: maskLogLine },
    },
    stream,
  );
  const pattern = new RegExp(`^${o.baseName}\\.(\\d+)\\.log$`);
  return {
    logger,
    async files() {
      const names = (await readdir(o.dir)).filter((n) => pattern.test(n));
      const number = (n: string) => Number(pattern.exec(n)?.[1] ?? 0);
      return names.sort((a, b) => number(a) - number(b)).map((n) => join(o.dir, n));
    },
    flush() {
      // Writes are synchronous; pino-roll rolls on the "drain" sonic-boom emits on the next tick, so wait past it.
      return new Promise((resolve, reject) => {
        logger.flush((err) => (err ? reject(err) : setImmediate(resolve)));
      });
    },
    async close() {
      if (stream.destroyed) return;
      const closed = once(stream, 'close');
      stream.end();
      await closed;
    },
  };
}
