import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HidDescriptorError, hidPosLayoutFromDescriptor, parseHidReportDescriptor } from '../../drivers/scanner/hid-descriptor.ts';
import { DEFAULT_HID_POS_LAYOUT, createHidPosAssembler } from '../../drivers/scanner/hid-pos.ts';
import { hidPosReports } from '../helpers/virtual-scanner.ts';
import { BOOT_KEYBOARD, POS_37, POS_37_LAYOUT, POS_64, pos37Reports } from './hid-descriptor-fixtures.ts';
import { QR_2021 } from './identity-fixtures.ts';

/** The error a call throws, for asserting its offset and reason. */
function thrown(f: () => unknown): HidDescriptorError {
  try {
    f();
  } catch (e) {
    if (e instanceof HidDescriptorError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('HID report descriptor → HID POS layout', () => {
  it('the common 64-byte report-2 descriptor gives exactly the default layout', () => {
    expect(hidPosLayoutFromDescriptor(POS_64)).toEqual(DEFAULT_HID_POS_LAYOUT);
  });

  it('another make: unnumbered, length at 0, symbology 1–3, flags byte with continued at bit 2, 32 data bytes', () => {
    expect(hidPosLayoutFromDescriptor(POS_37)).toEqual(POS_37_LAYOUT);
  });

  it('reports in each layout assemble with the layout read from their descriptor', () => {
    const text = Buffer.from(QR_2021, 'utf8');
    const a37 = createHidPosAssembler(hidPosLayoutFromDescriptor(POS_37)!);
    const r37 = pos37Reports(text, ']Q1');
    expect(r37.length).toBeGreaterThan(3);
    expect(r37.map((r) => a37.push(r)).at(-1)).toEqual({ aim: ']Q1', payload: QR_2021 });
    const a64 = createHidPosAssembler(hidPosLayoutFromDescriptor(POS_64)!);
    expect(hidPosReports(text).map((r) => a64.push(r)).at(-1)).toEqual({ aim: ']Q1', payload: QR_2021 });
  });

  it('fields: report ids, bit offsets, kinds and enclosing collections', () => {
    const f = parseHidReportDescriptor(POS_64);
    expect(f.map((x) => [x.kind, x.reportId, x.bitOffset, x.size, x.count])).toEqual([
      ['input', 2, 0, 8, 1],
      ['input', 2, 8, 8, 3],
      ['input', 2, 32, 8, 56],
      ['input', 2, 480, 8, 2],
      ['input', 2, 496, 1, 1],
      ['input', 2, 497, 1, 7],
      ['output', 4, 0, 1, 1],
      ['output', 4, 1, 1, 7],
    ]);
    expect(f[2]!.collections).toEqual([0x008c0002, 0x008c0012]);
    expect(f[6]!.collections).toEqual([0x008c0002, 0x008c0014]);
  });

  it('a plain keyboard, a vendor-page interface and an empty descriptor have no scanned-data report: null', () => {
    expect(hidPosLayoutFromDescriptor(BOOT_KEYBOARD)).toBeNull();
    // Usage Page (Vendor 0xFF00), Usage 1, Collection (Application), size 8 × 63, Usage 1, Input, End Collection
    expect(hidPosLayoutFromDescriptor(bytes(0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x75, 0x08, 0x95, 0x3f, 0x09, 0x01, 0x81, 0x02, 0xc0))).toBeNull();
    expect(hidPosLayoutFromDescriptor(bytes())).toBeNull();
  });

  it('a truncated item names its offset', () => {
    // Byte 14 is Logical Maximum with 2 data bytes; cut after one of them.
    const e = thrown(() => hidPosLayoutFromDescriptor(POS_64.subarray(0, 16)));
    expect(e.offset).toBe(14);
    expect(e.message).toMatch(/^report descriptor byte 14: item 0x26 needs 2 data bytes, 1 left$/);
    expect(thrown(() => parseHidReportDescriptor(bytes(0xfe, 0x05, 0x10, 0x01))).offset).toBe(0); // long item short of its 5 bytes
    expect(thrown(() => parseHidReportDescriptor(bytes(0x05, 0x8c, 0xfe, 0x00))).offset).toBe(2); // long item header cut
  });

  it('unbalanced collections name the open Collection or the stray End Collection', () => {
    const open = thrown(() => hidPosLayoutFromDescriptor(POS_64.subarray(0, POS_64.length - 1)));
    expect(open.offset).toBe(4); // the application collection
    expect(open.reason).toMatch(/never ended/);
    const stray = thrown(() => hidPosLayoutFromDescriptor(Uint8Array.from([...POS_64, 0xc0])));
    expect(stray.offset).toBe(POS_64.length);
    expect(stray.reason).toMatch(/End Collection without/);
  });

  it('a report longer than any the kernel accepts is a size overflow at its main item', () => {
    // Usage Page (0x8C), Usage (Decoded Data), Report Size (8), Report Count (16385, 2 bytes), Input
    const e = thrown(() => hidPosLayoutFromDescriptor(bytes(0x05, 0x8c, 0x09, 0xfe, 0x75, 0x08, 0x96, 0x01, 0x40, 0x81, 0x02)));
    expect(e.offset).toBe(9);
    expect(e.reason).toMatch(/report size overflow/);
    // Report Size 0xFFFFFFFF (4-byte item) × 1
    expect(thrown(() => parseHidReportDescriptor(bytes(0x77, 0xff, 0xff, 0xff, 0xff, 0x95, 0x01, 0x81, 0x02))).reason).toMatch(/overflow/);
    // Report Size 0 × 2^32−1 would be zero bytes yet endless to walk
    expect(thrown(() => parseHidReportDescriptor(bytes(0x75, 0x00, 0x97, 0xff, 0xff, 0xff, 0xff, 0x81, 0x02))).offset).toBe(7);
  });

  it('other malformed items: Pop without Push, Report ID 0, an undefined main item', () => {
    expect(thrown(() => parseHidReportDescriptor(bytes(0x05, 0x8c, 0xb4))).offset).toBe(2);
    expect(thrown(() => parseHidReportDescriptor(bytes(0x85, 0x00))).reason).toMatch(/Report ID 0/);
    expect(thrown(() => parseHidReportDescriptor(bytes(0x05, 0x01, 0xd0))).offset).toBe(2);
  });

  it('decoded data that is not whole bytes is refused with the item offset, not misread', () => {
    // POS_64 with Report Size (12) inserted before Usage (Decoded Data) at byte 41.
    const twelve = Uint8Array.from([...POS_64.subarray(0, 41), 0x75, 0x0c, ...POS_64.subarray(41)]);
    const e = thrown(() => hidPosLayoutFromDescriptor(twelve));
    expect(e.offset).toBe(45); // the Input item, shifted by the 2 inserted bytes
    expect(e.reason).toMatch(/Decoded Data is 12-bit fields/);
  });

  it('arbitrary bytes only ever throw HidDescriptorError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (d) => {
        try {
          hidPosLayoutFromDescriptor(d);
        } catch (e) {
          if (!(e instanceof HidDescriptorError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('item-shaped random descriptors (real prefixes, random data) only ever throw HidDescriptorError', () => {
    const prefixes = [0x05, 0x06, 0x09, 0x0b, 0x15, 0x19, 0x25, 0x26, 0x29, 0x75, 0x77, 0x85, 0x95, 0x96, 0xa4, 0xb4, 0x81, 0x82, 0x91, 0xb1, 0xa1, 0xc0, 0xfe];
    const item = fc.tuple(fc.constantFrom(...prefixes), fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([p, data]) => {
      if (p === 0xfe) return [p, data[0]! % 3, data[1]!, ...data.subarray(2, 2 + (data[0]! % 3))];
      return [p, ...data.subarray(0, [0, 1, 2, 4][p & 3])];
    });
    // Anchor each run on the scanner usages so the layout derivation is reached, not just the item walk.
    const usages = fc.constantFrom([0x05, 0x8c, 0x09, 0xfe], [0x09, 0xfb], [0x09, 0xff], [0x09, 0x12, 0xa1, 0x02], [0x75, 0x08]);
    fc.assert(
      fc.property(fc.array(fc.oneof(item, usages), { maxLength: 60 }), (items) => {
        const d = Uint8Array.from(items.flat());
        try {
          const layout = hidPosLayoutFromDescriptor(d);
          if (layout) {
            expect(layout.dataCapacity).toBeGreaterThan(0);
            expect(layout.dataOffset).toBeGreaterThanOrEqual(layout.reportId === null ? 0 : 1);
          }
        } catch (e) {
          if (!(e instanceof HidDescriptorError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
