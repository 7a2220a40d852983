import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCommandPlayer } from '../../main/core/voice/player.ts';
import type { RenderedClip } from '../../main/core/voice/renderer.ts';

const dir = mkdtempSync(join(tmpdir(), 'letan-player-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clip: RenderedClip = { file: '/clips/x.wav', name: 'x.wav', durationSeconds: 1, sampleRate: 22050, phonemes: [], cached: false };

function fakeTool(folder: string, name: string, script: string): void {
  const file = join(folder, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

describe('findCommandPlayer', () => {
  it('is undefined when neither paplay nor aplay is installed', async () => {
    expect(await findCommandPlayer(join(dir, 'empty'))).toBeUndefined();
  });

  it('runs aplay quietly on the clip file', async () => {
    const bin = mkdtempSync(join(dir, 'aplay-'));
    fakeTool(bin, 'aplay', `echo "$@" > ${bin}/args`);
    const play = await findCommandPlayer(bin);
    await play?.(clip, 'a');
    expect(readFileSync(join(bin, 'args'), 'utf8')).toBe('-q /clips/x.wav\n');
  });

  it('prefers paplay, and reports its failure as play-failed', async () => {
    const bin = mkdtempSync(join(dir, 'both-'));
    fakeTool(bin, 'aplay', 'exit 0');
    fakeTool(bin, 'paplay', 'echo "Connection refused" >&2; exit 1');
    const play = await findCommandPlayer(bin);
    await expect(play?.(clip, 'a')).rejects.toMatchObject({
      code: 'play-failed',
      reason: `${join(bin, 'paplay')} exited 1: Connection refused`,
    });
  });
});
