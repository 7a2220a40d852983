// Vietnamese lunisolar calendar (âm lịch) computed astronomically for UTC+7.
//
// Algorithm: Hồ Ngọc Đức, "Thuật toán tính âm lịch" / "Computing the Vietnamese lunar calendar",
// https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_en.html — new moons (sóc) and the
// sun's longitude (trung khí) from simplified formulas of Meeus, "Astronomical Algorithms"; rules:
// the month starts on the day of the new moon, the winter solstice is in month 11, the first month
// without a principal term after it is the leap month, all computed for meridian 105°E (UTC+7).
//
// Why not an npm library: the popular ones (lunar-javascript, chinese-lunar, …) implement the
// Chinese calendar (UTC+8) and give the wrong Tết in years such as 1985, 2007 and 2030; the
// Vietnamese ones on npm are 0.0.x. This is ~120 lines and tested against published dates.
// Valid range of the simplified formulas: roughly 1800–2199 (error of a new moon < 2 minutes).

import { civilDate, parseCivilDate, type CivilDate } from './civil-date.ts';

export const VN_TIME_ZONE = 7;

export interface LunarDate {
  day: number;
  month: number; // 1..12
  year: number; // the lunar year that contains the date (Tết of `year` is 1/1/year)
  leap: boolean; // tháng nhuận
}

export class LunarDateError extends Error {
  override readonly name = 'LunarDateError';
}

const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

/** Julian day number of a Gregorian date (proleptic Julian before 15/10/1582). */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = Math.floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  if (jd < 2299161) jd = dd + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  return jd;
}

export function jdToDate(jd: number): { day: number; month: number; year: number } {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = b * 100 + d - 4800 + Math.floor(m / 10);
  return { day, month, year };
}

const DR = Math.PI / 180;

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, simplified). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Local day number (JDN) on which the k-th new moon falls. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

/** Sun's apparent longitude at local midnight starting day `jdn`, as one of 12 sectors (0..11; 30° each). */
function sunLongitudeSector(jdn: number, tz: number): number {
  const T = (jdn - 2451545.5 - tz / 24) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let L = (L0 + DL) * DR;
  L -= Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return Math.floor((L / Math.PI) * 6);
}

/** Day number of the start of lunar month 11 (the month holding the winter solstice) of solar year yy. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = Math.floor(off / 29.530588853);
  const nm = newMoonDay(k, tz);
  // The solstice is sector 9 (270°); if the month starting at nm already passed it, step back a month.
  return sunLongitudeSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** Offset (in months after month 11 starting at a11) of the leap month in a 13-month year. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(y: number): void {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new LunarDateError(`năm ${y} ngoài khoảng tính được (${MIN_YEAR}–${MAX_YEAR})`);
  }
}

export function solarToLunar(date: CivilDate, tz: number = VN_TIME_ZONE): LunarDate {
  const { year: yy, month: mm, day: dd } = parseCivilDate(date);
  checkYear(yy);
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = Math.floor((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/** Solar date of a lunar date; throws LunarDateError if it does not exist (e.g. a leap month that year has not). */
export function lunarToSolar(l: LunarDate, tz: number = VN_TIME_ZONE): CivilDate {
  checkYear(l.year);
  if (!Number.isInteger(l.month) || l.month < 1 || l.month > 12) throw new LunarDateError(`tháng âm lịch không hợp lệ: ${l.month}`);
  if (!Number.isInteger(l.day) || l.day < 1 || l.day > 30) throw new LunarDateError(`ngày âm lịch không hợp lệ: ${l.day}`);
  let a11: number;
  let b11: number;
  if (l.month < 11) {
    a11 = lunarMonth11(l.year - 1, tz);
    b11 = lunarMonth11(l.year, tz);
  } else {
    a11 = lunarMonth11(l.year, tz);
    b11 = lunarMonth11(l.year + 1, tz);
  }
  const k = Math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = l.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (l.leap && l.month !== leapMonth) throw new LunarDateError(`năm ${l.year} không có tháng ${l.month} nhuận`);
    if (l.leap || off >= leapOff) off += 1;
  } else if (l.leap) {
    throw new LunarDateError(`năm ${l.year} không có tháng nhuận`);
  }
  const monthStart = newMoonDay(k + off, tz);
  const nextStart = newMoonDay(k + off + 1, tz);
  if (l.day > nextStart - monthStart) throw new LunarDateError(`tháng ${l.month}/${l.year} âm lịch chỉ có ${nextStart - monthStart} ngày`);
  const { day, month, year } = jdToDate(monthStart + l.day - 1);
  return civilDate(year, month, day);
}

/** Mùng 1 Tết Nguyên Đán of lunar year `year` (falls in solar year `year`). */
export function tetDate(year: number, tz: number = VN_TIME_ZONE): CivilDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, tz);
}

/** Number of days in the lunar month that contains `date`. */
export function lunarMonthLength(date: CivilDate, tz: number = VN_TIME_ZONE): number {
  const { year, month, day } = parseCivilDate(date);
  const dayNumber = jdFromDate(day, month, year);
  const k = Math.floor((dayNumber - 2415021.076998695) / 29.530588853);
  let start = newMoonDay(k + 1, tz);
  let kk = k + 1;
  if (start > dayNumber) {
    start = newMoonDay(k, tz);
    kk = k;
  }
  return newMoonDay(kk + 1, tz) - start;
}
