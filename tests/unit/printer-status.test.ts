import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeProblems, parseAsb, parseRealtimeStatus, StatusFrameParser, StatusFramer, type StatusFrame } from '../../drivers/printer/status.ts';

describe('DLE EOT replies', () => {
  it('idle printer reports nothing', () => {
    for (const n of [1, 2, 3, 4] as const) expect(parseRealtimeStatus(n, 0x12)).toEqual([]);
  });
  it('n=1 offline, n=2 cover open / paper end / error, n=3 cutter error, n=4 near end and paper out', () => {
    expect(parseRealtimeStatus(1, 0x1a)).toEqual(['offline']);
    expect(parseRealtimeStatus(2, 0x16)).toEqual(['cover-open']);
    expect(parseRealtimeStatus(2, 0x32)).toEqual(['paper-out']);
    expect(parseRealtimeStatus(2, 0x52)).toEqual(['error']);
    expect(parseRealtimeStatus(3, 0x1a)).toEqual(['error']);
    expect(parseRealtimeStatus(4, 0x1e)).toEqual(['paper-near-end']);
    expect(parseRealtimeStatus(4, 0x72)).toEqual(['paper-out']);
    expect(parseRealtimeStatus(4, 0x7e)).toEqual(['paper-near-end', 'paper-out']);
  });
  it('a byte that is not a status reply is refused with the reason', () => {
    expect(() => parseRealtimeStatus(1, 0x41)).toThrow(/not a DLE EOT reply/);
  });
});

describe('ASB', () => {
  it('parses the 4-byte block', () => {
    expect(parseAsb([0x10, 0, 0, 0])).toEqual([]);
    expect(parseAsb([0x38, 0, 0, 0])).toEqual(['offline', 'cover-open']);
    expect(parseAsb([0x18, 0, 0x0f, 0])).toEqual(['offline', 'paper-near-end', 'paper-out']);
    expect(parseAsb([0x10, 0x08, 0x03, 0])).toEqual(['error', 'paper-near-end']);
  });
  it('mergeProblems dedupes in a stable order', () => {
    expect(mergeProblems(['paper-near-end', 'offline'], ['paper-out', 'offline'])).toEqual(['paper-out', 'offline', 'paper-near-end']);
  });
});

describe('framing from the serial stream', () => {
  const stream = [0x12, 0x18, 0x00, 0x0f, 0x00, 0x41, 0x16, 0x10, 0x00, 0x00, 0x00, 0x72];
  const expected: StatusFrame[] = [
    { kind: 'realtime', byte: 0x12 },
    { kind: 'asb', bytes: [0x18, 0x00, 0x0f, 0x00] },
    { kind: 'realtime', byte: 0x16 },
    { kind: 'asb', bytes: [0x10, 0, 0, 0] },
    { kind: 'realtime', byte: 0x72 },
  ];

  it('any split of the stream gives the same frames; noise is dropped', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 6 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const framer = new StatusFramer();
        const frames: StatusFrame[] = [];
        let from = 0;
        for (const p of [...points, stream.length]) {
          frames.push(...framer.push(Uint8Array.from(stream.slice(from, p))));
          from = p;
        }
        expect(frames).toEqual(expected);
        expect(framer.dropped).toBe(1); // the 0x41
      }),
    );
  });

  it('a broken ASB block resynchronises on the next header', () => {
    const framer = new StatusFramer();
    expect(framer.push(Uint8Array.from([0x10, 0x00, 0x12]))).toEqual([{ kind: 'realtime', byte: 0x12 }]);
    expect(framer.dropped).toBe(2);
  });

  it('as a Transform: byte chunks in, frame objects out', async () => {
    const chunks = [[0x12, 0x18], [0x00], [0x0f, 0x00, 0x41, 0x16, 0x10], [0x00, 0x00, 0x00, 0x72]].map((c) => Buffer.from(c));
    const frames: StatusFrame[] = [];
    for await (const f of Readable.from(chunks).pipe(new StatusFrameParser())) frames.push(f as StatusFrame);
    expect(frames).toEqual(expected);
  });
});
