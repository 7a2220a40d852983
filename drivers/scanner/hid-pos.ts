/**
 * HID POS (usage page 0x8C, Bar Code Scanner) input reports → scans. Pure.
 *
 * The Scanned Data Report carries: symbology identifier (3 bytes, the AIM identifier such as `]Q1` for
 * QR), decoded data, and a "decoded data continued" bit when the payload needs more reports. Vendors put
 * these at fixed offsets described by their report descriptor; the default layout is the common one
 * (Honeywell/Zebra "HID POS" mode, 64-byte report): report ID 0x02, data length in byte 1, AIM ident in
 * bytes 2–4, up to 56 data bytes from byte 5, continuation flag in bit 0 of byte 63.
 */
export interface HidPosLayout {
  /** Expected first byte (numbered reports), or null when the device uses unnumbered reports. */
  reportId: number | null;
  lengthOffset: number;
  aimOffset: number;
  dataOffset: number;
  dataCapacity: number;
  continuationOffset: number;
  continuationMask: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  lengthOffset: 1,
  aimOffset: 2,
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
  const length = report[layout.lengthOffset];
  if (length === undefined) throw new HidPosReportError('report too short for its length byte');
  if (length > layout.dataCapacity) throw new HidPosReportError(`data length ${length} exceeds capacity ${layout.dataCapacity}`);
  if (report.length < layout.dataOffset + length) throw new HidPosReportError(`report of ${report.length} bytes is shorter than its data length ${length}`);
  const aimBytes = report.subarray(layout.aimOffset, layout.aimOffset + 3);
  // The AIM identifier is printable ASCII (`]` + code character + modifier); zeros mean "not sent".
  const aim = [...aimBytes].every((b) => b >= 0x20 && b < 0x7f) ? String.fromCharCode(...aimBytes) : '';
  const flag = report[layout.continuationOffset] ?? 0;
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
