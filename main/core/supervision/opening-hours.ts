// Reception hours of the kiosk: when tickets may be issued, and the Vietnamese "come back at …" message.
// Pure: the instant and the work calendar come in; Vietnam has one time zone and no daylight saving.
import type { OpeningHours } from '../../contract/ops/supervisor.ts';
import { addDays, dayOfWeek, fromVnLocal, parseClock, toVnLocal, type CivilDate } from '../calendar/civil-date.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';

/** Monday–Friday 7:30–11:30 and 13:00–17:00, Saturday morning 7:30–11:30 (the usual one-stop schedule). */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  enforced: false,
  holidays: true,
  week: [
    [],
    ...Array.from({ length: 5 }, () => [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ]),
    [{ start: '07:30', end: '11:30' }],
  ],
};

/** A work calendar made with `saturdayMorning: true`, so that only holidays and breaks close a Saturday. */
export type HolidayCalendar = Pick<WorkCalendar, 'dayKind'>;

const WEEKDAY_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The reception ranges of a day in minutes since midnight: a holiday or a day of a published break (Tết, 30/4…)
 * has none; a weekend day made a working day by a decision has Monday's.
 */
export function rangesOn(hours: OpeningHours, date: CivilDate, calendar: HolidayCalendar | null): { start: number; end: number }[] {
  let week = dayOfWeek(date);
  if (hours.holidays && calendar) {
    const kind = calendar.dayKind(date);
    if (kind === 'working' && (week === 0 || week === 6)) week = 1;
    // Sunday is 'closed' in every calendar; only the schedule decides whether the centre opens then.
    else if (kind === 'closed' && week !== 0) return [];
  }
  return (hours.week[week] ?? []).map((r) => ({ start: parseClock(r.start), end: parseClock(r.end) })).sort((a, b) => a.start - b.start);
}

export function isOpenAt(hours: OpeningHours, instant: Date, calendar: HolidayCalendar | null): boolean {
  if (!hours.enforced) return true;
  const { date, minutes } = toVnLocal(instant);
  return rangesOn(hours, date, calendar).some((r) => minutes >= r.start && minutes < r.end);
}

/** The next instant reception opens (strictly after `instant` when closed now), or null if none within 60 days. */
export function nextOpening(hours: OpeningHours, instant: Date, calendar: HolidayCalendar | null): { date: CivilDate; minutes: number } | null {
  const now = toVnLocal(instant);
  for (let i = 0; i <= 60; i += 1) {
    const date = addDays(now.date, i);
    for (const r of rangesOn(hours, date, calendar)) {
      if (i > 0 || r.start > now.minutes) return { date, minutes: r.start };
    }
  }
  return null;
}

/** When the open/closed state next changes (for the dashboard), or null if never within 60 days. */
export function nextChange(hours: OpeningHours, instant: Date, calendar: HolidayCalendar | null): Date | null {
  if (!hours.enforced) return null;
  const now = toVnLocal(instant);
  if (isOpenAt(hours, instant, calendar)) {
    const r = rangesOn(hours, now.date, calendar).find((x) => now.minutes >= x.start && now.minutes < x.end);
    return r ? fromVnLocal(now.date, r.end) : null;
  }
  const next = nextOpening(hours, instant, calendar);
  return next ? fromVnLocal(next.date, next.minutes) : null;
}

function clockVi(minutes: number): { text: string; part: 'sáng' | 'chiều' | 'tối' } {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = h < 12 ? 'sáng' : h < 18 ? 'chiều' : 'tối';
  const h12 = h > 12 ? h - 12 : h;
  return { text: m === 0 ? `${h12} giờ` : `${h12} giờ ${m}`, part };
}

function dayPhraseVi(today: CivilDate, date: CivilDate, part: string): string {
  if (date === today) return `${part} nay`;
  if (date === addDays(today, 1)) return `${part} mai`;
  const [, mm, dd] = date.split('-');
  const weekday = WEEKDAY_VI[dayOfWeek(date)]!;
  // Within a week the weekday is enough; after a long break (Tết) the date avoids any doubt.
  return date <= addDays(today, 6) ? `${part} ${weekday}` : `${part} ${weekday}, ngày ${dd}/${mm}`;
}

function dayPhraseEn(today: CivilDate, date: CivilDate): string {
  if (date === today) return 'today';
  if (date === addDays(today, 1)) return 'tomorrow';
  const [, mm, dd] = date.split('-');
  return date <= addDays(today, 6) ? `on ${WEEKDAY_EN[dayOfWeek(date)]}` : `on ${WEEKDAY_EN[dayOfWeek(date)]} ${dd}/${mm}`;
}

/**
 * What the kiosk says when it is closed, e.g. "Trung tâm đã hết giờ tiếp nhận. Mời quý vị quay lại lúc 7 giờ 30
 * sáng thứ Hai." During the lunch break it says so.
 */
export function closedMessage(hours: OpeningHours, instant: Date, calendar: HolidayCalendar | null): { vi: string; en: string } {
  const now = toVnLocal(instant);
  const next = nextOpening(hours, instant, calendar);
  const today = rangesOn(hours, now.date, calendar);
  const laterToday = next !== null && next.date === now.date;
  const lunch = laterToday && today.some((r) => r.end <= now.minutes);
  const early = laterToday && !lunch;
  const head = lunch ? 'Trung tâm đang nghỉ trưa.' : early ? 'Trung tâm chưa đến giờ tiếp nhận.' : 'Trung tâm đã hết giờ tiếp nhận.';
  const headEn = lunch ? 'The centre is on its lunch break.' : early ? 'The centre is not open yet.' : 'The centre has closed reception.';
  if (!next) return { vi: `${head} Mời quý vị theo dõi thông báo của Trung tâm.`, en: `${headEn} Please check the centre's notices.` };
  const c = clockVi(next.minutes);
  const hh = String(Math.floor(next.minutes / 60)).padStart(2, '0');
  const mm = String(next.minutes % 60).padStart(2, '0');
  return {
    vi: `${head} Mời quý vị quay lại lúc ${c.text} ${dayPhraseVi(now.date, next.date, c.part)}.`,
    en: `${headEn} Please come back at ${hh}:${mm} ${dayPhraseEn(now.date, next.date)}.`,
  };
}
