// The hall's call-outs: on each call the announcer renders "Mời công dân có số thứ tự … đến quầy số …" (chime
// first), the hall displays are told the clip URL, and the next clip waits until a display reports the end
// (or the clip's length has passed, so a hall without a display never blocks the queue).
import { join } from 'node:path';
import type { Announcement } from '../../contract/ops/display.ts';
import type { VoiceSettings } from '../../contract/ops/supervisor.ts';
import { projectRoot } from '../util/paths.ts';
import { callText, createAnnouncer, createVoiceRenderer, type RenderedClip, type VoiceRenderer } from '../voice/index.ts';

export interface HallVoiceDeps {
  cacheDir: string;
  settings: () => VoiceSettings;
  announce: (a: Announcement) => void;
  /** Voice health for the dashboard's device table: null problem = working. */
  health: (problem: string | null) => void;
  log: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  renderer?: VoiceRenderer;
  /** Grace after a clip's length before the next one may start without a display's report. */
  graceMs?: number;
}

export type HallVoice = ReturnType<typeof createHallVoice>;

export function createHallVoice(deps: HallVoiceDeps) {
  const renderer = deps.renderer ?? createVoiceRenderer({ cacheDir: deps.cacheDir, chimeFile: join(projectRoot(), 'assets', 'sounds', 'chime.wav') });
  const graceMs = deps.graceMs ?? 1500;
  const calls = new Map<string, Omit<Announcement, 'clipUrl' | 'durationSeconds'>>();
  const playing = new Map<string, () => void>();
  let closing = false;
  let lastProblem: string | null | undefined;

  const setHealth = (problem: string | null) => {
    if (problem === lastProblem) return;
    lastProblem = problem;
    deps.health(problem);
  };

  const announcer = createAnnouncer({
    renderer,
    settings: { languages: ['vi'] },
    play: (clip: RenderedClip, id: string) =>
      new Promise<void>((resolve) => {
        if (closing) return resolve();
        const done = () => {
          clearTimeout(timer);
          playing.delete(id);
          resolve();
        };
        const timer = setTimeout(done, Math.ceil(clip.durationSeconds * 1000) + graceMs);
        playing.set(id, done);
      }),
    onListenerError: (err) => deps.log('error', 'announcement listener failed', { err: String(err) }),
  });

  announcer.queue.subscribe((e) => {
    const call = calls.get(e.id);
    if (!call) return;
    if (e.type === 'ready') {
      deps.announce({ ...call, clipUrl: `/voice/${e.clip.name}`, durationSeconds: e.clip.durationSeconds });
      setHealth(null);
    } else if (e.type === 'failed') {
      calls.delete(e.id);
      // The call is still shown; only the sound is missing.
      deps.announce({ ...call, clipUrl: null, durationSeconds: null });
      if (e.code !== 'play-failed') setHealth(`${e.code}: ${e.reason}`);
      deps.log('warn', 'voice call-out failed', { code: e.code, reason: e.reason });
    } else if (e.type === 'done') {
      calls.delete(e.id);
    }
  });

  return {
    renderer,
    /** Queues the call-out for a ticket called to a counter. */
    call(number: string, counterId: string, counterName: string): void {
      if (closing) return;
      const s = deps.settings();
      let text: { vi: string; en: string };
      try {
        text = callText({ ticketNumber: number, counterName }).display;
      } catch (err) {
        deps.log('warn', 'call-out text refused', { err: String(err) });
        text = { vi: `Mời số ${number} đến quầy ${counterName}`, en: `Ticket ${number}, counter ${counterName}` };
      }
      if (!s.enabled) {
        deps.announce({ id: `silent-${number}-${Date.now()}`, number, counterId, counterName, text, clipUrl: null, durationSeconds: null, volume: s.volume });
        return;
      }
      // Volume is applied by the renderer (sox `vol`), so every display plays at the level the supervisor chose.
      announcer.configure({ repeat: s.repeat, volume: s.volume });
      try {
        const { id } = announcer.call({ ticketNumber: number, counterName });
        calls.set(id, { id, number, counterId, counterName, text, volume: s.volume });
      } catch (err) {
        deps.log('warn', 'call-out not queued', { err: String(err) });
        deps.announce({ id: `text-${number}-${Date.now()}`, number, counterId, counterName, text, clipUrl: null, durationSeconds: null, volume: s.volume });
      }
    },
    /** A display finished playing `id`; true if it was the clip being played. */
    played(id: string): boolean {
      const done = playing.get(id);
      done?.();
      return done !== undefined;
    },
    clipPath: (name: string) => renderer.clipPath(name),
    /** Checks espeak-ng, sox and the Vietnamese voice once at start. */
    async check(): Promise<void> {
      try {
        const h = await renderer.check(['vi']);
        setHealth(h.ok ? null : h.problems.map((p) => `${p.code}: ${p.reason}`).join('; '));
      } catch (err) {
        setHealth(`check-failed: ${String(err)}`);
      }
    },
    problem: () => lastProblem ?? null,
    async close(): Promise<void> {
      closing = true;
      announcer.queue.clear();
      for (const done of [...playing.values()]) done();
      await announcer.queue.idle();
    },
  };
}
