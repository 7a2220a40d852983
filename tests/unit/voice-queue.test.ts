import { describe, expect, it, vi } from 'vitest';
import { VoiceError } from '../../main/core/voice/errors.ts';
import { createAnnouncementQueue, type AnnouncementEvent, type PlayClip } from '../../main/core/voice/queue.ts';
import type { RenderedClip } from '../../main/core/voice/renderer.ts';
import type { RenderRequest } from '../../main/core/voice/settings.ts';

function clipFor(request: RenderRequest): RenderedClip {
  const text = request.segments[0]?.text ?? '';
  return { file: `/clips/${text}.wav`, name: `${text}.wav`, durationSeconds: 1, sampleRate: 22050, phonemes: [text], cached: false };
}

const say = (text: string): RenderRequest => ({ segments: [{ voice: 'vi', text }] });

/** A player that only finishes when the test says so, recording every start and end. */
function manualPlayer() {
  const log: string[] = [];
  const finishers: (() => void)[] = [];
  let playing = 0;
  let maxPlaying = 0;
  const play: PlayClip = (clip) => {
    log.push(`start ${clip.name}`);
    playing += 1;
    maxPlaying = Math.max(maxPlaying, playing);
    return new Promise<void>((resolve) => {
      finishers.push(() => {
        playing -= 1;
        log.push(`end ${clip.name}`);
        resolve();
      });
    });
  };
  // Lets the queue's awaits settle, so the next clip would start now if the queue allowed overlap.
  const settle = () => new Promise<void>((r) => setImmediate(r));
  return {
    play,
    log,
    maxPlaying: () => maxPlaying,
    async finishCurrent() {
      await settle();
      const f = finishers.shift();
      if (!f) throw new Error('nothing is playing');
      f();
      await settle();
    },
  };
}

describe('AnnouncementQueue', () => {
  it('never overlaps: each clip starts only after the previous one ended', async () => {
    const player = manualPlayer();
    const queue = createAnnouncementQueue({ renderer: { render: async (r) => clipFor(r) }, play: player.play });
    queue.enqueue(say('one'), 'a');
    queue.enqueue(say('two'), 'b');
    queue.enqueue(say('three'), 'c');
    await player.finishCurrent();
    expect(player.log).toEqual(['start one.wav', 'end one.wav', 'start two.wav']);
    await player.finishCurrent();
    await player.finishCurrent();
    await queue.idle();
    expect(player.log).toEqual(['start one.wav', 'end one.wav', 'start two.wav', 'end two.wav', 'start three.wav', 'end three.wav']);
    expect(player.maxPlaying()).toBe(1);
  });

  it('emits queued, rendering, ready(file), done in order', async () => {
    const events: AnnouncementEvent[] = [];
    const queue = createAnnouncementQueue({ renderer: { render: async (r) => clipFor(r) }, play: async () => undefined });
    queue.subscribe((e) => events.push(e));
    queue.enqueue(say('one'), 'a');
    await queue.idle();
    expect(events).toEqual([
      { type: 'queued', id: 'a', pending: 1 },
      { type: 'rendering', id: 'a' },
      { type: 'ready', id: 'a', clip: clipFor(say('one')) },
      { type: 'done', id: 'a', clip: clipFor(say('one')) },
    ]);
  });

  it('reports a render or play failure and goes on with the next announcement', async () => {
    const events: string[] = [];
    const played: string[] = [];
    const queue = createAnnouncementQueue({
      renderer: {
        render: async (r) => {
          if (r.segments[0]?.text === 'broken') throw new VoiceError('bad-voice', 'espeak-ng has no voice "zz"');
          return clipFor(r);
        },
      },
      play: async (clip) => {
        if (clip.name === 'mute.wav') throw new Error('speaker unplugged');
        played.push(clip.name);
      },
    });
    queue.subscribe((e) => events.push(e.type === 'failed' ? `${e.id}:failed:${e.code}:${e.reason}` : `${e.id}:${e.type}`));
    queue.enqueue(say('broken'), 'a');
    queue.enqueue(say('mute'), 'b');
    queue.enqueue(say('fine'), 'c');
    await queue.idle();
    expect(events.filter((e) => !e.endsWith(':queued') && !e.endsWith(':rendering') && !e.endsWith(':ready'))).toEqual([
      'a:failed:bad-voice:espeak-ng has no voice "zz"',
      'b:failed:play-failed:speaker unplugged',
      'c:done',
    ]);
    expect(played).toEqual(['fine.wav']);
  });

  it('keeps going when a listener throws', async () => {
    const listenerErrors: unknown[] = [];
    const queue = createAnnouncementQueue({
      renderer: { render: async (r) => clipFor(r) },
      play: async () => undefined,
      onListenerError: (e) => listenerErrors.push(e),
    });
    const done: string[] = [];
    queue.subscribe(() => {
      throw new Error('display page gone');
    });
    queue.subscribe((e) => {
      if (e.type === 'done') done.push(e.id);
    });
    queue.enqueue(say('one'), 'a');
    await queue.idle();
    expect(done).toEqual(['a']);
    expect(listenerErrors).toHaveLength(4);
  });

  it('refuses beyond maxPending, and clear() drops what has not started', async () => {
    const player = manualPlayer();
    const events: AnnouncementEvent[] = [];
    const queue = createAnnouncementQueue({ renderer: { render: async (r) => clipFor(r) }, play: player.play, maxPending: 2 });
    queue.subscribe((e) => events.push(e));
    queue.enqueue(say('playing'), 'p'); // taken off the queue at once
    queue.enqueue(say('w1'), 'w1');
    queue.enqueue(say('w2'), 'w2');
    queue.enqueue(say('w3'), 'w3');
    expect(events.find((e) => e.id === 'w3')).toEqual({
      type: 'failed',
      id: 'w3',
      code: 'bad-input',
      reason: 'announcement queue is full (2 waiting)',
    });
    expect(queue.pending()).toBe(2);
    expect(queue.clear()).toBe(2);
    await player.finishCurrent();
    await queue.idle();
    expect(player.log).toEqual(['start playing.wav', 'end playing.wav']);
  });

  it('gives up on a player that never finishes and plays the next clip', async () => {
    vi.useFakeTimers();
    try {
      const events: string[] = [];
      const played: string[] = [];
      const queue = createAnnouncementQueue({
        renderer: { render: async (r) => clipFor(r) },
        play: (clip) => (clip.name === 'lost.wav' ? new Promise<void>(() => undefined) : Promise.resolve(void played.push(clip.name))),
        playTimeoutMs: () => 5000,
      });
      queue.subscribe((e) => {
        if (e.type === 'failed') events.push(`${e.id}:${e.code}:${e.reason}`);
        if (e.type === 'done') events.push(`${e.id}:done`);
      });
      queue.enqueue(say('lost'), 'a');
      queue.enqueue(say('next'), 'b');
      await vi.advanceTimersByTimeAsync(4999);
      expect(events).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await queue.idle();
      expect(events).toEqual(['a:play-failed:player did not finish within 5000 ms', 'b:done']);
      expect(played).toEqual(['next.wav']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('instances share nothing', async () => {
    const p1 = manualPlayer();
    const q1 = createAnnouncementQueue({ renderer: { render: async (r) => clipFor(r) }, play: p1.play });
    const played: string[] = [];
    const q2 = createAnnouncementQueue({ renderer: { render: async (r) => clipFor(r) }, play: async (c) => void played.push(c.name) });
    q1.enqueue(say('hall'));
    q2.enqueue(say('annex'));
    await q2.idle();
    expect(played).toEqual(['annex.wav']);
    await p1.finishCurrent();
    await q1.idle();
  });
});
