// Reads assets/holidays/vn-YYYY.json (one file per year of published decisions).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HolidayConfigError, parseYearOverrides, type YearOverrides } from './holiday-overrides.ts';

const FILE_RE = /^vn-(\d{4})\.json$/;

export function loadHolidayOverrides(dir: string): YearOverrides[] {
  const out: YearOverrides[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(name);
    if (!m) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      throw new HolidayConfigError(`${name}: không đọc được JSON (${(e as Error).message})`);
    }
    let o: YearOverrides;
    try {
      o = parseYearOverrides(json);
    } catch (e) {
      throw new HolidayConfigError(`${name}: ${(e as Error).message}`);
    }
    if (String(o.year) !== m[1]) throw new HolidayConfigError(`${name}: trường year = ${o.year} không khớp tên tệp`);
    out.push(o);
  }
  return out;
}
