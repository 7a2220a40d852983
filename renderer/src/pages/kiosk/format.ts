// Dates, times and money the way a Vietnamese citizen reads them. Pure: unit-tested with fixed dates.

const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const VN_OFFSET_MS = 7 * 3_600_000; // Vietnam keeps UTC+7 all year

/** "2026-05-08" → "Thứ Sáu, ngày 08 tháng 5 năm 2026" (the administrative style: day with two digits). */
export function vietnameseDate(iso: string, lang: 'vi' | 'en' = 'vi'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dow = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  if (lang === 'en') return `${WEEKDAYS_EN[dow]}, ${d} ${MONTHS_EN[mo - 1]} ${y}`;
  return `${WEEKDAYS[dow]}, ngày ${m[3]} tháng ${mo} năm ${y}`;
}

/** The Vietnamese civil date of an instant, yyyy-mm-dd. */
export function vnDate(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Vietnamese clock time of an instant, "09:15". */
export function vnClock(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** 500000 → "500.000 đồng". */
export function formatDong(amount: number, lang: 'vi' | 'en' = 'vi'): string {
  const digits = String(Math.trunc(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return `${amount < 0 ? '-' : ''}${digits} ${lang === 'vi' ? 'đồng' : 'VND'}`;
}

/**
 * How old the kiosk's own copy is, for a status answered offline: "Thông tin lúc 09:15" today, with the
 * date on another day.
 */
export function asOfText(asOf: string, now: Date, lang: 'vi' | 'en' = 'vi'): string {
  const clock = vnClock(asOf);
  const sameDay = vnDate(asOf) === vnDate(now);
  const d = vnDate(asOf);
  const dmy = `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  if (lang === 'en') return `Information as of ${clock}${sameDay ? '' : ` on ${dmy}`}`;
  return `Thông tin lúc ${clock}${sameDay ? '' : ` ngày ${dmy}`}`;
}
