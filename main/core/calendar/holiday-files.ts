// Reads the published day-off decisions, one file per year (vn-YYYY.json): the ones the app ships
// (assets/holidays) and the ones a technician puts in the data folder's decisions folder
// (config calendar.decisionsDir). A data-folder file replaces the shipped one for its year: a center may get
// a corrected or a newer decision before a software update ships it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { HolidayConfigError, parseYearOverrides, type YearOverrides } from './holiday-overrides.ts';

const FILE_RE = /^vn-(\d{4})\.json$/;

export type DecisionSource = 'shipped' | 'data';

/** One year's decision in force, and the file it came from. */
export interface LoadedDecision {
  year: number;
  source: DecisionSource;
  file: string;
}

/** A file that was refused (the message names the file and the field) — its year falls back to shipped/default. */
export interface DecisionProblem {
  file: string;
  message: string;
}

export interface HolidayDecisions {
  overrides: YearOverrides[];
  /** Sorted by year. */
  loaded: LoadedDecision[];
  problems: DecisionProblem[];
}

/** One vn-YYYY.json file, validated; throws HolidayConfigError starting with `label` (the file's name or path). */
export function readYearFile(path: string, label: string, expectedYear: number): YearOverrides {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new HolidayConfigError(`${label}: không đọc được JSON (${(e as Error).message})`);
  }
  let o: YearOverrides;
  try {
    o = parseYearOverrides(json);
  } catch (e) {
    throw new HolidayConfigError(`${label}: ${(e as Error).message}`);
  }
  if (o.year !== expectedYear) throw new HolidayConfigError(`${label}: trường year = ${o.year} không khớp tên tệp (năm ${expectedYear})`);
  return o;
}

/** Every vn-YYYY.json in `dir`; the first bad file throws (the shipped assets must all be valid). */
export function loadHolidayOverrides(dir: string): YearOverrides[] {
  const out: YearOverrides[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(name);
    if (m) out.push(readYearFile(join(dir, name), name, Number(m[1])));
  }
  return out;
}

/** Where the data-folder decisions live: calendar.decisionsDir (relative to the data folder), default <dataDir>/holidays. */
export function decisionsDirOf(dataDir: string, configured: string | null): string {
  if (configured === null) return join(dataDir, 'holidays');
  return isAbsolute(configured) ? configured : join(dataDir, configured);
}

function readDir(dir: string, source: DecisionSource, problems: DecisionProblem[]): Map<number, { o: YearOverrides; file: string }> {
  const out = new Map<number, { o: YearOverrides; file: string }>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    problems.push({ file: dir, message: `${dir}: không đọc được thư mục (${(e as Error).message})` });
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    const m = FILE_RE.exec(name);
    if (!m) {
      // A misnamed decision (vn-2027 (1).json, VN-2027.json) would otherwise be ignored without a word.
      if (/\.json$/i.test(name)) problems.push({ file: path, message: `${path}: tên tệp phải là vn-YYYY.json (ví dụ vn-2027.json); tệp bị bỏ qua` });
      continue;
    }
    try {
      out.set(Number(m[1]), { o: readYearFile(path, source === 'data' ? path : name, Number(m[1])), file: path });
    } catch (e) {
      if (!(e instanceof HolidayConfigError)) throw e;
      problems.push({ file: path, message: e.message });
    }
  }
  return out;
}

/**
 * The shipped decisions plus the data folder's, a data-folder year replacing the shipped one. Never throws for
 * a bad file: it is listed in `problems` and its year keeps the shipped decision (or the default rule), so a
 * holiday file can never stop the kiosk from starting; the caller logs the problems loudly.
 */
export function loadHolidayDecisions(opts: { shippedDir: string; dataDecisionsDir: string | null }): HolidayDecisions {
  const problems: DecisionProblem[] = [];
  const byYear = new Map<number, { o: YearOverrides; file: string; source: DecisionSource }>();
  for (const [year, v] of readDir(opts.shippedDir, 'shipped', problems)) byYear.set(year, { ...v, source: 'shipped' });
  const dataDir = opts.dataDecisionsDir;
  if (dataDir !== null && existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory()) problems.push({ file: dataDir, message: `${dataDir}: không phải là thư mục` });
    else for (const [year, v] of readDir(dataDir, 'data', problems)) byYear.set(year, { ...v, source: 'data' });
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return {
    overrides: years.map((y) => byYear.get(y)!.o),
    loaded: years.map((y) => ({ year: y, source: byYear.get(y)!.source, file: byYear.get(y)!.file })),
    problems,
  };
}
