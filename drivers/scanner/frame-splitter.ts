/**
 * Splits a byte stream into frames at configured terminators (CR, LF, a scanner's suffix…). Pure: bytes in,
 * frames out, no I/O. Works on bytes, not text, so a UTF-8 character split across chunks is only decoded
 * once its frame is whole.
 */
export interface FrameSplitterOptions {
  /** Any of these ends a frame. */
  terminators: readonly (readonly number[])[];
  /** If set, bytes before the last occurrence of this prefix in a frame are dropped (start byte, e.g. STX). */
  prefix?: readonly number[] | undefined;
  /** A frame longer than this is garbage: it is dropped up to the next terminator. */
  maxBytes: number;
}

export interface FrameSplitterOutput {
  frames: Uint8Array[];
  /** Count of frames dropped for being longer than maxBytes. */
  overflows: number;
}

export interface FrameSplitter {
  push(chunk: Uint8Array): FrameSplitterOutput;
  /** Whatever is buffered without a terminator (used when the line drops). */
  reset(): void;
}

export function createFrameSplitter(options: FrameSplitterOptions): FrameSplitter {
  const terminators = options.terminators.filter((t) => t.length > 0).map((t) => Uint8Array.from(t));
  if (terminators.length === 0) throw new RangeError('at least one non-empty terminator is required');
  const prefix = options.prefix && options.prefix.length > 0 ? Uint8Array.from(options.prefix) : null;
  let buf: Uint8Array = new Uint8Array(0);
  let discarding = false;

  function earliestTerminator(from: number): { at: number; len: number } | null {
    let best: { at: number; len: number } | null = null;
    for (const t of terminators) {
      const at = indexOf(buf, t, from);
      if (at >= 0 && (best === null || at < best.at || (at === best.at && t.length > best.len))) best = { at, len: t.length };
    }
    return best;
  }

  return {
    push(chunk) {
      const frames: Uint8Array[] = [];
      let overflows = 0;
      buf = concat(buf, chunk);
      let start = 0;
      for (;;) {
        const hit = earliestTerminator(start);
        if (!hit) break;
        let frame = buf.subarray(start, hit.at);
        start = hit.at + hit.len;
        if (discarding) {
          discarding = false;
          continue;
        }
        if (prefix) {
          const p = lastIndexOf(frame, prefix);
          if (p >= 0) frame = frame.subarray(p + prefix.length);
        }
        if (frame.length > options.maxBytes) overflows++;
        else if (frame.length > 0) frames.push(frame.slice());
      }
      buf = buf.slice(start);
      // Garbage without terminators must not grow the buffer without bound.
      if (buf.length > options.maxBytes) {
        if (!discarding) overflows++;
        discarding = true;
        // Keep a tail that could be the start of a terminator split across chunks.
        const keep = Math.max(...terminators.map((t) => t.length)) - 1;
        buf = buf.slice(buf.length - keep);
      }
      return { frames, overflows };
    },
    reset() {
      buf = new Uint8Array(0);
      discarding = false;
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Invalid UTF-8 becomes U+FFFD, which no identity field accepts, so garbage is rejected by the parser. */
export function decodeFrame(frame: Uint8Array): string {
  return utf8.decode(frame);
}
