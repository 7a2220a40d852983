import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeOutput } from '../../drivers/scanner/wedge.ts';

/** Type `keys` starting at t0 with the given gap; returns every output. */
function type(d: ReturnType<typeof createWedgeDetector>, keys: string[], gap: number, t0 = 1000): WedgeOutput[] {
  return keys.map((key, i) => d.key({ key, at: t0 + i * gap }));
}

const chars = (s: string) => [...s];

describe('keyboard-wedge detector', () => {
  it('a fast burst ended by Enter is a scan, and no key of it reaches the field', () => {
    const d = createWedgeDetector({ minChars: 8, maxGapMs: 30 });
    const outs = type(d, [...chars('8935049501234'), 'Enter'], 4);
    expect(outs.every((o) => o.consume)).toBe(true);
    expect(outs.flatMap((o) => o.release)).toEqual([]);
    expect(outs.at(-1)!.scan).toBe('8935049501234');
  });
  it('Shift inside a scan (capitals) does not break it', () => {
    const d = createWedgeDetector();
    const keys = ['Shift', 'A', 'B', 'Shift', 'C', '1', '2', '3', '4', '5', 'Enter'];
    expect(type(d, keys, 3).at(-1)!.scan).toBe('ABC12345');
  });
  it('human typing goes to the field: held keys are released one behind, the last by tick', () => {
    const d = createWedgeDetector();
    const outs = type(d, chars('Hương'), 180);
    expect(outs.flatMap((o) => o.release).join('')).toBe('Hươn');
    expect(outs.every((o) => o.scan === null)).toBe(true);
    expect(d.tick(1000 + 4 * 180 + 10)).toEqual({ consume: false, release: [], scan: null });
    expect(d.tick(1000 + 4 * 180 + 31).release).toEqual(['g']);
  });
  it('a fast but short burst + Enter is a person (too few characters)', () => {
    const d = createWedgeDetector({ minChars: 8 });
    const outs = type(d, ['o', 'k', 'Enter'], 10);
    expect(outs.at(-1)).toEqual({ consume: false, release: ['o', 'k'], scan: null });
  });
  it('a slow Enter after a fast burst is a person pressing Enter', () => {
    const d = createWedgeDetector();
    type(d, chars('123456789'), 5);
    const out = d.key({ key: 'Enter', at: 1000 + 8 * 5 + 500 });
    expect(out).toEqual({ consume: false, release: chars('123456789'), scan: null });
  });
  it('Backspace gives back what was held', () => {
    const d = createWedgeDetector();
    d.key({ key: 'a', at: 0 });
    expect(d.key({ key: 'Backspace', at: 5 })).toEqual({ consume: false, release: ['a'], scan: null });
  });
  it('property: every typed character comes out exactly once, as release or scan, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', '1', 'ư', 'Enter', 'Shift'), gap: fc.integer({ min: 0, max: 200 }) }), { maxLength: 60 }),
        (events) => {
          const d = createWedgeDetector({ minChars: 3 });
          let t = 0;
          const typed: string[] = [];
          const out: string[] = [];
          for (const e of events) {
            t += e.gap;
            const o = d.key({ key: e.key, at: t });
            out.push(...o.release);
            if (o.scan !== null) out.push(...o.scan);
            if (e.key.length === 1) typed.push(e.key);
          }
          out.push(...d.tick(t + 1000).release);
          expect(out).toEqual(typed);
        },
      ),
    );
  });
  it('has no Node or DOM imports (it runs in the renderer)', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../../drivers/scanner/wedge.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^import /m);
  });
});
