import { randomUUID } from 'node:crypto';
import { VoiceError, toVoiceError } from './errors.ts';
import type { RenderedClip, VoiceRenderer } from './renderer.ts';
import type { RenderRequest } from './settings.ts';

export type AnnouncementEvent =
  | { type: 'queued'; id: string; pending: number }
  | { type: 'rendering'; id: string }
  | { type: 'ready'; id: string; clip: RenderedClip }
  | { type: 'done'; id: string; clip: RenderedClip }
  | { type: 'failed'; id: string; code: VoiceError['code']; reason: string };

/**
 * Plays one rendered clip and resolves when it has finished. In the kiosk the core forwards the clip URL to the
 * hall display and resolves when the page reports "ended"; on a headless box `createCommandPlayer` runs aplay.
 */
export type PlayClip = (clip: RenderedClip, id: string) => Promise<void>;

export interface AnnouncementQueueOptions {
  renderer: Pick<VoiceRenderer, 'render'>;
  play: PlayClip;
  /** Announcements waiting beyond this are refused (a stuck player must not grow the queue without end). */
  maxPending?: number;
  /**
   * How long a clip may take to play before it is reported failed and the queue moves on (a hall display that
   * disconnected mid-clip must not silence every later call). Default: the clip's length plus 15 s.
   */
  playTimeoutMs?: (clip: RenderedClip) => number;
  /** Where a throwing event listener is reported; it never stops the queue. */
  onListenerError?: (error: unknown) => void;
}

export interface AnnouncementQueue {
  /** Adds an announcement and returns its id; events follow. Never throws for a full queue: emits `failed`. */
  enqueue(request: RenderRequest, id?: string): string;
  subscribe(listener: (event: AnnouncementEvent) => void): () => void;
  /** Announcements not yet started. */
  pending(): number;
  /** Drops announcements not yet started (the one playing finishes); returns how many were dropped. */
  clear(): number;
  /** Resolves when nothing is queued or playing. */
  idle(): Promise<void>;
}

/** Renders and plays announcements strictly one after another: a clip starts only after the previous ended. */
export function createAnnouncementQueue(options: AnnouncementQueueOptions): AnnouncementQueue {
  const maxPending = options.maxPending ?? 20;
  const playTimeoutMs = options.playTimeoutMs ?? ((clip: RenderedClip) => Math.ceil(clip.durationSeconds * 1000) + 15_000);
  const waiting: { id: string; request: RenderRequest }[] = [];
  const listeners = new Set<(event: AnnouncementEvent) => void>();
  let running = false;
  let idleWaiters: (() => void)[] = [];

  function emit(event: AnnouncementEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (e) {
        options.onListenerError?.(e);
      }
    }
  }

  function fail(id: string, e: unknown, fallback: VoiceError['code']): void {
    const err = toVoiceError(e, fallback);
    emit({ type: 'failed', id, code: err.code, reason: err.reason });
  }

  async function playWithin(clip: RenderedClip, id: string): Promise<void> {
    const limit = playTimeoutMs(clip);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new VoiceError('play-failed', `player did not finish within ${limit} ms`)), limit);
    });
    try {
      await Promise.race([options.play(clip, id), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function runOne(id: string, request: RenderRequest): Promise<void> {
    emit({ type: 'rendering', id });
    let clip: RenderedClip;
    try {
      clip = await options.renderer.render(request);
    } catch (e) {
      fail(id, e, 'render-failed');
      return;
    }
    emit({ type: 'ready', id, clip });
    try {
      await playWithin(clip, id);
    } catch (e) {
      fail(id, e, 'play-failed');
      return;
    }
    emit({ type: 'done', id, clip });
  }

  async function drain(): Promise<void> {
    running = true;
    for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
      await runOne(next.id, next.request);
    }
    running = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  return {
    enqueue(request, id = randomUUID()) {
      if (waiting.length >= maxPending) {
        fail(id, new VoiceError('bad-input', `announcement queue is full (${maxPending} waiting)`), 'bad-input');
        return id;
      }
      waiting.push({ id, request });
      emit({ type: 'queued', id, pending: waiting.length });
      // runOne catches everything it awaits, so drain cannot reject; the void is deliberate.
      if (!running) void drain();
      return id;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pending: () => waiting.length,
    clear() {
      return waiting.splice(0, waiting.length).length;
    },
    idle() {
      if (!running) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
