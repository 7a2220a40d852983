// Printer status bytes: DLE EOT n replies (1 byte each) and ASB blocks (GS a, 4 bytes), parsed purely,
// and framed out of the serial byte stream by a Transform that tolerates any chunking.
import { Transform, type TransformCallback } from 'node:stream';
import type { DeviceProblem } from '../device/state.ts';

export type StatusFrame =
  | { kind: 'realtime'; byte: number } // reply to one DLE EOT n, in query order
  | { kind: 'asb'; bytes: [number, number, number, number] };

/** A DLE EOT reply has bit 1 and bit 4 set, bits 0 and 7 clear: 0xx1xx10. */
export const isRealtimeByte = (b: number): boolean => (b & 0x93) === 0x12;
/** First ASB byte: 0xx1xx00; the three following bytes have bits 4 and 7 clear. */
export const isAsbFirst = (b: number): boolean => (b & 0x93) === 0x10;
const isAsbRest = (b: number): boolean => (b & 0x90) === 0x00;

/** Problems reported by one DLE EOT n reply. */
export function parseRealtimeStatus(n: 1 | 2 | 3 | 4, byte: number): DeviceProblem[] {
  if (!isRealtimeByte(byte)) throw new RangeError(`0x${byte.toString(16)} is not a DLE EOT reply (expected 0xx1xx10)`);
  const bit = (i: number) => (byte & (1 << i)) !== 0;
  const p: DeviceProblem[] = [];
  switch (n) {
    case 1: // printer status
      if (bit(3)) p.push('offline');
      break;
    case 2: // offline cause
      if (bit(2)) p.push('cover-open');
      if (bit(5)) p.push('paper-out');
      if (bit(6)) p.push('error');
      break;
    case 3: // error cause: autocutter (3), unrecoverable (5), auto-recoverable e.g. head too hot (6)
      if (bit(3) || bit(5) || bit(6)) p.push('error');
      break;
    case 4: // roll paper sensor: near end (bits 2,3), paper end (bits 5,6)
      if (bit(2) || bit(3)) p.push('paper-near-end');
      if (bit(5) || bit(6)) p.push('paper-out');
      break;
  }
  return p;
}

/** Problems reported by one 4-byte ASB block. */
export function parseAsb(bytes: readonly [number, number, number, number]): DeviceProblem[] {
  const [b1, b2, b3] = bytes;
  const p: DeviceProblem[] = [];
  if (b1 & 0x08) p.push('offline');
  if (b1 & 0x20) p.push('cover-open');
  if (b2 & (0x08 | 0x20 | 0x40)) p.push('error');
  if (b3 & 0x03) p.push('paper-near-end');
  if (b3 & 0x0c) p.push('paper-out');
  return p;
}

/** Merge problem lists, without duplicates, in a stable order. */
export function mergeProblems(...lists: DeviceProblem[][]): DeviceProblem[] {
  const order: DeviceProblem[] = ['paper-out', 'cover-open', 'offline', 'error', 'jam', 'feeder-empty', 'unplugged', 'paper-near-end'];
  const set = new Set(lists.flat());
  return order.filter((x) => set.has(x));
}

/** Stateful framer: push any chunk, get whole frames. Bytes that fit no frame are counted and dropped. */
export class StatusFramer {
  private asb: number[] = [];
  dropped = 0;

  push(chunk: Uint8Array): StatusFrame[] {
    const frames: StatusFrame[] = [];
    for (const b of chunk) {
      if (this.asb.length > 0) {
        if (isAsbRest(b)) {
          this.asb.push(b);
          if (this.asb.length === 4) {
            frames.push({ kind: 'asb', bytes: this.asb as [number, number, number, number] });
            this.asb = [];
          }
          continue;
        }
        this.dropped += this.asb.length; // broken ASB block: resynchronise on this byte
        this.asb = [];
      }
      if (isRealtimeByte(b)) frames.push({ kind: 'realtime', byte: b });
      else if (isAsbFirst(b)) this.asb.push(b);
      else this.dropped++;
    }
    return frames;
  }
}

/** Transform: bytes in, StatusFrame objects out. */
export class StatusFrameParser extends Transform {
  private readonly framer = new StatusFramer();
  constructor() {
    super({ readableObjectMode: true });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    for (const f of this.framer.push(chunk)) this.push(f);
    done();
  }
  get dropped(): number {
    return this.framer.dropped;
  }
}
