import { describe, expect, it } from 'vitest';
import type { Announcement } from '../../main/contract/ops/display.ts';
import { createHallVoice } from '../../main/core/supervision/hall-voice.ts';
import { type RenderedClip, type RenderRequest, VoiceError, type VoiceRenderer } from '../../main/core/voice/index.ts';

/** A renderer that "renders" instantly, or fails with tool-missing like a box without espeak-ng. */
function fakeRenderer(fail = false): VoiceRenderer & { requests: RenderRequest[] } {
  const requests: RenderRequest[] = [];
  return {
    requests,
    clipsDir: '/nowhere',
    async render(req) {
      requests.push(req);
      if (fail) throw new VoiceError('tool-missing', 'espeak-ng is not installed');
      const n = String(requests.length).padStart(32, '0');
      return { file: `/nowhere/${n}.wav`, name: `${n}.wav`, durationSeconds: 3, sampleRate: 22050, phonemes: [], cached: false } satisfies RenderedClip;
    },
    phonemes: async () => '',
    clipPath: (name) => (/^[0-9a-f]{32}\.wav$/.test(name) ? `/nowhere/${name}` : undefined),
    check: async () => (fail ? { ok: false, problems: [new VoiceError('tool-missing', 'espeak-ng is not installed')], voices: [] } : { ok: true, problems: [], voices: ['vi'] }),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('hall voice', () => {
  it('announces one clip at a time: the next is offered only after a display reports the previous played', async () => {
    const renderer = fakeRenderer();
    const out: Announcement[] = [];
    const health: (string | null)[] = [];
    const v = createHallVoice({ cacheDir: '/nowhere', renderer, settings: () => ({ enabled: true, volume: 0.8, repeat: 3 }), announce: (a) => out.push(a), health: (p) => health.push(p), log: () => undefined, graceMs: 60_000 });
    v.call('A012', '5', '5');
    v.call('B003', '2', '2');
    await tick();
    await tick();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ number: 'A012', counterName: '5', clipUrl: `/voice/${'1'.padStart(32, '0')}.wav`, durationSeconds: 3, volume: 0.8 });
    expect(out[0]!.text.vi).toBe('Mời công dân có số thứ tự A012 đến quầy số 5');
    expect(renderer.requests[0]).toMatchObject({ repeat: 3, volume: 0.8 });
    expect(v.played('not-this-one')).toBe(false);
    expect(v.played(out[0]!.id)).toBe(true);
    for (let i = 0; i < 5; i += 1) await tick();
    expect(out.map((a) => a.number)).toEqual(['A012', 'B003']);
    expect(health).toEqual([null]);
    await v.close();
  });

  it('without espeak-ng the call is still announced (no clip) and the voice is reported in trouble', async () => {
    const out: Announcement[] = [];
    const health: (string | null)[] = [];
    const v = createHallVoice({ cacheDir: '/nowhere', renderer: fakeRenderer(true), settings: () => ({ enabled: true, volume: 1, repeat: 1 }), announce: (a) => out.push(a), health: (p) => health.push(p), log: () => undefined });
    await v.check();
    expect(health).toEqual(['tool-missing: espeak-ng is not installed']);
    v.call('A001', '1', '1');
    for (let i = 0; i < 5; i += 1) await tick();
    expect(out).toEqual([expect.objectContaining({ number: 'A001', clipUrl: null, durationSeconds: null })]);
    expect(v.problem()).toBe('tool-missing: espeak-ng is not installed');
    await v.close();
  });

  it('when switched off it announces the text only and renders nothing', async () => {
    const renderer = fakeRenderer();
    const out: Announcement[] = [];
    const v = createHallVoice({ cacheDir: '/nowhere', renderer, settings: () => ({ enabled: false, volume: 1, repeat: 1 }), announce: (a) => out.push(a), health: () => undefined, log: () => undefined });
    v.call('C007', 'Thu phí', 'Thu phí');
    expect(out[0]).toMatchObject({ number: 'C007', clipUrl: null });
    expect(out[0]!.text.vi).toBe('Mời công dân có số thứ tự C007 đến quầy Thu phí');
    expect(renderer.requests).toHaveLength(0);
    await v.close();
  });
});
