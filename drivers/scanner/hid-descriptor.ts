/**
 * HID report descriptor → the HID POS Scanned Data Report's layout. Pure.
 *
 * Written here rather than taken from npm: no maintained JavaScript report-descriptor *parser* turned up
 * (the npm packages found are descriptor builders or WebHID wrappers that rely on the browser's parser), and
 * node-hid 3.4 neither exposes nor parses descriptors. We need only the short items below, so this is small.
 *
 * Item encoding: USB HID 1.11 §6.2.2.2 (prefix byte: bSize bits 0–1 = 0/1/2/4 data bytes, bType bits 2–3 =
 * main/global/local, bTag bits 4–7; 0xFE starts a long item: data size, tag, data — skipped).
 *
 * Usage ids (HID Usage Tables, Bar Code Scanner page 0x8C, from the HID Point of Sale Usage Tables; as listed
 * in Apple's IOKit/hid/IOHIDUsageTables.h, "Bar Code Scanner Page (0x8C)" enum, and Haiku's
 * usb_hid_page_bar_code_scanner.h citing usb.org pos1_02.pdf):
 *   0x12 Scanned Data Report (CL), 0xFB/0xFC/0xFD Symbology Identifier 1/2/3 (DV), 0xFE Decoded Data (DV),
 *   0xFF Decoded Data Continued (DF).
 * The per-report data length is Generic Desktop 0x3B Byte Count (DV) (same header, GenericDesktop enum),
 * which is how Honeywell-style HID POS descriptors label the length byte.
 */
import type { HidPosLayout } from './hid-pos.ts';

/** A descriptor we cannot read: names the byte offset of the item at fault. */
export class HidDescriptorError extends Error {
  override readonly name = 'HidDescriptorError';
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`report descriptor byte ${offset}: ${reason}`);
  }
}

const usage = (page: number, id: number): number => ((page << 16) | id) >>> 0;
export const HID_USAGES = {
  scannedDataReport: usage(0x8c, 0x12),
  symbologyIdentifier1: usage(0x8c, 0xfb),
  symbologyIdentifier2: usage(0x8c, 0xfc),
  symbologyIdentifier3: usage(0x8c, 0xfd),
  decodedData: usage(0x8c, 0xfe),
  decodedDataContinued: usage(0x8c, 0xff),
  byteCount: usage(0x01, 0x3b),
} as const;

/** Linux's HID_MAX_BUFFER_SIZE: no report the kernel accepts is longer, so a descriptor asking for more is broken. */
export const MAX_REPORT_BYTES = 16384;

export type HidMainKind = 'input' | 'output' | 'feature';

interface UsageRange {
  min: number;
  max: number;
}

/** One Input/Output/Feature main item: `count` fields of `size` bits from `bitOffset` (after the report id byte). */
export interface HidField {
  kind: HidMainKind;
  reportId: number | null;
  bitOffset: number;
  size: number;
  count: number;
  flags: number;
  usages: UsageRange[];
  /** Usages of the enclosing collections, outermost first (null for a collection without a usage). */
  collections: (number | null)[];
  /** Byte offset of the main item in the descriptor. */
  itemOffset: number;
}

interface Globals {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  reportSize: number;
  reportCount: number;
  reportId: number | null;
}

const MAIN_KINDS: Record<number, HidMainKind> = { 0x8: 'input', 0x9: 'output', 0xb: 'feature' };
const FLAG_CONSTANT = 0x01;
const FLAG_VARIABLE = 0x02;
const FLAG_BUFFERED_BYTES = 0x100;

function unsigned(d: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + d[at + i]!;
  return v;
}
function signed(d: Uint8Array, at: number, size: number): number {
  const v = unsigned(d, at, size);
  return size > 0 && v >= 2 ** (8 * size - 1) ? v - 2 ** (8 * size) : v;
}

/** Every main item of a descriptor. Throws HidDescriptorError on a malformed one. */
export function parseHidReportDescriptor(d: Uint8Array): HidField[] {
  const fields: HidField[] = [];
  const reportBits = new Map<string, number>();
  let g: Globals = { usagePage: 0, logicalMin: 0, logicalMax: 0, reportSize: 0, reportCount: 0, reportId: null };
  const stack: Globals[] = [];
  const open: { usage: number | null; offset: number }[] = [];
  let usages: UsageRange[] = [];
  let usageMin: number | null = null;
  // A 1- or 2-byte usage takes the current Usage Page; a 4-byte one carries its own page (HID 1.11 §6.2.2.8).
  const extend = (v: number, size: number) => (size === 4 ? v >>> 0 : usage(g.usagePage, v));
  const clearLocals = () => {
    usages = [];
    usageMin = null;
  };

  let at = 0;
  while (at < d.length) {
    const prefix = d[at]!;
    if (prefix === 0xfe) {
      // Long item: bDataSize, bLongItemTag, data. No long item tags are defined; skip it.
      if (at + 3 > d.length) throw new HidDescriptorError(at, 'long item header is truncated');
      const len = d[at + 1]!;
      if (at + 3 + len > d.length) throw new HidDescriptorError(at, `long item needs ${len} data bytes, ${d.length - at - 3} left`);
      at += 3 + len;
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (at + 1 + size > d.length) {
      throw new HidDescriptorError(at, `item 0x${prefix.toString(16).padStart(2, '0')} needs ${size} data bytes, ${d.length - at - 1} left`);
    }
    const value = unsigned(d, at + 1, size);
    if (type === 0) {
      const kind = MAIN_KINDS[tag];
      if (kind) {
        // A zero-bit field repeated (say) 2^32 times says nothing real and would only cost time to walk.
        if (g.reportSize === 0 && g.reportCount > 0) throw new HidDescriptorError(at, `Report Size 0 with Report Count ${g.reportCount}`);
        const key = `${kind}:${g.reportId ?? '-'}`;
        const offset = reportBits.get(key) ?? 0;
        const end = offset + g.reportSize * g.reportCount;
        if (end > MAX_REPORT_BYTES * 8) {
          throw new HidDescriptorError(at, `report size overflow: ${kind} report ${g.reportId ?? '(unnumbered)'} would be ${Math.ceil(end / 8)} bytes, more than ${MAX_REPORT_BYTES}`);
        }
        reportBits.set(key, end);
        fields.push({
          kind, reportId: g.reportId, bitOffset: offset, size: g.reportSize, count: g.reportCount, flags: value,
          usages, collections: open.map((c) => c.usage), itemOffset: at,
        });
      } else if (tag === 0xa) {
        open.push({ usage: usages[0]?.min ?? null, offset: at });
      } else if (tag === 0xc) {
        if (open.length === 0) throw new HidDescriptorError(at, 'End Collection without an open Collection');
        open.pop();
      } else {
        throw new HidDescriptorError(at, `unknown main item tag 0x${tag.toString(16)}`);
      }
      clearLocals();
    } else if (type === 1) {
      switch (tag) {
        case 0x0: g.usagePage = value & 0xffff; break;
        case 0x1: g.logicalMin = signed(d, at + 1, size); break;
        case 0x2: g.logicalMax = signed(d, at + 1, size); break;
        case 0x7: g.reportSize = value; break;
        case 0x8:
          if (value === 0 || value > 0xff) throw new HidDescriptorError(at, `Report ID ${value} is outside 1–255`);
          g.reportId = value;
          break;
        case 0x9: g.reportCount = value; break;
        case 0xa: stack.push({ ...g }); break;
        case 0xb: {
          const top = stack.pop();
          if (!top) throw new HidDescriptorError(at, 'Pop without Push');
          g = top;
          break;
        }
        default: break; // physical extent, unit, unit exponent: no bearing on the layout
      }
    } else if (type === 2) {
      if (tag === 0x0) usages.push({ min: extend(value, size), max: extend(value, size) });
      else if (tag === 0x1) usageMin = extend(value, size);
      else if (tag === 0x2 && usageMin !== null) {
        const max = extend(value, size);
        if (max >= usageMin) usages.push({ min: usageMin, max });
        usageMin = null;
      }
      // designators, strings, delimiters: ignored
    }
    // type 3 (reserved, other than the long item prefix): nothing defined; skipped by its size
    at += 1 + size;
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new HidDescriptorError(unclosed.offset, `Collection never ended (${open.length} open at the end of the descriptor)`);
  return fields;
}

/** The usage of each of a field's `count` slots (null: padding or array index), without expanding ranges. */
function* slotUsages(f: HidField): Generator<number | null> {
  const data = (f.flags & FLAG_CONSTANT) === 0;
  if (!data || f.usages.length === 0) {
    for (let i = 0; i < f.count; i++) yield null;
    return;
  }
  if ((f.flags & FLAG_BUFFERED_BYTES) !== 0) {
    for (let i = 0; i < f.count; i++) yield f.usages[0]!.min;
    return;
  }
  if ((f.flags & FLAG_VARIABLE) === 0) {
    for (let i = 0; i < f.count; i++) yield null; // array: each slot holds a usage index, not a fixed usage
    return;
  }
  // Variable: slot i takes the i-th usage; the last usage repeats for the remaining slots (HID 1.11 §6.2.2.8).
  let i = 0;
  let last = 0;
  for (const r of f.usages) {
    for (let u = r.min; u <= r.max && i < f.count; u++, i++) yield (last = u);
    if (i >= f.count) return;
  }
  for (; i < f.count; i++) yield last;
}

interface Slot {
  usage: number | null;
  bit: number;
  size: number;
  itemOffset: number;
}

/**
 * The HID POS Scanned Data Report's layout, as byte offsets into the input report the way hidraw/node-hid
 * deliver it (report id first when reports are numbered). Null when the descriptor has no Decoded Data input
 * (a keyboard-wedge or vendor-mode interface). Throws HidDescriptorError when the descriptor is malformed, or
 * lays the report out in a way the byte-oriented reader cannot follow (data not whole bytes, a 2-byte count).
 */
export function hidPosLayoutFromDescriptor(descriptor: Uint8Array): HidPosLayout | null {
  const inputs = parseHidReportDescriptor(descriptor).filter((f) => f.kind === 'input');
  const hasData = (f: HidField) =>
    (f.flags & FLAG_CONSTANT) === 0 && f.usages.some((r) => r.min <= HID_USAGES.decodedData && HID_USAGES.decodedData <= r.max);
  const candidates = inputs.filter(hasData);
  const chosen = candidates.find((f) => f.collections.includes(HID_USAGES.scannedDataReport)) ?? candidates[0];
  if (!chosen) return null;
  const reportId = chosen.reportId;
  const base = reportId === null ? 0 : 1;

  const slots: Slot[] = [];
  for (const f of inputs) {
    if (f.reportId !== reportId) continue;
    let i = 0;
    for (const u of slotUsages(f)) {
      if (u !== null) slots.push({ usage: u, bit: f.bitOffset + i * f.size, size: f.size, itemOffset: f.itemOffset });
      i++;
    }
  }
  const first = (u: number) => slots.find((s) => s.usage === u);
  const byteAt = (s: Slot, what: string): number => {
    if (s.bit % 8 !== 0 || s.size !== 8) throw new HidDescriptorError(s.itemOffset, `${what} is a ${s.size}-bit field at bit ${s.bit}, not a whole byte`);
    return base + s.bit / 8;
  };

  const data = slots.filter((s) => s.usage === HID_USAGES.decodedData);
  // A Decoded Data usage that no field actually carries (count 0, or past the end of a usage range).
  const start = data[0];
  if (!start) return null;
  if (start.bit % 8 !== 0 || start.size % 8 !== 0 || start.size === 0) {
    throw new HidDescriptorError(start.itemOffset, `Decoded Data is ${start.size}-bit fields at bit ${start.bit}, not whole bytes`);
  }
  // Capacity: the run of contiguous whole-byte Decoded Data fields from the first.
  let capacity = 0;
  let next = start.bit;
  for (const s of data) {
    if (s.bit !== next || s.size % 8 !== 0) break;
    capacity += s.size / 8;
    next += s.size;
  }

  const count = first(HID_USAGES.byteCount);
  const si1 = first(HID_USAGES.symbologyIdentifier1);
  let aimOffset: number | null = null;
  let aimLength = 3;
  if (si1) {
    aimOffset = byteAt(si1, 'Symbology Identifier 1');
    aimLength = 1;
    for (const u of [HID_USAGES.symbologyIdentifier2, HID_USAGES.symbologyIdentifier3]) {
      const s = first(u);
      if (!s || s.size !== 8 || s.bit !== si1.bit + aimLength * 8) break;
      aimLength++;
    }
  }
  const more = first(HID_USAGES.decodedDataContinued);
  let continuationOffset: number | null = null;
  let continuationMask = 0x01;
  if (more) {
    const shift = more.bit % 8;
    if (more.size < 1 || shift + more.size > 8) {
      throw new HidDescriptorError(more.itemOffset, `Decoded Data Continued is a ${more.size}-bit field at bit ${more.bit}, not within one byte`);
    }
    continuationOffset = base + (more.bit - shift) / 8;
    continuationMask = (((1 << more.size) - 1) << shift) & 0xff;
  }
  return {
    reportId,
    lengthOffset: count ? byteAt(count, 'Byte Count') : null,
    aimOffset,
    aimLength,
    dataOffset: base + start.bit / 8,
    dataCapacity: capacity,
    continuationOffset,
    continuationMask,
  };
}
