import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Config, ConfigError, loadConfigFile } from '../core/config/load.ts';

/** What a CLI command reads and writes, passed in so tests can run commands in-process. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags; on a bad flag prints the reason and the usage and returns null (exit 2). */
export function parseFlags<O extends Options>(args: string[], options: O, usage: string, io: CliIo) {
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return null;
  }
}

/** Loads the config file (or the defaults); a bad one prints the field-naming message and returns null (exit 2). */
export function loadCliConfig(path: string | undefined, io: CliIo): Config | null {
  try {
    return loadConfigFile(path);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`letan: ${err.message}\n`);
    return null;
  }
}
