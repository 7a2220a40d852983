// Working days of a Vietnamese public office: Mon–Fri, minus public holidays (Labour Code 2019 Art. 112),
// minus compensatory days for holidays on a weekend (Art. 111), adjusted by each year's published
// decisions (YearOverrides: continuous breaks and Saturdays made working days).
//
// Defaults used when a year has no decision loaded (documented, verified against the decisions we have):
// - Tết Âm lịch (5 days): the five weekdays starting on 29 tháng Chạp (or the first weekday after it).
//   This is the span the decisions for 2020, 2022, 2023, 2024 and 2026 chose; 2025 started a day earlier
//   (28 Chạp) to make a 9-day break, which is why every year ships its own JSON when it is published.
// - Quốc khánh (2 days): 2/9 plus the adjacent weekday that joins a weekend — the day after when 2/9 is
//   Sunday, Monday or Thursday, otherwise the day before (matches 2023, 2024, 2025; 2026 had a swap).
// - Every other statutory day that falls on Saturday or Sunday is compensated on the next working day.
import { addDays, dayOfWeek, parseCivilDate, vnDateOf, civilDate, type CivilDate } from './civil-date.ts';
import { lunarMonthLength, lunarToSolar, solarToLunar, tetDate } from './lunar.ts';
import type { HolidayGroup, YearOverrides } from './holiday-overrides.ts';

export type DayOffKind = 'le' | 'nghi-bu' | 'theo-quyet-dinh';

export interface DayOff {
  date: CivilDate;
  /** Vietnamese name, e.g. "Giỗ Tổ Hùng Vương (10/3 âm lịch)". */
  name: string;
  /** le: statutory holiday date; nghi-bu: Art. 111 compensation; theo-quyet-dinh: weekday off set by a published decision. */
  kind: DayOffKind;
}

export interface MakeUpDay {
  date: CivilDate;
  name: string;
}

export type DayKind = 'working' | 'saturday-morning' | 'closed';

export interface WorkCalendarOptions {
  /** The centre receives dossiers on Saturday mornings (e.g. Huế). Saturdays are still not working days. */
  saturdayMorning: boolean;
  overrides: YearOverrides[];
}

export interface WorkCalendar {
  readonly saturdayMorning: boolean;
  /** A full working day (Mon–Fri not off, or a Saturday/Sunday made a working day by a decision). */
  isWorkingDay(date: CivilDate | Date): boolean;
  /** Whether the centre is open that day, and for how long. */
  dayKind(date: CivilDate | Date): DayKind;
  /** The date `n` working days after `start` (start not counted). n = 0 → start if it is a working day, else the next one. */
  addWorkingDays(start: CivilDate | Date, n: number): CivilDate;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CivilDate | Date): CivilDate;
  /** Days off in `year` that are holidays, compensations or decided days off, sorted by date. */
  holidaysOf(year: number): DayOff[];
  makeUpWorkingDaysOf(year: number): MakeUpDay[];
  /** True when a published decision file for `year` is loaded (otherwise Tết/Quốc khánh use the default rule). */
  hasDecisionsFor(year: number): boolean;
}

const CAN = ['Canh', 'Tân', 'Nhâm', 'Quý', 'Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ'];
const CHI = ['Thân', 'Dậu', 'Tuất', 'Hợi', 'Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi'];

/** Can Chi name of a lunar year, e.g. 2025 → "Ất Tỵ", 2026 → "Bính Ngọ". */
export function canChi(lunarYear: number): string {
  return `${CAN[lunarYear % 10]} ${CHI[lunarYear % 12]}`;
}

function lunarLabel(date: CivilDate): string {
  const l = solarToLunar(date);
  if (l.month === 1) return `mùng ${l.day} tháng Giêng`;
  if (l.month === 12) return `${l.day} tháng Chạp`;
  return `${l.day}/${l.month} âm lịch`;
}

const isWeekend = (d: CivilDate) => {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
};

interface Statutory {
  date: CivilDate;
  name: string;
  group: HolidayGroup;
  kind: DayOffKind;
  /** Art. 111 applies (a weekday was lost). The default Tết days are already weekdays. */
  compensable: boolean;
}

function defaultStatutory(year: number): Statutory[] {
  const out: Statutory[] = [];
  out.push({ date: civilDate(year, 1, 1), name: 'Tết Dương lịch', group: 'tet-duong-lich', kind: 'le', compensable: true });

  const tet = tetDate(year);
  const lastMonthLen = lunarMonthLength(addDays(tet, -1));
  let d = addDays(tet, -(lastMonthLen - 28)); // 29 tháng Chạp
  const tetName = `Tết Nguyên đán ${canChi(year)}`;
  for (let count = 0; count < 5; d = addDays(d, 1)) {
    if (isWeekend(d)) continue;
    out.push({ date: d, name: `${tetName} (${lunarLabel(d)})`, group: 'tet-am-lich', kind: 'le', compensable: false });
    count++;
  }

  out.push({ date: lunarToSolar({ day: 10, month: 3, year, leap: false }), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', group: 'gio-to', kind: 'le', compensable: true });
  out.push({ date: civilDate(year, 4, 30), name: 'Ngày Chiến thắng (30/4)', group: 'chien-thang', kind: 'le', compensable: true });
  out.push({ date: civilDate(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)', group: 'quoc-te-lao-dong', kind: 'le', compensable: true });

  const qk = civilDate(year, 9, 2);
  const after = [0, 1, 4].includes(dayOfWeek(qk));
  out.push({ date: qk, name: 'Quốc khánh (2/9)', group: 'quoc-khanh', kind: 'le', compensable: true });
  out.push({ date: addDays(qk, after ? 1 : -1), name: `Quốc khánh (ngày liền kề ${after ? 'sau' : 'trước'})`, group: 'quoc-khanh', kind: 'le', compensable: true });
  return out;
}

const STATUTORY_FIXED: Record<string, string> = {
  '01-01': 'Tết Dương lịch',
  '04-30': 'Ngày Chiến thắng (30/4)',
  '05-01': 'Ngày Quốc tế Lao động (1/5)',
  '09-02': 'Quốc khánh (2/9)',
};

function eachDay(from: CivilDate, to: CivilDate): CivilDate[] {
  const out: CivilDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function createWorkCalendar(options: WorkCalendarOptions): WorkCalendar {
  const overrides = options.overrides;
  const cache = new Map<number, { off: Map<CivilDate, DayOff>; breakDays: Set<CivilDate> }>();
  const makeUp = new Map<CivilDate, MakeUpDay>();
  for (const o of overrides) for (const m of o.makeUpWorkingDays) makeUp.set(m.date, { date: m.date, name: m.name });

  function compute(year: number) {
    const hit = cache.get(year);
    if (hit) return hit;
    const replaced = new Set<HolidayGroup>();
    for (const o of overrides) if (o.year === year) for (const b of o.breaks) for (const g of b.replaces) replaced.add(g);

    const off = new Map<CivilDate, DayOff>();
    const breakDays = new Set<CivilDate>();
    const statutory = defaultStatutory(year).filter((s) => !replaced.has(s.group));
    for (const s of statutory) if (!off.has(s.date)) off.set(s.date, { date: s.date, name: s.name, kind: s.kind });

    // Published breaks (from any file: a New Year break may start in December of the year before).
    for (const o of overrides) {
      for (const b of o.breaks) {
        for (const d of eachDay(b.from, b.to)) {
          if (parseCivilDate(d).year !== year) continue;
          breakDays.add(d);
          if (off.has(d) || makeUp.has(d)) continue;
          const fixed = STATUTORY_FIXED[d.slice(5)];
          if (fixed) off.set(d, { date: d, name: fixed, kind: 'le' });
          else if (!isWeekend(d)) {
            const name = b.replaces.includes('tet-am-lich') ? `${b.name} (${lunarLabel(d)})` : b.name;
            off.set(d, { date: d, name, kind: 'theo-quyet-dinh' });
          }
        }
      }
    }

    // Art. 111: a holiday on the weekly rest day is made up on the next working day.
    const taken = (d: CivilDate) => isWeekend(d) || off.has(d) || breakDays.has(d);
    for (const s of statutory.filter((x) => x.compensable && isWeekend(x.date)).sort((a, b) => (a.date < b.date ? -1 : 1))) {
      let d = addDays(s.date, 1);
      while (taken(d)) d = addDays(d, 1);
      off.set(d, { date: d, name: `Nghỉ bù ${s.name}`, kind: 'nghi-bu' });
    }
    const entry = { off, breakDays };
    cache.set(year, entry);
    return entry;
  }

  const toDate = (d: CivilDate | Date): CivilDate => (d instanceof Date ? vnDateOf(d) : (parseCivilDate(d), d));

  function isWorkingDay(date: CivilDate | Date): boolean {
    const d = toDate(date);
    if (makeUp.has(d)) return true;
    if (isWeekend(d)) return false;
    return !compute(parseCivilDate(d).year).off.has(d);
  }

  function dayKind(date: CivilDate | Date): DayKind {
    const d = toDate(date);
    if (isWorkingDay(d)) return 'working';
    if (!options.saturdayMorning || dayOfWeek(d) !== 6) return 'closed';
    const { off, breakDays } = compute(parseCivilDate(d).year);
    return off.has(d) || breakDays.has(d) ? 'closed' : 'saturday-morning';
  }

  function nextWorkingDay(date: CivilDate | Date): CivilDate {
    let d = addDays(toDate(date), 1);
    // A year has at most ~20 days off plus weekends; 60 consecutive closed days means broken configuration.
    for (let guard = 0; !isWorkingDay(d); guard++) {
      if (guard > 60) throw new RangeError(`không tìm thấy ngày làm việc sau ${toDate(date)} trong 60 ngày`);
      d = addDays(d, 1);
    }
    return d;
  }

  function addWorkingDays(start: CivilDate | Date, n: number): CivilDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`số ngày làm việc phải là số nguyên không âm: ${n}`);
    let d = toDate(start);
    if (n === 0) return isWorkingDay(d) ? d : nextWorkingDay(d);
    for (let i = 0; i < n; i++) d = nextWorkingDay(d);
    return d;
  }

  return {
    saturdayMorning: options.saturdayMorning,
    isWorkingDay,
    dayKind,
    addWorkingDays,
    nextWorkingDay,
    holidaysOf: (year) => [...compute(year).off.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    makeUpWorkingDaysOf: (year) => [...makeUp.values()].filter((m) => parseCivilDate(m.date).year === year).sort((a, b) => (a.date < b.date ? -1 : 1)),
    hasDecisionsFor: (year) => overrides.some((o) => o.year === year),
  };
}
