/**
 * Keyboard-wedge scanner detector, for the renderer (pure TS, no Node or DOM imports).
 *
 * A wedge scanner "types" its payload far faster than a person: every key < maxGapMs after the previous
 * one, ended by Enter. Keys are held back while they could still be a scan, so a scan never lands in a
 * text field; if the burst turns out to be a person (a slow key, or Enter after too few keys), the held
 * keys are released for the caller to type into the field.
 *
 * Use: on every keydown call `wedgeKey(state, {key, at})`, on a timer `wedgeTick(state, now)`; for each
 * output, preventDefault when `consume`, insert `release` into the field, handle `scan`.
 */
export interface WedgeOptions {
  /** Fewest characters that count as a scan (a CCCD QR is > 60; short barcodes are ~8). */
  minChars: number;
  /** Largest gap between keys of one scan, ms. */
  maxGapMs: number;
  /** KeyboardEvent.key that ends a scan. */
  terminator: string;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { minChars: 8, maxGapMs: 30, terminator: 'Enter' };

export interface WedgeState {
  readonly options: WedgeOptions;
  /** Keys held back, still possibly a scan. */
  readonly held: readonly string[];
  readonly lastAt: number | null;
}

export interface WedgeOutput {
  /** The caller should preventDefault this key. */
  consume: boolean;
  /** Previously held keys the caller must now type into the field (it was a person after all). */
  release: string[];
  /** A complete scan payload. */
  scan: string | null;
}

export interface WedgeKey {
  /** KeyboardEvent.key. */
  key: string;
  /** Event time in ms (KeyboardEvent.timeStamp). */
  at: number;
}

export function createWedgeState(options: Partial<WedgeOptions> = {}): WedgeState {
  return { options: { ...DEFAULT_WEDGE_OPTIONS, ...options }, held: [], lastAt: null };
}

export function wedgeKey(state: WedgeState, ev: WedgeKey): [WedgeState, WedgeOutput] {
  const { options } = state;
  // Modifiers (Shift for capitals, AltGr…) arrive inside scans: ignore them without breaking the burst.
  if (ev.key.length !== 1 && ev.key !== options.terminator) {
    if (state.held.length === 0 || isModifier(ev.key)) return [state, { consume: false, release: [], scan: null }];
    // Any other special key (Backspace, arrows) is a person: give back what was held, let the key through.
    return [{ ...state, held: [], lastAt: null }, { consume: false, release: [...state.held], scan: null }];
  }
  const inBurst = state.lastAt !== null && ev.at - state.lastAt <= options.maxGapMs && state.held.length > 0;
  const release = inBurst ? [] : [...state.held];
  const held = inBurst ? state.held : [];

  if (ev.key === options.terminator) {
    if (inBurst && held.length >= options.minChars) {
      return [{ ...state, held: [], lastAt: null }, { consume: true, release, scan: held.join('') }];
    }
    // Enter after typing: a person pressed it; release and let the key through.
    return [{ ...state, held: [], lastAt: null }, { consume: false, release: [...release, ...held], scan: null }];
  }
  return [{ ...state, held: [...held, ev.key], lastAt: ev.at }, { consume: true, release, scan: null }];
}

/** Call from a timer (e.g. every maxGapMs): a burst that stopped without a terminator was a person. */
export function wedgeTick(state: WedgeState, now: number): [WedgeState, WedgeOutput] {
  if (state.held.length === 0 || state.lastAt === null || now - state.lastAt <= state.options.maxGapMs) {
    return [state, { consume: false, release: [], scan: null }];
  }
  return [{ ...state, held: [], lastAt: null }, { consume: false, release: [...state.held], scan: null }];
}

function isModifier(key: string): boolean {
  return key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'AltGraph' || key === 'Meta' || key === 'CapsLock';
}

/** Convenience wrapper holding the state (e.g. in a React ref). */
export function createWedgeDetector(options: Partial<WedgeOptions> = {}) {
  let state = createWedgeState(options);
  return {
    key(ev: WedgeKey): WedgeOutput {
      const [next, out] = wedgeKey(state, ev);
      state = next;
      return out;
    },
    tick(now: number): WedgeOutput {
      const [next, out] = wedgeTick(state, now);
      state = next;
      return out;
    },
  };
}
