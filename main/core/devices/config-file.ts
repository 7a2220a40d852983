import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseConfig } from '../config/load.ts';

export class ConfigWriteError extends Error {
  override readonly name = 'ConfigWriteError';
}

/**
 * Replaces the `devices` section of the config file, keeping every other key exactly as the file had it.
 * Atomic: the new text goes to a temporary file in the same folder, is flushed, then renamed over the old one,
 * so a power cut leaves either the old file or the new one, never half of each. The merged file is validated
 * as a whole before anything is written.
 */
export function writeDevicesSection(path: string, devices: unknown): void {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigWriteError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigWriteError(`config file ${path} does not hold a JSON object`);
  const next = { ...(raw as Record<string, unknown>), devices };
  parseConfig(next, `config file ${path} with the new devices`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode = 0o600;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (e) {
    throw new ConfigWriteError(`cannot stat config file ${path}: ${(e as Error).message}`);
  }
  try {
    writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n', { mode });
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch (cleanup) {
      if ((cleanup as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigWriteError(`cannot write ${path} (${(e as Error).message}) nor remove ${tmp}: ${(cleanup as Error).message}`);
    }
    throw new ConfigWriteError(`cannot write config file ${path}: ${(e as Error).message}`);
  }
}
