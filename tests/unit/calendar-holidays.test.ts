import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createWorkCalendar, canChi } from '../../main/core/calendar/work-calendar.ts';
import { loadHolidayOverrides } from '../../main/core/calendar/holiday-files.ts';
import { HolidayConfigError, parseYearOverrides } from '../../main/core/calendar/holiday-overrides.ts';
import { addDays, dayOfWeek } from '../../main/core/calendar/civil-date.ts';

const dir = fileURLToPath(new URL('../../assets/holidays/', import.meta.url));
const overrides = loadHolidayOverrides(dir);
const cal = createWorkCalendar({ saturdayMorning: false, overrides });
const bare = createWorkCalendar({ saturdayMorning: false, overrides: [] });

/** Weekdays that are not working days between from and to (inclusive). */
function weekdaysOff(c: typeof cal, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (![0, 6].includes(dayOfWeek(d)) && !c.isWorkingDay(d)) out.push(d);
  return out;
}

describe('shipped decision files', () => {
  it('load and validate for 2024, 2025, 2026', () => {
    expect(overrides.map((o) => o.year)).toEqual([2024, 2025, 2026]);
    for (const o of overrides) for (const s of o.sources) expect(s.urls.length).toBeGreaterThan(0);
  });
});

describe('2024 (Tết 8–14/2; 30/4 swap 29/4 ↔ 4/5 per 2450/VPCP-KGVX; Quốc khánh 31/8–3/9)', () => {
  it('Tết Giáp Thìn: Thu 8/2 – Wed 14/2 off', () => {
    expect(weekdaysOff(cal, '2024-02-01', '2024-02-29')).toEqual(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']);
    expect(cal.isWorkingDay('2024-02-15')).toBe(true);
  });
  it('Giỗ Tổ Thu 18/4; 27/4–1/5 off and Saturday 4/5 worked', () => {
    expect(weekdaysOff(cal, '2024-04-01', '2024-05-31')).toEqual(['2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01']);
    expect(cal.isWorkingDay('2024-05-04')).toBe(true);
    expect(cal.makeUpWorkingDaysOf(2024).map((d) => d.date)).toEqual(['2024-05-04']);
  });
  it('Quốc khánh: Mon 2/9 and Tue 3/9', () => {
    expect(weekdaysOff(cal, '2024-08-01', '2024-09-30')).toEqual(['2024-09-02', '2024-09-03']);
  });
});

describe('2025 (VPCP 8726/VPCP-KGVX)', () => {
  it('Tết Ất Tỵ 25/1–2/2: Mon 27/1 – Fri 31/1 off', () => {
    expect(weekdaysOff(cal, '2025-01-02', '2025-02-28')).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });
  it('Giỗ Tổ Mon 7/4; 30/4–4/5 with Fri 2/5 swapped for Sat 26/4', () => {
    expect(weekdaysOff(cal, '2025-04-01', '2025-05-31')).toEqual(['2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02']);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
  });
  it('Quốc khánh 30/8–2/9: Mon 1/9 and Tue 2/9', () => {
    expect(weekdaysOff(cal, '2025-08-01', '2025-09-30')).toEqual(['2025-09-01', '2025-09-02']);
  });
  it('Tết default rule differs from the 2025 decision — the reason decisions are data', () => {
    expect(weekdaysOff(bare, '2025-01-02', '2025-02-28')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03']);
  });
});

describe('2026 (12729/VPCP-KGVX; Tết and Quốc khánh per VPCP, 10/2025)', () => {
  it('Tết Dương lịch 1–4/1 with Fri 2/1 swapped for Sat 10/1', () => {
    expect(weekdaysOff(cal, '2026-01-01', '2026-01-31')).toEqual(['2026-01-01', '2026-01-02']);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
  });
  it('Tết Bính Ngọ 14/2–22/2: Mon 16/2 – Fri 20/2 off (same as the default rule)', () => {
    const expected = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'];
    expect(weekdaysOff(cal, '2026-02-01', '2026-02-28')).toEqual(expected);
    expect(weekdaysOff(bare, '2026-02-01', '2026-02-28')).toEqual(expected);
  });
  it('Giỗ Tổ on Sunday 26/4 → compensatory Monday 27/4 (Art. 111); 30/4 Thu, 1/5 Fri', () => {
    expect(weekdaysOff(cal, '2026-04-01', '2026-05-31')).toEqual(['2026-04-27', '2026-04-30', '2026-05-01']);
    const h = cal.holidaysOf(2026).find((x) => x.date === '2026-04-27');
    expect(h).toEqual({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)', kind: 'nghi-bu' });
  });
  it('Quốc khánh 29/8–2/9 with Mon 31/8 swapped for Sat 22/8', () => {
    expect(weekdaysOff(cal, '2026-08-01', '2026-09-30')).toEqual(['2026-08-31', '2026-09-01', '2026-09-02']);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.isWorkingDay('2026-08-29')).toBe(false);
  });
});

describe('statutory rules without a decision file (defaults)', () => {
  it('2016: Giỗ Tổ Sat 16/4 → Mon 18/4; 30/4 Sat + 1/5 Sun → Mon 2/5 + Tue 3/5 (baodanang.vn, 01/04/2016)', () => {
    expect(weekdaysOff(bare, '2016-04-01', '2016-05-31')).toEqual(['2016-04-18', '2016-05-02', '2016-05-03']);
  });
  it('2022: Giỗ Tổ Sun 10/4 → Mon 11/4; 30/4–1/5 on the weekend → 2/5, 3/5 (en.sggp.org.vn)', () => {
    expect(weekdaysOff(bare, '2022-04-01', '2022-05-31')).toEqual(['2022-04-11', '2022-05-02', '2022-05-03']);
  });
  it('2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → off until Wed 3/5 (chancosvn.com)', () => {
    expect(weekdaysOff(bare, '2023-04-01', '2023-05-31')).toEqual(['2023-05-01', '2023-05-02', '2023-05-03']);
  });
  it('Tết default = five weekdays from 29 tháng Chạp: matches 2020 (23–29/1) and 2023 (20–26/1) decisions', () => {
    expect(weekdaysOff(bare, '2020-01-02', '2020-02-28')).toEqual(['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29']);
    expect(weekdaysOff(bare, '2023-01-03', '2023-02-28')).toEqual(['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']);
    expect(weekdaysOff(bare, '2024-01-02', '2024-02-29')).toEqual(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']);
  });
  it('names are Vietnamese and Tết days carry the Can Chi year and the lunar day', () => {
    const names = bare.holidaysOf(2026).map((h) => h.name);
    expect(names).toContain('Tết Dương lịch');
    expect(names).toContain('Tết Nguyên đán Bính Ngọ (mùng 1 tháng Giêng)');
    expect(names).toContain('Quốc khánh (2/9)');
    expect(canChi(2024)).toBe('Giáp Thìn');
    expect(canChi(2025)).toBe('Ất Tỵ');
    expect(canChi(2023)).toBe('Quý Mão');
  });
  it('eleven statutory days a year are all present', () => {
    for (const y of [2020, 2021, 2022, 2023, 2027, 2030]) {
      const le = bare.holidaysOf(y).filter((h) => h.kind === 'le');
      expect(le.length).toBe(11);
    }
  });
});

describe('working-day arithmetic', () => {
  it('addWorkingDays skips weekends, holidays and honours swaps', () => {
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03'); // Fri before Tết → Mon after
    expect(cal.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26'); // Sat 26/4/2025 is worked
    expect(cal.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
    expect(cal.addWorkingDays('2025-04-29', 0)).toBe('2025-04-29');
    expect(cal.addWorkingDays('2025-04-30', 0)).toBe('2025-05-05');
    expect(cal.nextWorkingDay('2026-08-28')).toBe('2026-09-03');
  });
  it('accepts an instant and uses the Vietnamese date of it', () => {
    // 2025-01-26T17:30Z is 00:30 on Mon 27/1 in Vietnam (a Tết day off).
    expect(cal.isWorkingDay(new Date('2025-01-26T17:30:00Z'))).toBe(false);
    expect(cal.isWorkingDay(new Date('2025-01-24T16:59:00Z'))).toBe(true); // 23:59 Fri 24/1
  });
  it('rejects bad input with a precise error', () => {
    expect(() => cal.addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(/không tồn tại/);
  });
  it('Saturday morning: open unless inside a holiday break', () => {
    const sat = createWorkCalendar({ saturdayMorning: true, overrides });
    expect(sat.dayKind('2025-03-08')).toBe('saturday-morning');
    expect(sat.isWorkingDay('2025-03-08')).toBe(false);
    expect(sat.dayKind('2026-02-14')).toBe('closed'); // first day of the Tết break
    expect(sat.dayKind('2025-05-03')).toBe('closed');
    expect(sat.dayKind('2025-04-26')).toBe('working'); // make-up Saturday
    expect(sat.dayKind('2025-03-09')).toBe('closed');
    expect(cal.dayKind('2025-03-08')).toBe('closed');
  });
});

describe('decision file validation', () => {
  const good = { year: 2027, sources: [{ ref: null, issued: null, summary: 's', urls: ['https://example.org/x'] }], breaks: [], makeUpWorkingDays: [] };
  it('accepts a minimal file', () => {
    expect(parseYearOverrides(good).notes).toEqual([]);
  });
  it('rejects a weekday as a make-up working day, inverted ranges, impossible dates', () => {
    expect(() => parseYearOverrides({ ...good, makeUpWorkingDays: [{ date: '2027-01-04', name: 'x' }] })).toThrow(HolidayConfigError);
    expect(() => parseYearOverrides({ ...good, breaks: [{ from: '2027-02-10', to: '2027-02-01', name: 'x', replaces: [] }] })).toThrow(/from/);
    expect(() => parseYearOverrides({ ...good, breaks: [{ from: '2027-02-30', to: '2027-03-01', name: 'x', replaces: [] }] })).toThrow(HolidayConfigError);
    expect(() => parseYearOverrides({ ...good, breaks: [{ from: '2030-02-01', to: '2030-02-02', name: 'x', replaces: [] }] })).toThrow(/ngoài năm/);
    expect(() => parseYearOverrides({ ...good, sources: [] })).toThrow(HolidayConfigError);
  });
});
