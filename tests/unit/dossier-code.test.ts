import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUnitId, DossierCodeError, formatDossierCode, parseDossierCode } from '../../main/core/dossier/code.ts';
import { addDays } from '../../main/core/calendar/civil-date.ts';

describe('formatDossierCode', () => {
  it('builds V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX', () => {
    expect(formatDossierCode('000.00.00.H49', '2025-03-10', 7)).toBe('000.00.00.H49-250310-0007');
    expect(formatDossierCode('000.00.04.G14', '2026-12-31', 9999)).toBe('000.00.04.G14-261231-9999');
  });
  it('uses the receipt date in Vietnam, not UTC', () => {
    // 2025-03-10T17:30Z is 00:30 on 11/3 in Hà Nội.
    expect(formatDossierCode('000.00.00.H49', new Date('2025-03-10T17:30:00Z'), 1)).toBe('000.00.00.H49-250311-0001');
    expect(formatDossierCode('000.00.00.H49', new Date('2025-03-10T16:59:59Z'), 1)).toBe('000.00.00.H49-250310-0001');
  });
  it('rejects bad unit ids, sequences and dates with a precise reason', () => {
    expect(() => formatDossierCode('H49', '2025-03-10', 1)).toThrow(/V1V2V3/);
    expect(() => formatDossierCode('000.00.00.h49', '2025-03-10', 1)).toThrow(/viết hoa/);
    expect(() => formatDossierCode('000.00.00.H49', '2025-03-10', 0)).toThrow(DossierCodeError);
    expect(() => formatDossierCode('000.00.00.H49', '2025-03-10', 10000)).toThrow(/9999/);
    expect(() => formatDossierCode('000.00.00.H49', '2025-02-29', 1)).toThrow(DossierCodeError);
    expect(() => formatDossierCode('000.00.00.H49', '1999-12-31', 1)).toThrow(/YY/);
  });
});

describe('parseDossierCode', () => {
  it('parses a strict code', () => {
    expect(parseDossierCode('000.00.00.H49-250310-0007')).toEqual({ unitId: '000.00.00.H49', date: '2025-03-10', seq: 7 });
  });
  it('normalises spacing and case from a typed code', () => {
    expect(parseDossierCode(' 000.00.04.g14-261231-0001 ')).toEqual({ unitId: '000.00.04.G14', date: '2026-12-31', seq: 1 });
  });
  it('permissive mode accepts the other published layout and long sequences', () => {
    // Real-world example recorded (unverified) in the procedures catalog.
    expect(() => parseDossierCode('H15.50.05.13-261008-0975')).toThrow(DossierCodeError);
    expect(parseDossierCode('H15.50.05.13-261008-0975', { permissive: true })).toEqual({ unitId: 'H15.50.05.13', date: '2026-10-08', seq: 975 });
    expect(parseDossierCode('000.00.00.G14-250101-0012345', { permissive: true }).seq).toBe(12345);
    expect(() => parseDossierCode('000.00.00.G14-250101-0012345')).toThrow(/4 chữ số/);
  });
  it('rejects malformed codes', () => {
    for (const bad of ['', 'abc', '000.00.00.H49-250230-0001', '000.00.00.H49-2503-0001', '000.00.00.H49-250310-0000', '000.00.00.H49_250310_0001']) {
      expect(() => parseDossierCode(bad)).toThrow(DossierCodeError);
    }
  });
  it('round-trips', () => {
    const unit = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('A', 'G', 'H'), fc.integer({ min: 0, max: 99 }))
      .map(([v, z, y, m, x]) => `${String(v).padStart(3, '0')}.${String(z).padStart(2, '0')}.${String(y).padStart(2, '0')}.${m}${String(x).padStart(2, '0')}`);
    const day = fc.integer({ min: 0, max: 36_000 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(unit, day, fc.integer({ min: 1, max: 9999 }), (u, d, seq) => {
        expect(parseDossierCode(formatDossierCode(u, d, seq))).toEqual({ unitId: u, date: d, seq });
      }),
    );
  });
});

describe('checkUnitId', () => {
  it('splits the levels of a strict id', () => {
    expect(checkUnitId('000.00.04.G14')).toEqual({ ok: true, strict: true, levels: { level1: 'G14', level2: '04', level3: '00', level4: '000' } });
  });
  it('reports why an id is refused', () => {
    expect(checkUnitId('')).toEqual({ ok: false, reason: 'mã định danh đơn vị trống' });
    expect(checkUnitId('H15.50.05.13')).toMatchObject({ ok: false });
    expect(checkUnitId('H15.50.05.13', { permissive: true })).toEqual({ ok: true, strict: false, levels: null });
  });
});
