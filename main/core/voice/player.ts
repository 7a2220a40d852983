import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { VoiceError } from './errors.ts';
import type { PlayClip } from './queue.ts';
import { runTool } from './run-tool.ts';

// For a headless box without a hall-display page: play through ALSA or PulseAudio, whichever is installed.
const PLAYERS = [
  { bin: 'paplay', args: (file: string) => [file] },
  { bin: 'aplay', args: (file: string) => ['-q', file] },
] as const;

async function onPath(bin: string, pathEnv: string): Promise<string | undefined> {
  for (const dir of pathEnv.split(delimiter).filter((d) => d !== '')) {
    const candidate = join(dir, bin);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'EACCES') throw e;
    }
  }
  return undefined;
}

/** A PlayClip that runs paplay or aplay and resolves when it exits; undefined when neither is installed. */
export async function findCommandPlayer(pathEnv = process.env.PATH ?? ''): Promise<PlayClip | undefined> {
  for (const p of PLAYERS) {
    const bin = await onPath(p.bin, pathEnv);
    if (bin !== undefined) return createCommandPlayer(bin, p.args);
  }
  return undefined;
}

export function createCommandPlayer(bin: string, args: (file: string) => readonly string[]): PlayClip {
  return async (clip) => {
    try {
      // A generous time-out: a clip is at most a few repeats of a sentence.
      await runTool(bin, args(clip.file), { timeoutMs: Math.ceil(clip.durationSeconds * 1000) + 30_000 });
    } catch (e) {
      const reason = e instanceof VoiceError ? e.reason : String(e);
      throw new VoiceError('play-failed', reason, { cause: e });
    }
  };
}
