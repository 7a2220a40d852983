import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HID_POS_LAYOUT, HidPosReportError, aimSymbology, createHidPosAssembler, parseHidPosReport,
} from '../../drivers/scanner/hid-pos.ts';
import { hidPosReports } from '../helpers/virtual-scanner.ts';
import { QR_2021 } from './identity-fixtures.ts';

describe('HID POS scanned-data report', () => {
  it('parses length, AIM identifier, data and the continuation bit', () => {
    const [r] = hidPosReports(Buffer.from('HELLO'));
    expect(parseHidPosReport(r!)).toEqual({ aim: ']Q1', data: Uint8Array.from(Buffer.from('HELLO')), continued: false });
  });
  it('joins a multi-report CCCD QR and decodes UTF-8 split across reports', () => {
    const bytes = Buffer.from(QR_2021, 'utf8');
    const reports = hidPosReports(bytes);
    expect(reports.length).toBeGreaterThan(2);
    const a = createHidPosAssembler();
    const results = reports.map((r) => a.push(r));
    expect(results.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(results.at(-1)).toEqual({ aim: ']Q1', payload: QR_2021 });
    expect(aimSymbology(']Q1')).toBe('qr');
  });
  it('strips a CR/LF suffix the scanner appends', () => {
    const a = createHidPosAssembler();
    expect(a.push(hidPosReports(Buffer.from('ABC\r\n'), ']C0')[0]!)).toEqual({ aim: ']C0', payload: 'ABC' });
  });
  it('rejects other reports and impossible lengths with its own error', () => {
    const r = hidPosReports(Buffer.from('X'))[0]!;
    const wrongId = Buffer.from(r);
    wrongId[0] = 0x01;
    expect(() => parseHidPosReport(wrongId)).toThrow(HidPosReportError);
    const tooLong = Buffer.from(r);
    tooLong[1] = 57;
    expect(() => parseHidPosReport(tooLong)).toThrow(/capacity/);
    expect(() => parseHidPosReport(r.subarray(0, 5))).toThrow(/shorter/);
    expect(() => parseHidPosReport(Buffer.alloc(0))).toThrow(HidPosReportError);
  });
  it('an endless continuation is cut off at maxBytes', () => {
    const a = createHidPosAssembler(DEFAULT_HID_POS_LAYOUT, 100);
    const r = hidPosReports(Buffer.alloc(56 * 3, 0x41))[0]!;
    expect(a.push(r)).toBeNull();
    expect(() => a.push(r)).toThrow(/longer than 100/);
    expect(a.push(hidPosReports(Buffer.from('OK'))[0]!)).toEqual({ aim: ']Q1', payload: 'OK' });
  });
  it('unnumbered reports with a custom layout', () => {
    const layout = { ...DEFAULT_HID_POS_LAYOUT, reportId: null, lengthOffset: 0, aimOffset: 1, dataOffset: 4, continuationOffset: 62 };
    const r = Buffer.alloc(63);
    r[0] = 2;
    r.write(']d2', 1, 'latin1');
    r.write('AB', 4);
    expect(parseHidPosReport(r, layout)).toMatchObject({ aim: ']d2', continued: false });
  });
  it('random reports only ever throw HidPosReportError', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 20 }), (reports) => {
        const a = createHidPosAssembler(DEFAULT_HID_POS_LAYOUT, 500);
        for (const r of reports) {
          try {
            a.push(r);
          } catch (e) {
            if (!(e instanceof HidPosReportError)) throw e;
          }
        }
      }),
    );
  });
});
