// Day-off decisions as configuration: data-folder files next to the shipped ones, bad files refused without
// taking the kiosk down, and the notice when appointments may fall in a year without a decision.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../main/contract/ops/supervisor.ts';
import { decisionCoverage, longestProcessingDays, reachableCalendarDays } from '../../main/core/calendar/coverage.ts';
import { decisionsDirOf, loadHolidayDecisions } from '../../main/core/calendar/holiday-files.ts';
import { createWorkCalendar } from '../../main/core/calendar/work-calendar.ts';
import { buildCatalog } from '../../main/core/catalog/catalog.ts';
import { defaultCatalogPath, loadCatalogFile } from '../../main/core/catalog/catalog-file.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { createCore } from '../../main/core/core.ts';
import { fixtureDecision, writeDecisionFile } from '../helpers/holiday-fixtures.ts';
import { manualClock, ok, tempDir } from '../helpers/core.ts';

const shippedDir = fileURLToPath(new URL('../../assets/holidays/', import.meta.url));
let t: ReturnType<typeof tempDir>;
let dataDecisions: string;
beforeEach(() => {
  t = tempDir();
  dataDecisions = join(t.dir, 'holidays');
});
afterEach(() => t.remove());

const calendarOf = (d: ReturnType<typeof loadHolidayDecisions>) => createWorkCalendar({ saturdayMorning: false, overrides: d.overrides });

// A "corrected" 2026 decision (fixture): Quốc khánh on 2–3/9 instead of the published 29/8–2/9 with its swap.
const corrected2026 = fixtureDecision(2026, { breaks: [{ from: '2026-09-02', to: '2026-09-03', name: 'Quốc khánh (fixture)', replaces: ['quoc-khanh'] }] });

describe('decisions in the data folder', () => {
  it('a file for a year replaces the shipped decision of that year; a new year is added', () => {
    const shipped = loadHolidayDecisions({ shippedDir, dataDecisionsDir: dataDecisions }); // folder absent: shipped only
    expect(shipped.loaded.map((l) => [l.year, l.source])).toEqual([[2024, 'shipped'], [2025, 'shipped'], [2026, 'shipped']]);
    expect(shipped.problems).toEqual([]);
    const before = calendarOf(shipped);
    expect([before.isWorkingDay('2026-08-31'), before.isWorkingDay('2026-08-22'), before.isWorkingDay('2026-09-03')]).toEqual([false, true, true]);

    const path = writeDecisionFile(dataDecisions, 'vn-2026.json', corrected2026);
    writeDecisionFile(dataDecisions, 'vn-2027.json', fixtureDecision(2027));
    const d = loadHolidayDecisions({ shippedDir, dataDecisionsDir: dataDecisions });
    expect(d.problems).toEqual([]);
    expect(d.loaded).toEqual([
      { year: 2024, source: 'shipped', file: join(shippedDir, 'vn-2024.json') },
      { year: 2025, source: 'shipped', file: join(shippedDir, 'vn-2025.json') },
      { year: 2026, source: 'data', file: path },
      { year: 2027, source: 'data', file: join(dataDecisions, 'vn-2027.json') },
    ]);
    const after = calendarOf(d);
    // Monday 31/8 works again, Saturday 22/8 is no longer a make-up day, Thursday 3/9 is off.
    expect([after.isWorkingDay('2026-08-31'), after.isWorkingDay('2026-08-22'), after.isWorkingDay('2026-09-03')]).toEqual([true, false, false]);
    // The shipped 2025 decision is untouched (Tết Ất Tỵ from 28 Chạp, Mon 27/1/2025).
    expect(after.isWorkingDay('2025-01-27')).toBe(false);
    expect(after.hasDecisionsFor(2027)).toBe(true);
  });

  it('calendar.decisionsDir: default <data>/holidays, relative paths inside the data folder, absolute as given', () => {
    expect(parseConfig({}).calendar.decisionsDir).toBeNull();
    expect(decisionsDirOf('/var/lib/letan', null)).toBe('/var/lib/letan/holidays');
    expect(decisionsDirOf('/var/lib/letan', 'quyet-dinh')).toBe('/var/lib/letan/quyet-dinh');
    expect(decisionsDirOf('/var/lib/letan', '/etc/letan/holidays')).toBe('/etc/letan/holidays');
    expect(() => parseConfig({ calendar: { decisionsDir: '' } })).toThrow(/calendar\.decisionsDir/);
    expect(() => parseConfig({ calendar: { decisionDir: 'x' } })).toThrow(/calendar/);
  });
});

describe('a bad decision file', () => {
  it('is refused naming the file and the field; its year keeps the shipped decision', () => {
    const bad = { ...corrected2026, breaks: [{ from: '2026-02-30', to: '2026-03-01', name: 'x', replaces: [] }] };
    const path = writeDecisionFile(dataDecisions, 'vn-2026.json', bad);
    const d = loadHolidayDecisions({ shippedDir, dataDecisionsDir: dataDecisions });
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]!.file).toBe(path);
    expect(d.problems[0]!.message).toBe(`${path}: tệp ngày nghỉ không hợp lệ — breaks.0.from: ngày phải là YYYY-MM-DD có thật`);
    expect(d.loaded.find((l) => l.year === 2026)!.source).toBe('shipped');
    expect(calendarOf(d).isWorkingDay('2026-08-31')).toBe(false); // the shipped Quốc khánh break still applies
  });

  it('broken JSON, a year that does not match the name, and a misnamed file are each reported', () => {
    const broken = writeDecisionFile(dataDecisions, 'vn-2027.json', '{ "year": 2027, ');
    const mismatch = writeDecisionFile(dataDecisions, 'vn-2028.json', fixtureDecision(2029));
    const misnamed = writeDecisionFile(dataDecisions, 'vn-2027 (1).json', fixtureDecision(2027));
    writeDecisionFile(dataDecisions, 'README.txt', 'not a decision');
    const d = loadHolidayDecisions({ shippedDir, dataDecisionsDir: dataDecisions });
    expect(d.loaded.map((l) => l.year)).toEqual([2024, 2025, 2026]);
    const byFile = new Map(d.problems.map((p) => [p.file, p.message]));
    expect([...byFile.keys()].sort()).toEqual([misnamed, broken, mismatch].sort());
    expect(byFile.get(broken)).toMatch(new RegExp(`^${broken.replace(/[.()]/g, '\\$&')}: không đọc được JSON`));
    expect(byFile.get(mismatch)).toBe(`${mismatch}: trường year = 2029 không khớp tên tệp (năm 2028)`);
    expect(byFile.get(misnamed)).toContain('tên tệp phải là vn-YYYY.json');
  });

  it('does not take the kiosk down: the core starts, logs an error naming file and field, the dashboard shows it', async () => {
    const path = writeDecisionFile(join(t.dir, 'quyet-dinh'), 'vn-2026.json', { ...corrected2026, makeUpWorkingDays: [{ date: '2026-08-24', name: 'x' }] });
    const logged: { level: string; msg: string }[] = [];
    const core = createCore({
      dataDir: t.dir,
      config: parseConfig({ calendar: { decisionsDir: 'quyet-dinh' } }),
      clock: manualClock('2026-06-01T02:00:00Z'),
      printer: () => null,
      log: (level, msg) => logged.push({ level, msg }),
    });
    try {
      expect(core.dayOffs.current().decisions.problems.map((p) => p.file)).toEqual([path]);
      const errors = logged.filter((l) => l.level === 'error' && l.msg.includes('day-off decision'));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.msg).toContain(`${path}: tệp ngày nghỉ không hợp lệ — makeUpWorkingDays.0: ngày làm bù phải là thứ Bảy hoặc Chủ nhật`);
      const d = await ok<Dashboard>(core.dispatch('supervisorDashboard', {}, { role: 'supervisor', origin: 'test' }));
      expect(d.calendar!.notices.map((n) => n.kind)).toEqual(['bad-file']);
      expect(d.calendar!.notices[0]!.vi).toContain(`${path}: tệp ngày nghỉ không hợp lệ — makeUpWorkingDays.0`);
    } finally {
      await core.close();
    }
  });
});

describe('coverage of the appointments given today', () => {
  const catalog = buildCatalog(loadCatalogFile(defaultCatalogPath()), parseConfig({}).services);
  const reachDays = reachableCalendarDays(longestProcessingDays(catalog.procedures));
  const shipped = () => loadHolidayDecisions({ shippedDir, dataDecisionsDir: null });

  it('the default catalog reaches 20 working days: 58 calendar days, generously', () => {
    expect(longestProcessingDays(catalog.procedures)).toBe(20);
    expect(reachDays).toBe(58);
    expect(longestProcessingDays([{ processingDays: null }, { processingDays: 3 }])).toBe(3);
  });

  it('on 27 November 2026 reports 2027 missing, in Vietnamese first', () => {
    const c = decisionCoverage({ today: '2026-11-27', reachDays, decisions: shipped() });
    expect(c.reachesUntil).toBe('2027-01-24');
    expect(c.missing).toEqual([2027]);
    expect(c.loaded).toEqual([{ year: 2024, source: 'shipped' }, { year: 2025, source: 'shipped' }, { year: 2026, source: 'shipped' }]);
    expect(c.notices).toHaveLength(1);
    expect(c.notices[0]!.kind).toBe('missing-year');
    expect(c.notices[0]!.vi).toMatch(/^Chưa nạp quyết định nghỉ lễ năm 2027: ngày hẹn trả kết quả rơi vào năm 2027 đang tính theo quy tắc mặc định \(Tết: 5 ngày từ 29 tháng Chạp\)\./);
    expect(c.notices[0]!.en).toMatch(/^The 2027 day-off decision is not loaded/);
  });

  it('reports nothing when every reachable year is loaded', () => {
    expect(decisionCoverage({ today: '2026-06-01', reachDays, decisions: shipped() })).toMatchObject({ reachesUntil: '2026-07-29', missing: [], notices: [] });
    // Only same-day procedures: on 27/11 nothing received can be due in 2027 yet.
    expect(decisionCoverage({ today: '2026-11-27', reachDays: reachableCalendarDays(0), decisions: shipped() }).missing).toEqual([]);
    writeDecisionFile(dataDecisions, 'vn-2027.json', fixtureDecision(2027));
    const withFixture = decisionCoverage({ today: '2026-11-27', reachDays, decisions: loadHolidayDecisions({ shippedDir, dataDecisionsDir: dataDecisions }) });
    expect(withFixture.missing).toEqual([]);
    expect(withFixture.notices).toEqual([]);
  });

  it('a year that is not loaded before today’s year is not reported, one after it is', () => {
    const only2026 = { loaded: [{ year: 2026, source: 'shipped' as const, file: 'x' }], problems: [] };
    expect(decisionCoverage({ today: '2026-03-02', reachDays: 400, decisions: only2026 }).missing).toEqual([2027]);
    expect(decisionCoverage({ today: '2028-12-20', reachDays: 58, decisions: only2026 }).missing).toEqual([2028, 2029]);
  });
});
