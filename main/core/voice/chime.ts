import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from './run-tool.ts';

/** A two-tone "ding–dong" (G5 then E5, short attack, long decay) as sox synth arguments; the one source of the chime. */
export function chimeSoxArgs(outFile: string, sampleRate: number): string[] {
  const tone = (seconds: number, hz: number) =>
    ['synth', String(seconds), 'sine', String(hz), 'fade', 'l', '0.005', String(seconds), String(seconds - 0.05), 'vol', '0.5'];
  return ['-n', '-r', String(sampleRate), '-c', '1', '-b', '16', outFile, ...tone(0.45, 783.99), ':', ...tone(0.7, 659.26)];
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export interface ChimeOptions {
  soxBin: string;
  cacheDir: string;
  sampleRate: number;
  /** A shipped chime (any format sox reads); converted once to the clip format. Without it one is synthesised. */
  source?: string;
}

/**
 * The chime as a mono 16-bit WAV at the clip sample rate, made once into the cache dir (sox can only join files
 * of the same rate and channel count, so a shipped chime is converted rather than used as is).
 */
export async function ensureChime(o: ChimeOptions): Promise<string> {
  const id = createHash('sha256')
    .update(JSON.stringify({ source: o.source ?? chimeSoxArgs('', o.sampleRate), rate: o.sampleRate }))
    .digest('hex')
    .slice(0, 16);
  const file = join(o.cacheDir, `chime-${id}.wav`);
  if (await exists(file)) return file;
  await mkdir(o.cacheDir, { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp.wav`;
  if (o.source === undefined) await runTool(o.soxBin, chimeSoxArgs(tmp, o.sampleRate));
  else await runTool(o.soxBin, [o.source, '-r', String(o.sampleRate), '-c', '1', '-b', '16', tmp]);
  await rename(tmp, file);
  return file;
}

/** A stretch of silence in the clip format, cached like the chime. */
export async function ensureSilence(o: { soxBin: string; cacheDir: string; sampleRate: number; seconds: number }): Promise<string> {
  const file = join(o.cacheDir, `silence-${o.sampleRate}-${o.seconds}.wav`);
  if (await exists(file)) return file;
  await mkdir(o.cacheDir, { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp.wav`;
  await runTool(o.soxBin, ['-n', '-r', String(o.sampleRate), '-c', '1', '-b', '16', tmp, 'trim', '0', String(o.seconds)]);
  await rename(tmp, file);
  return file;
}
