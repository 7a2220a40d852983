/** Time and timers, injected so that tests and the bench can run hours of back-off in milliseconds. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

export interface ManualClock extends Clock {
  /** Move time forward, firing every timer that falls due, in due order. */
  advance(ms: number): void;
  /** Jump to the earliest pending timer and fire it (and any due at the same instant); false if none. */
  runNext(): boolean;
  nextTimerAt(): number | undefined;
  pendingTimers(): number;
}

/** Time moves only when told to. */
export function manualClock(startMs: number): ManualClock {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const earliest = () => {
    let best: [number, { at: number; fn: () => void }] | undefined;
    for (const e of timers) if (!best || e[1].at < best[1].at || (e[1].at === best[1].at && e[0] < best[0])) best = e;
    return best;
  };
  const fireDue = () => {
    for (let e = earliest(); e && e[1].at <= now; e = earliest()) {
      timers.delete(e[0]);
      e[1].fn();
    }
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    advance(ms) {
      const target = now + ms;
      for (let e = earliest(); e && e[1].at <= target; e = earliest()) {
        now = Math.max(now, e[1].at);
        timers.delete(e[0]);
        e[1].fn();
      }
      now = target;
    },
    runNext() {
      const e = earliest();
      if (!e) return false;
      now = Math.max(now, e[1].at);
      fireDue();
      return true;
    },
    nextTimerAt: () => earliest()?.[1].at,
    pendingTimers: () => timers.size,
  };
}
