import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFrameSplitter, decodeFrame } from '../../drivers/scanner/frame-splitter.ts';
import { MrzFramer, ScanFramer } from '../../drivers/scanner/framing.ts';
import { createMrzGrouper } from '../../drivers/scanner/mrz-grouper.ts';
import { CCCD_SAMPLE, ICAO_TD1, ICAO_TD3, QR_2021, QR_2024 } from './identity-fixtures.ts';

const CRLF = [[0x0d], [0x0a]];

/** Feed `bytes` to a Transform in the given chunks and collect what it pushes. */
async function run(t: ScanFramer | MrzFramer, chunks: Buffer[]): Promise<string[]> {
  const out: string[] = [];
  t.on('data', (s: string) => out.push(s));
  for (const c of chunks) t.write(c);
  t.end();
  await new Promise((r) => t.on('end', r));
  return out;
}

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    parts.push(buf.subarray(prev, p));
    prev = p;
  }
  parts.push(buf.subarray(prev));
  return parts.filter((p) => p.length > 0);
}

describe('ScanFramer', () => {
  it('one string per CR, LF or CRLF-terminated scan, empty lines dropped', async () => {
    const f = new ScanFramer({ terminators: CRLF, maxBytes: 4096 });
    expect(await run(f, [Buffer.from(`a\r\nb\rc\n\r\n\nd\r\n`)])).toEqual(['a', 'b', 'c', 'd']);
  });
  it('a UTF-8 payload split at every possible byte boundary decodes the same', async () => {
    const bytes = Buffer.from(`${QR_2021}\r\n${QR_2024}\r\n`, 'utf8');
    for (let i = 1; i < bytes.length; i++) {
      const out = await run(new ScanFramer({ terminators: CRLF, maxBytes: 4096 }), [bytes.subarray(0, i), bytes.subarray(i)]);
      expect(out).toEqual([QR_2021, QR_2024]);
    }
  });
  it('any chunking gives the same frames (property)', async () => {
    const bytes = Buffer.from(`${QR_2024}\r\n${QR_2021}\n`, 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 30 }), async (cuts) => {
        const out = await run(new ScanFramer({ terminators: CRLF, maxBytes: 4096 }), splitAt(bytes, cuts));
        expect(out).toEqual([QR_2024, QR_2021]);
      }),
      { numRuns: 300 },
    );
  });
  it('a multi-byte suffix split across chunks, and a prefix (STX) with noise before it', async () => {
    const f = new ScanFramer({ terminators: [[0x03, 0x0d]], prefix: [0x02], maxBytes: 4096 });
    const out = await run(f, [Buffer.from([0x41, 0x02, 0x58, 0x59, 0x03]), Buffer.from([0x0d, 0x02, 0x5a, 0x03, 0x0d])]);
    expect(out).toEqual(['XY', 'Z']);
  });
  it('drops over-long garbage up to the next terminator and reports it', async () => {
    const f = new ScanFramer({ terminators: CRLF, maxBytes: 64 });
    let overflows = 0;
    f.on('overflow', (n: number) => (overflows += n));
    const out = await run(f, [Buffer.alloc(100, 0x41), Buffer.alloc(100, 0x42), Buffer.from('tail\r\nok\r\n'), Buffer.alloc(70, 0x43), Buffer.from('\n')]);
    expect(out).toEqual(['ok']);
    expect(overflows).toBe(2);
  });
  it('invalid UTF-8 becomes U+FFFD rather than an exception', () => {
    const s = createFrameSplitter({ terminators: CRLF, maxBytes: 64 });
    const { frames } = s.push(Uint8Array.from([0xc3, 0x28, 0xff, 0x0a]));
    expect(decodeFrame(frames[0]!)).toBe('\uFFFD(\uFFFD');
  });
  it('random bytes never throw and never produce a frame containing a terminator', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }), (chunks) => {
        const s = createFrameSplitter({ terminators: CRLF, maxBytes: 128 });
        for (const c of chunks) {
          for (const f of s.push(c).frames) {
            expect(f.includes(0x0a) || f.includes(0x0d)).toBe(false);
            expect(f.length).toBeLessThanOrEqual(128);
          }
        }
      }),
    );
  });
  it('needs a terminator', () => {
    expect(() => createFrameSplitter({ terminators: [[]], maxBytes: 10 })).toThrow(RangeError);
  });
});

describe('MRZ line grouping', () => {
  it('groups TD1 and TD3 lines, whatever the line endings', async () => {
    const f = new MrzFramer({ maxBytes: 1024 });
    const text = `${ICAO_TD1.join('\r\n')}\r\n\r\n${ICAO_TD3.join('\n')}\n${CCCD_SAMPLE.join('\r')}\r`;
    const out = await run(f, splitAt(Buffer.from(text), [7, 31, 32, 90, 150]));
    expect(out).toEqual([ICAO_TD1.join('\n'), ICAO_TD3.join('\n'), CCCD_SAMPLE.join('\n')]);
  });
  it('an interrupted document is emitted as is and the next one still groups', () => {
    const g = createMrzGrouper();
    const out = [ICAO_TD1[0], ICAO_TD1[1], ...CCCD_SAMPLE].flatMap((l) => g.push(l));
    expect(out).toEqual([`${ICAO_TD1[0]}\n${ICAO_TD1[1]}`, CCCD_SAMPLE.join('\n')]);
  });
  it('a name line that looks like a first line (IVANOV…) still completes its group', () => {
    const g = createMrzGrouper();
    const name = 'IVANOVA<<ANNA<<<<<<<<<<<<<<<<<';
    expect([ICAO_TD1[0], ICAO_TD1[1], name].flatMap((l) => g.push(l))).toEqual([`${ICAO_TD1[0]}\n${ICAO_TD1[1]}\n${name}`]);
  });
  it('stray lines are passed on for the parser to reject', () => {
    const g = createMrzGrouper();
    expect(g.push('hello')).toEqual(['hello']);
    expect(g.push('   ')).toEqual([]);
  });
  it('with start/end bytes, one block per end byte', async () => {
    const f = new MrzFramer({ startBytes: [0x02], endBytes: [0x03], maxBytes: 1024 });
    const block = (lines: readonly string[]) => Buffer.concat([Buffer.from([0x02]), Buffer.from(`${lines.join('\r\n')}\r\n`), Buffer.from([0x03])]);
    const out = await run(f, splitAt(Buffer.concat([Buffer.from('junk'), block(ICAO_TD3), block(CCCD_SAMPLE)]), [3, 50, 100]));
    expect(out).toEqual([ICAO_TD3.join('\r\n'), CCCD_SAMPLE.join('\r\n')]);
  });
});
