/**
 * HID POS (usage page 0x8C, Bar Code Scanner) input reports → scans. Pure.
 *
 * The Scanned Data Report carries: symbology identifier (3 bytes, the AIM identifier such as `]Q1` for
 * QR), decoded data, and a "decoded data continued" bit when the payload needs more reports. Vendors put
 * these at offsets described by their report descriptor (read by hid-descriptor.ts where the platform gives
 * it to us); the default layout is the common one (Honeywell/Zebra "HID POS" mode, 64-byte report): report
 * ID 0x02, data length in byte 1, AIM ident in bytes 2–4, up to 56 data bytes from byte 5, continuation flag
 * in bit 0 of byte 63.
 */
export interface HidPosLayout {
  /** Expected first byte (numbered reports), or null when the device uses unnumbered reports. */
  reportId: number | null;
  /** Byte holding this report's data length; null: none, the data runs to capacity less trailing NUL padding. */
  lengthOffset: number | null;
  /** First symbology identifier byte (AIM `]Q1`); null: the report carries none. */
  aimOffset: number | null;
  /** How many symbology identifier bytes follow aimOffset (the AIM identifier is 3). */
  aimLength: number;
  dataOffset: number;
  dataCapacity: number;
  /** Byte holding the "decoded data continued" flag; null: every report is a whole payload. */
  continuationOffset: number | null;
  continuationMask: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  lengthOffset: 1,
  aimOffset: 2,
  aimLength: 3,
  dataOffset: 5,
  dataCapacity: 56,
  continuationOffset: 63,
  continuationMask: 0x01,
};

export interface HidPosReport {
  aim: string;
  data: Uint8Array;
  continued: boolean;
}

export class HidPosReportError extends Error {
  override readonly name = 'HidPosReportError';
}

export function parseHidPosReport(report: Uint8Array, layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT): HidPosReport {
  if (layout.reportId !== null && report[0] !== layout.reportId) {
    throw new HidPosReportError(`report id ${report[0] ?? 'missing'} is not the scanned-data report ${layout.reportId}`);
  }
  let length: number;
  if (layout.lengthOffset === null) {
    if (report.length < layout.dataOffset) throw new HidPosReportError(`report of ${report.length} bytes ends before its data at byte ${layout.dataOffset}`);
    const field = report.subarray(layout.dataOffset, layout.dataOffset + layout.dataCapacity);
    length = field.length;
    while (length > 0 && field[length - 1] === 0) length--;
  } else {
    const declared = report[layout.lengthOffset];
    if (declared === undefined) throw new HidPosReportError('report too short for its length byte');
    if (declared > layout.dataCapacity) throw new HidPosReportError(`data length ${declared} exceeds capacity ${layout.dataCapacity}`);
    if (report.length < layout.dataOffset + declared) throw new HidPosReportError(`report of ${report.length} bytes is shorter than its data length ${declared}`);
    length = declared;
  }
  const aimBytes = layout.aimOffset === null ? new Uint8Array(0) : report.subarray(layout.aimOffset, layout.aimOffset + layout.aimLength);
  // The AIM identifier is printable ASCII (`]` + code character + modifier); zeros mean "not sent".
  const aim = aimBytes.length > 0 && [...aimBytes].every((b) => b >= 0x20 && b < 0x7f) ? String.fromCharCode(...aimBytes) : '';
  const flag = layout.continuationOffset === null ? 0 : (report[layout.continuationOffset] ?? 0);
  return {
    aim,
    data: Uint8Array.from(report.subarray(layout.dataOffset, layout.dataOffset + length)),
    continued: (flag & layout.continuationMask) !== 0,
  };
}

export interface HidPosScan {
  aim: string;
  payload: string;
}

export interface HidPosAssembler {
  /** Feed one input report; returns a scan when the last report of a payload arrives. Throws HidPosReportError. */
  push(report: Uint8Array): HidPosScan | null;
  reset(): void;
}

/** Joins multi-report payloads; bytes are decoded as UTF-8 only once the payload is whole. */
export function createHidPosAssembler(layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT, maxBytes = 8192): HidPosAssembler {
  let parts: Uint8Array[] = [];
  let size = 0;
  let aim = '';
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    push(raw) {
      const r = parseHidPosReport(raw, layout);
      if (parts.length === 0) aim = r.aim;
      parts.push(r.data);
      size += r.data.length;
      if (size > maxBytes) {
        parts = [];
        size = 0;
        throw new HidPosReportError(`payload longer than ${maxBytes} bytes`);
      }
      if (r.continued) return null;
      const all = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      parts = [];
      size = 0;
      // Scanners may append their configured suffix (CR/LF) even in HID POS mode.
      return { aim, payload: decoder.decode(all).replace(/[\r\n]+$/, '') };
    },
    reset() {
      parts = [];
      size = 0;
    },
  };
}

/** AIM symbology code character → name, for the few we care about (ISO/IEC 15424). */
export function aimSymbology(aim: string): string {
  const code = aim.charAt(1);
  const names: Record<string, string> = { Q: 'qr', d: 'datamatrix', L: 'pdf417', C: 'code128', E: 'ean-upc', A: 'code39', I: 'itf' };
  return names[code] ?? (aim === '' ? 'unknown' : `aim:${aim}`);
}
