// The day-off decisions in force and the two work calendars built from them, swappable at run time: a
// technician who drops in next year's decision reloads it from the technician page instead of restarting.
// Intake and supervision are given `current()` rather than a calendar, and read it once per dossier / per
// decision about reception hours; a reload builds a whole new state and swaps it in one assignment, so a
// dossier uses either the old calendar or the new one, never a mix.
import type { YearOverrides } from './holiday-overrides.ts';
import { type HolidayDecisions, loadHolidayDecisions } from './holiday-files.ts';
import { createWorkCalendar, type WorkCalendar } from './work-calendar.ts';

/** Something whose value may be replaced at run time; read it once per piece of work. */
export interface Current<T> {
  current(): T;
}

/** One consistent state: the decisions and the calendars made from exactly those decisions. */
export interface DayOffState {
  readonly decisions: HolidayDecisions;
  /** Appointments on receipts (Saturday mornings as configured: reception hours, not working days). */
  readonly appointments: WorkCalendar;
  /** Reception hours (Saturday mornings open unless a break closes them; the schedule decides the rest). */
  readonly reception: WorkCalendar;
  /** When this state was read (ISO). */
  readonly loadedAt: string;
}

export interface DayOffHolder extends Current<DayOffState> {
  /** The data folder's decisions folder (calendar.decisionsDir), where a technician puts files. */
  readonly dataDecisionsDir: string;
  /** Re-reads every file and swaps the state; returns the new state and the years whose decision changed. */
  reload(): { state: DayOffState; changedYears: number[] };
}

export interface DayOffHolderOptions {
  shippedDir: string;
  dataDecisionsDir: string;
  /** config.intake.saturdayMorning: whether the centre receives on Saturday mornings. */
  saturdayMorning: boolean;
  now: () => Date;
  /** Refused files are errors (a wrong appointment date is at stake); told at start and at every reload. */
  log: (level: 'info' | 'warn' | 'error', msg: string) => void;
}

function build(opts: DayOffHolderOptions): DayOffState {
  // Never throws for a bad file: it is listed in problems and its year keeps the shipped decision or the
  // default rule, exactly as at start (a reload gives what a restart would).
  const decisions = loadHolidayDecisions({ shippedDir: opts.shippedDir, dataDecisionsDir: opts.dataDecisionsDir });
  for (const p of decisions.problems) opts.log('error', `day-off decision file refused (using the shipped decision or the default rule): ${p.message}`);
  return {
    decisions,
    appointments: createWorkCalendar({ saturdayMorning: opts.saturdayMorning, overrides: decisions.overrides }),
    reception: createWorkCalendar({ saturdayMorning: true, overrides: decisions.overrides }),
    loadedAt: opts.now().toISOString(),
  };
}

/** Per year: where the decision came from and what it says, to tell which years a reload changed. */
function fingerprints(d: HolidayDecisions): Map<number, string> {
  const byYear = new Map<number, YearOverrides>(d.overrides.map((o) => [o.year, o]));
  return new Map(d.loaded.map((l) => [l.year, JSON.stringify([l.source, l.file, byYear.get(l.year)])]));
}

/** Loads the decisions now (shipped plus the data folder's) and keeps them until `reload()`. */
export function createDayOffHolder(opts: DayOffHolderOptions): DayOffHolder {
  let state = build(opts);
  return {
    dataDecisionsDir: opts.dataDecisionsDir,
    current: () => state,
    reload() {
      const next = build(opts);
      const before = fingerprints(state.decisions);
      const after = fingerprints(next.decisions);
      const changedYears = [...new Set([...before.keys(), ...after.keys()])].filter((y) => before.get(y) !== after.get(y)).sort((a, b) => a - b);
      state = next; // the one swap
      opts.log('info', `day-off decisions reloaded: ${next.decisions.loaded.map((l) => `${l.year} (${l.source})`).join(', ')}${changedYears.length ? `; changed ${changedYears.join(', ')}` : '; no change'}${next.decisions.problems.length ? `; ${next.decisions.problems.length} file(s) refused` : ''}`);
      return { state: next, changedYears };
    },
  };
}
