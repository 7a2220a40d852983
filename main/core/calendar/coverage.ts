// Whether the appointments given today rest on published day-off decisions or on the default rule
// (work-calendar.ts): the Tết decision for next year is usually published only in autumn, so a center must be
// told when a receipt printed today may promise a date in a year whose decision is not loaded.
import type { CalendarCoverage } from '../../contract/ops/supervisor.ts';
import { addDays, parseCivilDate, type CivilDate } from './civil-date.ts';
import type { HolidayDecisions } from './holiday-files.ts';

/** The catalog's longest processing time in working days (procedures without one count as 0). */
export function longestProcessingDays(procedures: readonly { processingDays: number | null }[]): number {
  return procedures.reduce((m, p) => Math.max(m, p.processingDays ?? 0), 0);
}

/**
 * Calendar days a dossier received today could take, generously: working days at five a week, plus room
 * for the longest break (Tết, up to 9 days), the wait for the next working day after a late or weekend
 * receipt, and a margin. A notice a few days early is harmless; one too late is a wrong date on a receipt.
 */
export function reachableCalendarDays(longestWorkingDays: number): number {
  return Math.ceil((longestWorkingDays * 7) / 5) + 30;
}

export function missingYearNotice(year: number): { kind: 'missing-year'; vi: string; en: string } {
  return {
    kind: 'missing-year',
    vi:
      `Chưa nạp quyết định nghỉ lễ năm ${year}: ngày hẹn trả kết quả rơi vào năm ${year} đang tính theo quy tắc mặc định ` +
      `(Tết: 5 ngày từ 29 tháng Chạp). Khi có quyết định, kỹ thuật viên đặt tệp vn-${year}.json vào thư mục quyết định nghỉ lễ rồi bấm “Nạp lại” trên trang kỹ thuật (không cần khởi động lại).`,
    en:
      `The ${year} day-off decision is not loaded: appointment dates in ${year} follow the default rule ` +
      `(Tết: 5 working days from the 29th of the last lunar month). Once it is published, the technician puts vn-${year}.json in the decisions folder and presses “Reload” on the technician page (no restart needed).`,
  };
}

/** The coverage of the decisions for a dossier received on `today` (a Vietnamese civil date from the injected clock). */
export function decisionCoverage(opts: { today: CivilDate; reachDays: number; decisions: Pick<HolidayDecisions, 'loaded' | 'problems'> }): CalendarCoverage {
  const reachesUntil = addDays(opts.today, opts.reachDays);
  const loadedYears = new Set(opts.decisions.loaded.map((l) => l.year));
  const missing: number[] = [];
  for (let y = parseCivilDate(opts.today).year; y <= parseCivilDate(reachesUntil).year; y++) if (!loadedYears.has(y)) missing.push(y);
  return {
    loaded: opts.decisions.loaded.map((l) => ({ year: l.year, source: l.source })),
    reachesUntil,
    missing,
    notices: [
      ...missing.map(missingYearNotice),
      ...opts.decisions.problems.map((p) => ({
        kind: 'bad-file' as const,
        vi: `Tệp quyết định nghỉ lễ bị từ chối — ${p.message}. Năm đó đang dùng quyết định có sẵn hoặc quy tắc mặc định.`,
        en: `A day-off decision file was refused — ${p.message}. That year uses the shipped decision or the default rule.`,
      })),
    ],
  };
}
