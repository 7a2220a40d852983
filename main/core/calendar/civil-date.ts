// Calendar days as 'YYYY-MM-DD' strings in Vietnam's civil time (Asia/Ho_Chi_Minh).
// Vietnam has kept UTC+7 without daylight saving since 1975, so the conversion is a fixed offset
// and needs no tz database (Electron's ICU may be small-icu on some builds).

export type CivilDate = string; // 'YYYY-MM-DD'

export const VN_UTC_OFFSET_MINUTES = 7 * 60;
const DAY_MS = 86_400_000;

export class CivilDateError extends Error {
  override readonly name = 'CivilDateError';
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function parseCivilDate(s: string): Ymd {
  const m = DATE_RE.exec(s);
  if (!m) throw new CivilDateError(`ngày không đúng dạng YYYY-MM-DD: "${s}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const back = new Date(Date.UTC(year, month - 1, day));
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new CivilDateError(`ngày không tồn tại: "${s}"`);
  }
  return { year, month, day };
}

export function isCivilDate(s: string): boolean {
  try {
    parseCivilDate(s);
    return true;
  } catch {
    return false;
  }
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  return fmt(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function fmt(y: number, m: number, d: number): CivilDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toUtcMs(s: CivilDate): number {
  const { year, month, day } = parseCivilDate(s);
  return Date.UTC(year, month - 1, day);
}

export function addDays(s: CivilDate, n: number): CivilDate {
  const d = new Date(toUtcMs(s) + n * DAY_MS);
  return fmt(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(s: CivilDate): number {
  return new Date(toUtcMs(s)).getUTCDay();
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Local wall-clock parts of an instant in Vietnam. */
export interface VnLocal {
  date: CivilDate;
  minutes: number; // minutes since local midnight
}

export function toVnLocal(instant: Date): VnLocal {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new CivilDateError('thời điểm không hợp lệ (Invalid Date)');
  const shifted = new Date(t + VN_UTC_OFFSET_MINUTES * 60_000);
  return {
    date: fmt(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The instant at local wall-clock `minutes` after midnight of `date` in Vietnam. */
export function fromVnLocal(date: CivilDate, minutes: number): Date {
  return new Date(toUtcMs(date) + (minutes - VN_UTC_OFFSET_MINUTES) * 60_000);
}

export function vnDateOf(instant: Date): CivilDate {
  return toVnLocal(instant).date;
}

/** 'HH:MM' → minutes since midnight. */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new CivilDateError(`giờ không đúng dạng HH:MM: "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
