import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { retryDelayMs } from '../../main/core/sync/backoff.ts';
import { manualClock } from '../../main/core/sync/clock.ts';
import { parseRetryAfter } from '../../main/core/sync/http-central.ts';

describe('retryDelayMs (full jitter, capped)', () => {
  it('stays in [0, min(cap, base·2^(attempt-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (base, cap, attempt, r) => {
        const d = retryDelayMs({ baseMs: base, capMs: cap }, attempt, () => r);
        const bound = Math.min(cap, base * 2 ** Math.min(attempt - 1, 40));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(bound);
      }),
    );
  });

  it('doubles the window per attempt until the cap', () => {
    const p = { baseMs: 1000, capMs: 60_000 };
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(p, a, top))).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999]);
  });

  it('treats Retry-After as a floor, and caps what it obeys', () => {
    const p = { baseMs: 1000, capMs: 60_000, maxRetryAfterMs: 600_000 };
    expect(retryDelayMs(p, 1, () => 0, 30_000)).toBe(30_000);
    expect(retryDelayMs(p, 10, () => 0.99, 1000)).toBe(59_400);
    expect(retryDelayMs(p, 1, () => 0, 7 * 86_400_000)).toBe(600_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk', () => {
    const now = Date.parse('2025-01-02T01:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 02 Jan 2025 01:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 02 Jan 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('manualClock', () => {
  it('fires timers in due order only as time is advanced', () => {
    const c = manualClock(1000);
    const fired: string[] = [];
    c.setTimeout(() => fired.push('b@300'), 300);
    c.setTimeout(() => fired.push('a@100'), 100);
    const h = c.setTimeout(() => fired.push('never'), 200);
    c.clearTimeout(h);
    c.advance(99);
    expect(fired).toEqual([]);
    c.advance(1);
    expect(fired).toEqual(['a@100']);
    expect(c.runNext()).toBe(true);
    expect(fired).toEqual(['a@100', 'b@300']);
    expect(c.now()).toBe(1300);
    expect(c.runNext()).toBe(false);
  });

  it('runs a timer set by a firing timer when it falls inside the advance', () => {
    const c = manualClock(0);
    const at: number[] = [];
    c.setTimeout(() => {
      at.push(c.now());
      c.setTimeout(() => at.push(c.now()), 50);
    }, 50);
    c.advance(1000);
    expect(at).toEqual([50, 100]);
    expect(c.now()).toBe(1000);
  });
});
