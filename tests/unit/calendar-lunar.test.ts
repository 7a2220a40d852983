import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lunarMonthLength, lunarToSolar, solarToLunar, tetDate, LunarDateError } from '../../main/core/calendar/lunar.ts';
import { addDays, civilDate } from '../../main/core/calendar/civil-date.ts';

// Every date below comes from a published source (cited per line); none is computed by us.
describe('Tết Nguyên Đán (mùng 1 tháng Giêng), Vietnam UTC+7', () => {
  const published: Array<[number, string, string]> = [
    // North Vietnam after the 8/8/1967 switch to UTC+7 celebrated Tết 1968 on 29 Jan (South, still UTC+8: 30 Jan).
    [1968, '1968-01-29', 'suikawiki.org quoting a calendar-history text on the Tết Offensive'],
    [1985, '1985-01-21', 'oreateai.com "1985 lunar new year" (VN 21/1 vs CN 20/2); en.wikipedia Vietnamese calendar'],
    [2007, '2007-02-17', 'kientruc2014.com: "In 2007 the Vietnamese New Year is on 17/02/2007, the Chinese one on 18/02/2007"'],
    [2014, '2014-01-31', 'laodong.com.vn: nghỉ 28/1/2014 (28 Chạp) – 5/2/2014 (mùng 6 Giêng)'],
    [2020, '2020-01-25', 'vietnamnet.vn: nghỉ 23/1/2020 (29 Chạp) – 29/1/2020 (mùng 5)'],
    [2021, '2021-02-12', 'sggpnews.org.vn 2020-09-16: 11/2 = 30 Chạp, mùng 2–3 = 13–14/2'],
    [2022, '2022-02-01', 'favekad.com / mandrivaclub.nl: Tết 1 Feb 2022; sggpnews: 29/1 (27 Chạp) – 6/2 (mùng 6)'],
    [2023, '2023-01-22', 'lakeviewflorist.com: "Lunar New Year is Jan 22 - 2023 Vietnamese - Year of the Water Cat"'],
    [2024, '2024-02-10', 'vietnamnet.vn/en: "The 2024 Lunar New Year\'s Day falls on February 10"'],
    [2025, '2025-01-29', 'VPCP 8726/VPCP-KGVX: nghỉ 25/1 (26 Chạp) – 2/2/2025 (mùng 5)'],
    [2026, '2026-02-17', 'kienthuc.net.vn 2025-10-13: nghỉ 14/2 (27 Chạp) – 22/2/2026 (mùng 6)'],
    [2030, '2030-02-02', 'kientruc2014.com: 2030 VN 02/02, CN 03/02'],
    [2053, '2053-02-18', 'kientruc2014.com: 2053 VN 18/02, CN 19/02'],
  ];
  for (const [year, date, source] of published) {
    it(`${year} → ${date} (${source.slice(0, 40)}…)`, () => {
      expect(tetDate(year)).toBe(date);
      expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leap: false });
    });
  }

  it('differs from the Chinese (UTC+8) calendar exactly where the sources say', () => {
    expect(tetDate(1985, 8)).toBe('1985-02-20');
    expect(tetDate(2007, 8)).toBe('2007-02-18');
    expect(tetDate(2030, 8)).toBe('2030-02-03');
    expect(tetDate(2053, 8)).toBe('2053-02-19');
    expect(tetDate(1968, 8)).toBe('1968-01-30');
    expect(tetDate(2024, 8)).toBe('2024-02-10');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  // timeanddate.com "Hung Kings Festival" observances table (archived 2021-04-20), plus
  // chancosvn.com (2023), vietnamnet.vn/en + lawnet.vn (2025), thanhnien.vn + kenh14.vn (2026).
  const published: Array<[number, string]> = [
    [2016, '2016-04-16'],
    [2017, '2017-04-06'],
    [2018, '2018-04-25'],
    [2019, '2019-04-14'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ];
  for (const [year, date] of published) {
    it(`${year} → ${date}`, () => {
      expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toBe(date);
      expect(solarToLunar(date)).toEqual({ day: 10, month: 3, year, leap: false });
    });
  }
});

describe('other published lunar dates', () => {
  it('last days of tháng Chạp from the official Tết decisions', () => {
    expect(solarToLunar('2025-01-25')).toMatchObject({ day: 26, month: 12, year: 2024 }); // VPCP 8726: 25/1 = 26 Chạp
    expect(solarToLunar('2026-02-14')).toMatchObject({ day: 27, month: 12, year: 2025 }); // 14/2/2026 = 27 Chạp
    expect(solarToLunar('2026-02-22')).toMatchObject({ day: 6, month: 1, year: 2026 }); // 22/2/2026 = mùng 6
    expect(solarToLunar('2020-01-23')).toMatchObject({ day: 29, month: 12, year: 2019 }); // 23/1/2020 = 29 Chạp
    expect(solarToLunar('2024-02-08')).toMatchObject({ day: 29, month: 12, year: 2023 }); // vietnaminsider: 8/2/2024 = 29 Chạp
    expect(solarToLunar('2024-02-15')).toMatchObject({ day: 6, month: 1, year: 2024 }); // option 2 ended 15/2 = mùng 6
  });

  it('examples printed with the published C# port of the algorithm (manhng.com)', () => {
    expect(solarToLunar('1983-06-25')).toMatchObject({ day: 15, month: 5, year: 1983 });
    expect(solarToLunar('1989-10-30')).toMatchObject({ day: 2, month: 10, year: 1989 });
  });
});

describe('consistency', () => {
  it('solar → lunar → solar is the identity (1900–2100)', () => {
    const day = fc.integer({ min: 0, max: 73_000 }).map((n) => addDays('1900-03-01', n));
    fc.assert(
      fc.property(day, (d) => {
        expect(lunarToSolar(solarToLunar(d))).toBe(d);
      }),
      { numRuns: 400 },
    );
  });

  it('consecutive solar days advance the lunar day by one or start a new month of 29/30 days', () => {
    const day = fc.integer({ min: 0, max: 73_000 }).map((n) => addDays('1900-03-01', n));
    fc.assert(
      fc.property(day, (d) => {
        const a = solarToLunar(d);
        const b = solarToLunar(addDays(d, 1));
        if (b.day === 1) expect([29, 30]).toContain(a.day);
        else expect(b.day).toBe(a.day + 1);
        expect([29, 30]).toContain(lunarMonthLength(d));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects dates that do not exist', () => {
    expect(() => lunarToSolar({ day: 1, month: 2, year: 2025, leap: true })).toThrow(LunarDateError); // not a leap month in 2025
    expect(() => lunarToSolar({ day: 1, month: 6, year: 2024, leap: true })).toThrow(LunarDateError); // 2024 is a 12-month year
    expect(() => lunarToSolar({ day: 31, month: 1, year: 2025, leap: false })).toThrow(LunarDateError);
    expect(() => solarToLunar(civilDate(1700, 1, 1))).toThrow(LunarDateError);
  });
});
