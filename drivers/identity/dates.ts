import { fail } from './errors.ts';

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function isRealDate({ y, m, d }: YMD): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

export function toIso({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function compare(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function todayOf(today: string | undefined): YMD {
  if (today === undefined) {
    const now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const ymd = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  // A bad `today` is a programming error, not bad citizen input, so it is a plain RangeError.
  if (!ymd || !isRealDate(ymd)) throw new RangeError(`options.today must be ISO yyyy-mm-dd, got ${today}`);
  return ymd;
}

/** `ddmmyyyy` as printed in the CCCD QR. */
export function parseDdMmYyyy(value: string, field: string): YMD {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!m) fail(field, 'must be 8 digits ddmmyyyy', 'phải gồm 8 chữ số ngàythángnăm');
  const ymd = { d: Number(m[1]), m: Number(m[2]), y: Number(m[3]) };
  if (!isRealDate(ymd)) fail(field, 'is not a real calendar date', 'không phải ngày có thật');
  if (ymd.y < 1900) fail(field, 'year is before 1900', 'năm trước 1900');
  return ymd;
}

/**
 * MRZ `yymmdd`. Births go in the latest century that is not in the future; expiries in 20yy unless that
 * is more than 50 years ahead (then 19yy, an old expired document).
 */
export function parseYyMmDd(value: string, field: string, kind: 'birth' | 'expiry', today: YMD): YMD {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) {
    // ICAO lets a state write `<<` for an unknown day or month; we cannot make an ISO date of that, so the
    // kiosk falls back to manual entry instead of guessing.
    fail(field, 'must be 6 digits yymmdd (unknown day/month is not supported)', 'phải gồm 6 chữ số nămthángngày');
  }
  const yy = Number(m[1]);
  const ymd = { y: 2000 + yy, m: Number(m[2]), d: Number(m[3]) };
  if (kind === 'birth' && compare(ymd, today) > 0) ymd.y -= 100;
  if (kind === 'expiry' && ymd.y > today.y + 50) ymd.y -= 100;
  if (!isRealDate(ymd)) fail(field, 'is not a real calendar date', 'không phải ngày có thật');
  return ymd;
}
