import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnnouncer } from '../../main/core/voice/announcer.ts';
import { callText } from '../../main/core/voice/call-text.ts';
import type { AnnouncementEvent } from '../../main/core/voice/queue.ts';
import { createVoiceRenderer } from '../../main/core/voice/renderer.ts';

// Real espeak-ng and sox (both in .ci/apt-packages.txt). The words are checked through espeak-ng's own phonemes:
// the renderer captures what espeak-ng spoke while writing the WAV, and we compare with hand-written words.
const dir = mkdtempSync(join(tmpdir(), 'letan-voice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const renderer = createVoiceRenderer({ cacheDir: join(dir, 'cache'), gapSeconds: 0.7 });

const soxInfo = (flag: string, file: string) => execFileSync('sox', ['--i', flag, file], { encoding: 'utf8' }).trim();
const durationOf = (file: string) => Number.parseFloat(soxInfo('-D', file));
function maxAmplitude(file: string): number {
  // sox's `stat` effect reports on stderr.
  const report = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  const m = /Maximum amplitude:\s+([0-9.]+)/.exec(report);
  if (!m?.[1]) throw new Error(`no amplitude in sox stat output: ${report}`);
  return Number.parseFloat(m[1]);
}

const EXPECTED_WORDS_VI = 'Mời công dân có số thứ tự a mười hai đến quầy số năm';
const A012 = callText({ ticketNumber: 'A012', counterName: '5' });

describe('rendering a call-out', () => {
  it('speaks exactly the expected Vietnamese words', async () => {
    const clip = await renderer.render({ segments: [{ voice: 'vi', text: A012.spoken.vi }], repeat: 1 });
    const expected = await renderer.phonemes('vi', EXPECTED_WORDS_VI);
    expect(clip.phonemes).toEqual([expected]);
    // …and not espeak-ng's own reading of the raw ticket ("a không mười hai") or of the display text.
    expect(expected).not.toBe(await renderer.phonemes('vi', 'Mời công dân có số thứ tự a không mười hai đến quầy số năm'));
    expect(expected).not.toBe(await renderer.phonemes('vi', A012.display.vi));
    // Tones survive: "mười" (huyền, 2) and "năm" (ngang, 1 with 7 for the short vowel) are in the phoneme string.
    expect(expected).toContain("m'y@2j");
    expect(expected).toContain("n'a7m");
  });

  it('writes a valid mono WAV holding the chime and the speech', async () => {
    const clip = await renderer.render({ segments: [{ voice: 'vi', text: A012.spoken.vi }], repeat: 1 });
    const header = readFileSync(clip.file).subarray(0, 12);
    expect(header.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(header.subarray(8, 12).toString('latin1')).toBe('WAVE');
    expect(soxInfo('-r', clip.file)).toBe('22050');
    expect(soxInfo('-c', clip.file)).toBe('1');
    expect(clip.sampleRate).toBe(22050);
    expect(durationOf(clip.file)).toBeCloseTo(clip.durationSeconds, 3);
    expect(clip.durationSeconds).toBeGreaterThan(0);

    // The clip is the chime followed by the speech: compare with espeak-ng's own rendering of the same words.
    const alone = join(dir, 'alone.wav');
    execFileSync('espeak-ng', ['-v', 'vi', '-s', '145', '-w', alone, EXPECTED_WORDS_VI]);
    const chime = join(dir, 'cache', readdirSync(join(dir, 'cache')).find((n) => n.startsWith('chime-')) ?? '');
    expect(clip.durationSeconds).toBeCloseTo(durationOf(chime) + durationOf(alone), 2);
    expect(clip.name).toMatch(/^[0-9a-f]{32}\.wav$/);
    expect(renderer.clipPath(clip.name)).toBe(clip.file);
    expect(renderer.clipPath('../../etc/passwd')).toBeUndefined();
  });

  it('repeat 2 makes the clip about twice as long', async () => {
    const segments = [{ voice: 'vi', text: A012.spoken.vi }];
    const once = await renderer.render({ segments, repeat: 1 });
    const twice = await renderer.render({ segments, repeat: 2 });
    const ratio = twice.durationSeconds / once.durationSeconds;
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.1);
    // Exactly: the chime is said once, then speech + gap + speech.
    const chime = 1.15;
    expect((twice.durationSeconds - chime - 0.7) / (once.durationSeconds - chime)).toBeCloseTo(2, 2);
  });

  it('applies the volume as a gain', async () => {
    const segments = [{ voice: 'vi', text: 'xin chào' }];
    const full = await renderer.render({ segments, volume: 1 });
    const half = await renderer.render({ segments, volume: 0.5 });
    expect(maxAmplitude(half.file) / maxAmplitude(full.file)).toBeCloseTo(0.5, 2);
  });

  it('reuses a cached clip for the same text and settings', async () => {
    const segments = [{ voice: 'vi', text: 'Mời công dân có số thứ tự bê bảy đến quầy số ba' }];
    const first = await renderer.render({ segments, repeat: 1 });
    const again = await renderer.render({ segments, repeat: 1 });
    expect(first.cached).toBe(false);
    expect(again).toEqual({ ...first, cached: true });
    const louder = await renderer.render({ segments, repeat: 1, volume: 0.9 });
    expect(louder.file).not.toBe(first.file);
  });

  it('keeps at most maxClips, dropping the least recently used', async () => {
    const small = createVoiceRenderer({ cacheDir: join(dir, 'small'), maxClips: 2 });
    const say = (text: string) => small.render({ segments: [{ voice: 'vi', text }] });
    const a = await say('một');
    const b = await say('hai');
    const past = new Date(Date.now() - 3600_000);
    utimesSync(b.file, past, past);
    utimesSync(a.file, new Date(past.getTime() - 1000), new Date(past.getTime() - 1000));
    expect((await say('một')).cached).toBe(true); // a is used again, so b is now the least recent
    const c = await say('ba');
    expect(existsSync(a.file)).toBe(true);
    expect(existsSync(b.file)).toBe(false);
    expect(existsSync(b.file.replace(/\.wav$/, '.json'))).toBe(false);
    expect(existsSync(c.file)).toBe(true);
  });

  it('renders Vietnamese then English in one clip', async () => {
    const clip = await renderer.render({
      segments: [
        { voice: 'vi', text: A012.spoken.vi },
        { voice: 'en', text: A012.spoken.en },
      ],
    });
    expect(clip.phonemes[0]).toBe(await renderer.phonemes('vi', EXPECTED_WORDS_VI));
    // The English voice says the letter name "A" (eI, not the article "a#") and the number value "twelve"; its
    // stress mark on a lone letter differs from any word we could write, so the letter is matched stress-free.
    const [before, after] = (await renderer.phonemes('en', 'Ticket X twelve, please go to counter five')).split(/\S*ks\S*/);
    expect(clip.phonemes[1]).toMatch(new RegExp(`^${escape(before ?? '')}[,']?eI${escape(after ?? '')}$`));
  });
});

describe('a shipped chime', () => {
  it('is converted to the clip format whatever its rate and channels', async () => {
    const stereo = join(dir, 'chime-44k-stereo.wav');
    execFileSync('sox', ['assets/sounds/chime.wav', '-r', '44100', '-c', '2', stereo]);
    const shipped = createVoiceRenderer({ cacheDir: join(dir, 'shipped'), chimeFile: stereo });
    const clip = await shipped.render({ segments: [{ voice: 'vi', text: 'xin chào' }] });
    expect(soxInfo('-r', clip.file)).toBe('22050');
    expect(soxInfo('-c', clip.file)).toBe('1');
    const synthesised = await renderer.render({ segments: [{ voice: 'vi', text: 'xin chào' }] });
    expect(clip.durationSeconds).toBeCloseTo(synthesised.durationSeconds, 2);
  });
});

describe('voice errors are precise and never crash', () => {
  it('an unknown voice is bad-voice', async () => {
    await expect(renderer.render({ segments: [{ voice: 'xx-nope', text: 'chào' }] })).rejects.toMatchObject({
      code: 'bad-voice',
      reason: 'espeak-ng has no voice "xx-nope"',
    });
  });

  it('a missing espeak-ng is tool-missing', async () => {
    const broken = createVoiceRenderer({ cacheDir: join(dir, 'broken'), espeakBin: 'espeak-ng-not-installed' });
    await expect(broken.render({ segments: [{ voice: 'vi', text: 'chào' }] })).rejects.toMatchObject({
      code: 'tool-missing',
      reason: 'espeak-ng-not-installed is not installed (Debian package espeak-ng)',
    });
    const health = await broken.check();
    expect(health.ok).toBe(false);
    expect(health.problems.map((p) => p.code)).toEqual(['tool-missing']);
  });

  it('an option-like voice name never reaches the command line', async () => {
    await expect(renderer.render({ segments: [{ voice: '-w/tmp/x', text: 'chào' }] })).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('reports the installed voices', async () => {
    const health = await renderer.check(['vi', 'en']);
    expect(health).toMatchObject({ ok: true, problems: [] });
    expect(health.voices).toContain('vi');
  });
});

describe('announcer with the real renderer', () => {
  it('renders and plays calls one after another, the failed one reported', async () => {
    const played: string[] = [];
    const announcer = createAnnouncer({
      renderer,
      play: async (clip) => {
        played.push(clip.name);
      },
      settings: { repeat: 1 },
    });
    const events: AnnouncementEvent[] = [];
    announcer.queue.subscribe((e) => events.push(e));
    const a = announcer.call({ ticketNumber: 'A012', counterName: '5' });
    announcer.configure({ voiceVi: 'xx-nope' });
    const b = announcer.call({ ticketNumber: 'A013', counterName: '5' });
    await announcer.queue.idle();
    expect(a.text.display.vi).toBe('Mời công dân có số thứ tự A012 đến quầy số 5');
    expect(events.map((e) => `${e.id === a.id ? 'a' : 'b'}:${e.type}`)).toEqual([
      'a:queued', 'a:rendering', 'b:queued', 'a:ready', 'a:done', 'b:rendering', 'b:failed',
    ]);
    expect(events.at(-1)).toMatchObject({ code: 'bad-voice' });
    expect(played).toHaveLength(1);
    expect(b.id).not.toBe(a.id);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
