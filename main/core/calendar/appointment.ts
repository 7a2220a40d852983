// Hẹn trả kết quả: when the result of a dossier is due, in Asia/Ho_Chi_Minh.
//
// Rules (documented here because the receipt prints their outcome):
// 1. A dossier counts from the day it is received if that day is a working day and it arrives before
//    the cut-off hour (default 15:00, the one-stop rule "nhận sau 15 giờ thì trả ngày làm việc tiếp
//    theo") and before closing; otherwise it counts from the next working day at opening time.
// 2. processingDays = n ≥ 1: due on the n-th working day after the counting day, at the same clock
//    time as the (effective) receipt — n whole working days. Times in the lunch break move to the
//    afternoon opening; times before opening move to opening.
// 3. processingDays = 0 ("trả trong ngày"): due at closing time of the counting day.
// 4. Saturday mornings (when the centre opens them) are reception hours, not working days: the law
//    counts "ngày làm việc" and public offices work Monday–Friday, so a dossier received on a Saturday
//    morning counts from the next working day, and no result is ever promised for a Saturday unless a
//    published decision made that Saturday a working day (then it is a full working day).
import { fromVnLocal, parseClock, toVnLocal, formatClock, type CivilDate } from './civil-date.ts';
import type { WorkCalendar } from './work-calendar.ts';

export interface WorkHours {
  morning: { start: string; end: string }; // 'HH:MM'
  afternoon: { start: string; end: string };
}

/** Thừa Thiên Huế, QĐ 2022/QĐ-UBND (22/8/2022): 7h30–11h30 and 13h00–17h00 from 01/9/2022. */
export const DEFAULT_WORK_HOURS: WorkHours = {
  morning: { start: '07:30', end: '11:30' },
  afternoon: { start: '13:00', end: '17:00' },
};

export const DEFAULT_CUTOFF_HOUR = 15;

export interface AppointmentOptions {
  cutoffHour: number;
  saturdayMorning: boolean;
  calendar: WorkCalendar;
  workHours: WorkHours;
}

export interface Appointment {
  /** The instant the result is due. */
  at: Date;
  /** Its Vietnamese calendar date and clock time. */
  date: CivilDate;
  time: string; // 'HH:MM'
  /** The working day the processing time counts from. */
  countedFrom: CivilDate;
  /** True when the receipt was moved to the next working day (after cut-off, closed day, Saturday). */
  deferred: boolean;
}

export class AppointmentError extends Error {
  override readonly name = 'AppointmentError';
}

interface Minutes {
  mStart: number;
  mEnd: number;
  aStart: number;
  aEnd: number;
}

function minutesOf(h: WorkHours): Minutes {
  let m: Minutes;
  try {
    m = { mStart: parseClock(h.morning.start), mEnd: parseClock(h.morning.end), aStart: parseClock(h.afternoon.start), aEnd: parseClock(h.afternoon.end) };
  } catch (e) {
    throw new AppointmentError(`giờ làm việc không hợp lệ: ${(e as Error).message}`);
  }
  if (!(m.mStart < m.mEnd && m.mEnd <= m.aStart && m.aStart < m.aEnd)) {
    throw new AppointmentError('giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu < chiều kết thúc');
  }
  return m;
}

export function appointmentFor(receivedAt: Date, processingDays: number, opts: AppointmentOptions): Appointment {
  if (!Number.isInteger(processingDays) || processingDays < 0 || processingDays > 365) {
    throw new AppointmentError(`số ngày giải quyết phải là số nguyên từ 0 đến 365: ${processingDays}`);
  }
  if (!Number.isFinite(opts.cutoffHour) || opts.cutoffHour < 0 || opts.cutoffHour > 24) {
    throw new AppointmentError(`giờ chốt nhận hồ sơ không hợp lệ: ${opts.cutoffHour}`);
  }
  if (Number.isNaN(receivedAt.getTime())) throw new AppointmentError('thời điểm tiếp nhận không hợp lệ');
  const wh = minutesOf(opts.workHours);
  const cal = opts.calendar;
  const local = toVnLocal(receivedAt);
  const cutoff = Math.min(Math.round(opts.cutoffHour * 60), wh.aEnd);

  let countedFrom: CivilDate;
  let startMinutes: number;
  let deferred: boolean;
  if (cal.isWorkingDay(local.date) && local.minutes < cutoff) {
    countedFrom = local.date;
    startMinutes = Math.max(local.minutes, wh.mStart);
    if (startMinutes >= wh.mEnd && startMinutes < wh.aStart) startMinutes = wh.aStart;
    deferred = false;
  } else {
    // Includes Saturday-morning receptions (opts.saturdayMorning) — see rule 4.
    countedFrom = cal.nextWorkingDay(local.date);
    startMinutes = wh.mStart;
    deferred = true;
  }

  const date = processingDays === 0 ? countedFrom : cal.addWorkingDays(countedFrom, processingDays);
  const minutes = processingDays === 0 ? wh.aEnd : startMinutes;
  return { at: fromVnLocal(date, minutes), date, time: formatClock(minutes), countedFrom, deferred };
}
