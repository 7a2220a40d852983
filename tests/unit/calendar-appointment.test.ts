import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createWorkCalendar } from '../../main/core/calendar/work-calendar.ts';
import { loadHolidayOverrides } from '../../main/core/calendar/holiday-files.ts';
import { appointmentFor, AppointmentError, DEFAULT_WORK_HOURS, type AppointmentOptions } from '../../main/core/calendar/appointment.ts';

const overrides = loadHolidayOverrides(fileURLToPath(new URL('../../assets/holidays/', import.meta.url)));
const calendar = createWorkCalendar({ saturdayMorning: true, overrides });
const opts: AppointmentOptions = { cutoffHour: 15, saturdayMorning: true, calendar, workHours: DEFAULT_WORK_HOURS };

/** Vietnamese wall-clock time → instant. */
const vn = (s: string) => new Date(`${s}:00+07:00`);
const due = (received: string, days: number, o: AppointmentOptions = opts) => {
  const a = appointmentFor(vn(received), days, o);
  return `${a.date} ${a.time}`;
};

describe('appointment across published 2024 days off', () => {
  it('across Tết Giáp Thìn (8–14/2/2024)', () => {
    expect(due('2024-02-07T08:00', 1)).toBe('2024-02-15 08:00');
  });
  it('across 27/4–1/5/2024 and the make-up Saturday 4/5', () => {
    expect(due('2024-04-26T09:00', 2)).toBe('2024-05-03 09:00');
    expect(due('2024-05-03T09:00', 1)).toBe('2024-05-04 09:00');
  });
  it('across Quốc khánh 31/8–3/9/2024', () => {
    expect(due('2024-08-30T10:00', 1)).toBe('2024-09-04 10:00');
  });
});

describe('appointment across published 2025 days off', () => {
  it('across Tết Ất Tỵ (25/1–2/2/2025)', () => {
    expect(due('2025-01-24T10:00', 3)).toBe('2025-02-05 10:00');
  });
  it('after the cut-off on the eve of 30/4–4/5/2025 counts from Monday 5/5', () => {
    const a = appointmentFor(vn('2025-04-29T16:00'), 1, opts);
    expect(a.countedFrom).toBe('2025-05-05');
    expect(a.deferred).toBe(true);
    expect(`${a.date} ${a.time}`).toBe('2025-05-06 07:30');
  });
  it('make-up Saturday 26/4/2025 is a working day', () => {
    expect(due('2025-04-25T14:00', 1)).toBe('2025-04-26 14:00');
  });
  it('across Quốc khánh 30/8–2/9/2025', () => {
    expect(due('2025-08-29T08:15', 2)).toBe('2025-09-04 08:15');
  });
});

describe('appointment across published 2026 days off', () => {
  it('across Tết Dương lịch with the Friday 2/1 swapped', () => {
    expect(due('2025-12-31T10:00', 1)).toBe('2026-01-05 10:00');
  });
  it('across Tết Bính Ngọ (14–22/2/2026)', () => {
    expect(due('2026-02-13T11:00', 5)).toBe('2026-02-27 11:00');
  });
  it('across Giỗ Tổ (compensated Mon 27/4) and 30/4–1/5/2026', () => {
    expect(due('2026-04-24T10:00', 3)).toBe('2026-05-04 10:00');
  });
  it('across Quốc khánh 29/8–2/9/2026 and onto the make-up Saturday 22/8', () => {
    expect(due('2026-08-28T09:00', 1)).toBe('2026-09-03 09:00');
    expect(due('2026-08-21T14:00', 1)).toBe('2026-08-22 14:00');
  });
});

describe('same-day procedures (processing_days = 0)', () => {
  it('before 15:00 → closing time the same day', () => {
    expect(due('2025-03-10T14:59', 0)).toBe('2025-03-10 17:00');
  });
  it('at or after 15:00 → the next working day', () => {
    expect(due('2025-03-10T15:00', 0)).toBe('2025-03-11 17:00');
    expect(due('2025-04-29T15:30', 0)).toBe('2025-05-05 17:00');
  });
});

describe('clock handling', () => {
  it('lunch break and before opening move to the next session start', () => {
    expect(due('2025-03-10T12:00', 1)).toBe('2025-03-11 13:00');
    expect(due('2025-03-10T06:45', 1)).toBe('2025-03-11 07:30');
  });
  it('Saturday morning reception counts from Monday', () => {
    expect(due('2025-03-08T09:00', 0)).toBe('2025-03-10 17:00');
    expect(due('2025-03-08T09:00', 2)).toBe('2025-03-12 07:30');
  });
  it('uses Vietnamese time whatever zone the instant was written in', () => {
    const a = appointmentFor(new Date('2025-03-10T02:00:00Z'), 1, opts); // 09:00 in Hà Nội
    expect(a.at.toISOString()).toBe('2025-03-11T02:00:00.000Z');
    expect(a.time).toBe('09:00');
  });
  it('a custom cut-off applies', () => {
    expect(due('2025-03-10T16:00', 1, { ...opts, cutoffHour: 16.5 })).toBe('2025-03-11 16:00');
    expect(due('2025-03-10T16:00', 1, { ...opts, cutoffHour: 16 })).toBe('2025-03-12 07:30');
  });
  it('bad input is rejected with AppointmentError', () => {
    expect(() => appointmentFor(vn('2025-03-10T09:00'), -1, opts)).toThrow(AppointmentError);
    expect(() => appointmentFor(new Date('nope'), 1, opts)).toThrow(AppointmentError);
    expect(() => appointmentFor(vn('2025-03-10T09:00'), 1, { ...opts, workHours: { morning: { start: '11:30', end: '07:30' }, afternoon: DEFAULT_WORK_HOURS.afternoon } })).toThrow(AppointmentError);
  });
});
