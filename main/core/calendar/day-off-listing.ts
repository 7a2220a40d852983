// What the technician page shows about the day-off decisions: the years in force and their files, the files
// refused and why, the years an appointment given today may reach without a decision, and the folder to use.
import { existsSync } from 'node:fs';
import type { DayOffDecisions } from '../../contract/ops/technician.ts';
import type { DayOffState } from './calendar-holder.ts';
import type { CivilDate } from './civil-date.ts';
import { decisionCoverage } from './coverage.ts';

export function dayOffListing(opts: { state: DayOffState; folder: string; today: CivilDate; reachDays: number }): DayOffDecisions {
  const { decisions } = opts.state;
  const c = decisionCoverage({ today: opts.today, reachDays: opts.reachDays, decisions });
  return {
    loaded: decisions.loaded.map((l) => ({ year: l.year, source: l.source, file: l.file })),
    refused: decisions.problems.map((p) => ({ file: p.file, message: p.message })),
    today: opts.today,
    reachesUntil: c.reachesUntil,
    missing: c.missing,
    folder: opts.folder,
    folderExists: existsSync(opts.folder),
    loadedAt: opts.state.loadedAt,
  };
}
