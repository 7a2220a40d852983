import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureChime, ensureSilence } from './chime.ts';
import { VoiceError, toVoiceError } from './errors.ts';
import { runTool } from './run-tool.ts';
import { renderRequestSchema, voiceNameSchema, type RenderRequest, type SpeechSegment } from './settings.ts';

// Bump when the way clips are assembled changes, so old cached clips are not reused.
const RENDER_VERSION = 1;
const CLIP_NAME = /^[0-9a-f]{32}\.wav$/;

export interface VoiceRendererOptions {
  /** Where the chime, silence and rendered clips live; clips are in `<cacheDir>/clips/<32 hex>.wav`. */
  cacheDir: string;
  espeakBin?: string;
  soxBin?: string;
  /** espeak-ng words per minute; slower than its default 175 because many callers are elderly. */
  speed?: number;
  /** Silence between repeats and between languages. */
  gapSeconds?: number;
  /** A shipped chime file; without it a two-tone chime is synthesised into the cache on first use. */
  chimeFile?: string;
  /** Least recently used clips beyond this many are deleted after each render. */
  maxClips?: number;
  timeoutMs?: number;
}

export interface RenderedClip {
  /** Absolute path of the WAV. */
  file: string;
  /** File name inside `clipsDir` — what the HTTP server puts in the URL. */
  name: string;
  durationSeconds: number;
  sampleRate: number;
  /** espeak-ng's phonemes for each segment, captured while it wrote the audio (the words actually spoken). */
  phonemes: string[];
  cached: boolean;
}

export interface VoiceHealth {
  ok: boolean;
  problems: VoiceError[];
  voices: string[];
}

export interface VoiceRenderer {
  readonly clipsDir: string;
  render(request: RenderRequest): Promise<RenderedClip>;
  /** The phonemes espeak-ng speaks for `text`, whitespace-normalised (same form as RenderedClip.phonemes). */
  phonemes(voice: string, text: string): Promise<string>;
  /** Absolute path of a clip by its URL name, or undefined for anything that is not a clip name (no traversal). */
  clipPath(name: string): string | undefined;
  /** Are espeak-ng and sox installed, and which voices does espeak-ng have. */
  check(requiredVoices?: readonly string[]): Promise<VoiceHealth>;
}

const sidecarSchema = z.object({
  durationSeconds: z.number().positive(),
  sampleRate: z.number().int().positive(),
  phonemes: z.array(z.string()),
});

function normalisePhonemes(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** espeak-ng prints "The specified espeak-ng voice does not exist" and exits 1 for an unknown voice. */
function classifyEspeakError(e: unknown, voice: string): VoiceError {
  const err = toVoiceError(e, 'render-failed');
  if (err.code === 'render-failed' && /voice does not exist|failed to load voice/i.test(err.reason)) {
    return new VoiceError('bad-voice', `espeak-ng has no voice "${voice}"`, { cause: err });
  }
  return err;
}

export function createVoiceRenderer(options: VoiceRendererOptions): VoiceRenderer {
  const espeak = options.espeakBin ?? 'espeak-ng';
  const sox = options.soxBin ?? 'sox';
  const speed = options.speed ?? 145;
  const gapSeconds = options.gapSeconds ?? 0.7;
  const maxClips = options.maxClips ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sampleRate = 22_050; // espeak-ng's native rate; the chime and silence are made to match
  const clipsDir = join(options.cacheDir, 'clips');
  const tmpRoot = join(options.cacheDir, 'tmp');
  const inFlight = new Map<string, Promise<RenderedClip>>();
  let chime: Promise<string> | undefined;
  const tool = (bin: string, args: string[], input?: string) => runTool(bin, args, { input, timeoutMs });

  function getChime(): Promise<string> {
    chime ??= ensureChime({ soxBin: sox, cacheDir: options.cacheDir, sampleRate, source: options.chimeFile }).catch((e: unknown) => {
      chime = undefined; // a later render may succeed once sox is installed
      throw e;
    });
    return chime;
  }

  async function probe(file: string): Promise<{ durationSeconds: number; sampleRate: number }> {
    const d = await tool(sox, ['--i', '-D', file]);
    const r = await tool(sox, ['--i', '-r', file]);
    const durationSeconds = Number.parseFloat(d.stdout);
    const rate = Number.parseInt(r.stdout, 10);
    if (!(durationSeconds > 0) || !(rate > 0)) {
      throw new VoiceError('render-failed', `sox reports an empty clip (duration "${d.stdout.trim()}", rate "${r.stdout.trim()}")`);
    }
    return { durationSeconds, sampleRate: rate };
  }

  async function speak(segment: SpeechSegment, out: string): Promise<string> {
    try {
      const { stdout } = await tool(espeak, ['-v', segment.voice, '-s', String(speed), '-x', '-w', out, '--stdin'], segment.text);
      return normalisePhonemes(stdout);
    } catch (e) {
      throw classifyEspeakError(e, segment.voice);
    }
  }

  async function loadCached(file: string, meta: string): Promise<RenderedClip | undefined> {
    let text: string;
    try {
      text = await readFile(meta, 'utf8');
      await stat(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined; // a torn sidecar (power cut mid-write): render again, overwriting it
    }
    const parsed = sidecarSchema.safeParse(json);
    if (!parsed.success) return undefined;
    const name = file.slice(clipsDir.length + 1);
    // Touch it: pruning removes the least recently used clips, not the most often called ones.
    const now = new Date();
    await utimes(file, now, now);
    return { file, name, ...parsed.data, cached: true };
  }

  async function prune(): Promise<void> {
    const names = (await readdir(clipsDir)).filter((n) => CLIP_NAME.test(n));
    if (names.length <= maxClips) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(clipsDir, n))).mtimeMs })));
    dated.sort((a, b) => a.t - b.t);
    for (const { n } of dated.slice(0, dated.length - maxClips)) {
      await rm(join(clipsDir, n), { force: true });
      await rm(join(clipsDir, n.replace(/\.wav$/, '.json')), { force: true });
    }
  }

  async function renderNew(key: string, req: z.infer<typeof renderRequestSchema>): Promise<RenderedClip> {
    const name = `${key}.wav`;
    const file = join(clipsDir, name);
    const meta = join(clipsDir, `${key}.json`);
    const cached = await loadCached(file, meta);
    if (cached) return cached;

    await mkdir(clipsDir, { recursive: true });
    const work = join(tmpRoot, `${key}-${randomUUID()}`);
    await mkdir(work, { recursive: true });
    try {
      const [chimeFile, gap] = await Promise.all([
        getChime(),
        ensureSilence({ soxBin: sox, cacheDir: options.cacheDir, sampleRate, seconds: gapSeconds }),
      ]);
      const speech: string[] = [];
      const phonemes: string[] = [];
      for (const [i, segment] of req.segments.entries()) {
        const raw = join(work, `seg-${i}.wav`);
        phonemes.push(await speak(segment, raw));
        // A voice with another native rate (e.g. mbrola) is resampled so sox can join it with the chime.
        const { sampleRate: rate } = await probe(raw);
        if (rate === sampleRate) speech.push(raw);
        else {
          const fixed = join(work, `seg-${i}-${sampleRate}.wav`);
          await tool(sox, [raw, '-r', String(sampleRate), '-c', '1', '-b', '16', fixed]);
          speech.push(fixed);
        }
      }
      // chime, then the speech (all languages, gap-separated) said `repeat` times with a gap between.
      const once = speech.flatMap((s, i) => (i === 0 ? [s] : [gap, s]));
      const inputs = [chimeFile];
      for (let r = 0; r < req.repeat; r += 1) inputs.push(...(r === 0 ? once : [gap, ...once]));
      const out = join(work, 'clip.wav');
      await tool(sox, [...inputs, out, 'vol', String(req.volume)]);
      const info = await probe(out);
      await rename(out, file);
      const clip = { durationSeconds: info.durationSeconds, sampleRate: info.sampleRate, phonemes };
      await writeFile(meta, JSON.stringify(clip));
      await prune();
      return { file, name, ...clip, cached: false };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  return {
    clipsDir,

    async render(request) {
      const parsed = renderRequestSchema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new VoiceError('bad-input', `render: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`);
      }
      const req = parsed.data;
      // The cache key covers everything that changes the audio, so a clip is reused only if it would be identical.
      const key = createHash('sha256')
        .update(JSON.stringify({ v: RENDER_VERSION, req, speed, gapSeconds, chime: options.chimeFile ?? null }))
        .digest('hex')
        .slice(0, 32);
      const running = inFlight.get(key);
      if (running) return running;
      const job = renderNew(key, req)
        .catch((e: unknown) => {
          throw toVoiceError(e, 'render-failed');
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, job);
      return job;
    },

    async phonemes(voice, text) {
      const v = voiceNameSchema.safeParse(voice);
      if (!v.success) throw new VoiceError('bad-input', `voice "${voice}" is not an espeak-ng voice name`);
      try {
        const { stdout } = await tool(espeak, ['-v', voice, '-q', '-x', '--stdin'], text);
        return normalisePhonemes(stdout);
      } catch (e) {
        throw classifyEspeakError(e, voice);
      }
    },

    clipPath(name) {
      return CLIP_NAME.test(name) ? join(clipsDir, name) : undefined;
    },

    async check(requiredVoices = ['vi']) {
      const problems: VoiceError[] = [];
      let voices: string[] = [];
      try {
        const { stdout } = await tool(espeak, ['--voices']);
        // Columns: Pty Language Age/Gender VoiceName File Other; `-v` accepts the language and the aliases listed
        // under Other as "(en 2)" — that is how plain "en" resolves to en-gb.
        const names = new Set<string>();
        for (const line of stdout.split('\n').slice(1)) {
          const language = line.trim().split(/\s+/)[1];
          if (language) names.add(language);
          for (const m of line.matchAll(/\(([A-Za-z0-9_+-]+) \d+\)/g)) if (m[1]) names.add(m[1]);
        }
        voices = [...names].sort();
        for (const v of requiredVoices) {
          if (!voices.includes(v)) problems.push(new VoiceError('bad-voice', `espeak-ng has no voice "${v}"`));
        }
      } catch (e) {
        problems.push(toVoiceError(e, 'render-failed'));
      }
      try {
        await tool(sox, ['--version']);
      } catch (e) {
        problems.push(toVoiceError(e, 'render-failed'));
      }
      return { ok: problems.length === 0, problems, voices };
    },
  };
}
