// Day-off decisions reloaded by the technician without a restart: the listing, the swap of the calendar used by
// appointments, reception hours and the dashboard's notices, bad files on reload, and who may do it.
// Every decision written here is a TEST FIXTURE (tests/helpers/holiday-fixtures.ts), never a real decision.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierReceipt } from '../../main/contract/ops/intake.ts';
import type { Dashboard, OpeningHours } from '../../main/contract/ops/supervisor.ts';
import type { DayOffDecisions, DayOffReload } from '../../main/contract/ops/technician.ts';
import { DEFAULT_OPENING_HOURS } from '../../main/core/supervision/opening-hours.ts';
import type { Core } from '../../main/core/core.ts';
import { fixtureDecision, writeDecisionFile } from '../helpers/holiday-fixtures.ts';
import { citizen, manualClock, ok, tempDir, testCore } from '../helpers/core.ts';

const technician = { role: 'technician' as const, origin: 'test' };
const supervisor = { role: 'supervisor' as const, origin: 'test' };
const counter = { role: 'counter' as const, origin: 'test' };
const shippedDir = fileURLToPath(new URL('../../assets/holidays/', import.meta.url));

// Fixture: Tết Dương lịch 2027 as a break from Friday 1/1 to Friday 8/1 (the default rule gives 1/1 only).
const fixture2027 = fixtureDecision(2027, { breaks: [{ from: '2027-01-01', to: '2027-01-08', name: 'Tết Dương lịch (fixture)', replaces: ['tet-duong-lich'] }] });

// 7 working days (Cấp lại văn bản xác nhận thông báo hoạt động bưu chính), as in tests/integration/intake-sync.test.ts.
const dossier = () => ({
  procedureId: '1.005442',
  applicant: { fullName: 'Nguyễn Thị Hoà', idNumber: '046190001234', address: '12 Lê Lợi, phường Thuận Hoá, Huế', phone: '0905123456' },
  documents: [
    { name: 'Giấy đề nghị cấp lại văn bản xác nhận thông báo hoạt động bưu chính', status: 'scanned' },
    { name: 'Bản gốc văn bản xác nhận (trường hợp bị hư hỏng)', status: 'original_at_counter' },
  ],
  delivery: { method: 'counter' },
});

let t: ReturnType<typeof tempDir>;
let core: Core;
let holidaysDir: string;
// Monday 28/12/2026, 09:00 in Vietnam: a 7-working-day dossier is due in January 2027.
const clock = manualClock('2026-12-28T02:00:00Z');

beforeEach(() => {
  t = tempDir();
  holidaysDir = join(t.dir, 'holidays');
  clock.set('2026-12-28T02:00:00Z');
  core = testCore({ dataDir: t.dir, clock });
});
afterEach(async () => {
  await core.close();
  t.remove();
});

const listing = () => ok<DayOffDecisions>(core.dispatch('dayOffDecisions', {}, technician));
const reload = () => ok<DayOffReload>(core.dispatch('reloadDayOffDecisions', {}, technician));
const dashboard = () => ok<Dashboard>(core.dispatch('supervisorDashboard', {}, supervisor));
const appointment = async () => (await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen))).appointmentDate;

describe('the technician’s listing', () => {
  it('lists each year with its source and file, what is missing, and the folder to put files in', async () => {
    expect(await listing()).toEqual({
      loaded: [2024, 2025, 2026].map((year) => ({ year, source: 'shipped', file: join(shippedDir, `vn-${year}.json`) })),
      refused: [],
      today: '2026-12-28',
      reachesUntil: '2027-02-24',
      missing: [2027],
      folder: holidaysDir,
      folderExists: false,
      loadedAt: '2026-12-28T02:00:00.000Z',
    });
  });
});

describe('reloading without a restart', () => {
  it('puts a new year in force for appointments, reception hours and the dashboard at once', async () => {
    await ok(core.dispatch('setOpeningHours', { ...DEFAULT_OPENING_HOURS, enforced: true } satisfies OpeningHours, supervisor));
    // Before: 2027 follows the default rule (1/1 only): 29, 30, 31/12, 4, 5, 6, 7/1.
    expect(await appointment()).toBe('2027-01-07');
    expect((await dashboard()).calendar!.missing).toEqual([2027]);
    const before = core.dayOffs.current();

    const path = writeDecisionFile(holidaysDir, 'vn-2027.json', fixture2027);
    // Written, not yet reloaded: nothing changes by itself.
    expect(await appointment()).toBe('2027-01-07');

    const r = await reload();
    expect(r.loaded.at(-1)).toEqual({ year: 2027, source: 'data', file: path });
    expect(r.missing).toEqual([]);
    expect(r.refused).toEqual([]);
    expect(r.changedYears).toEqual([2027]);
    expect(r.folderExists).toBe(true);
    expect(await listing()).toEqual((({ changedYears: _, ...rest }) => rest)(r));

    // Appointments skip the fixture's break: 29, 30, 31/12, 11, 12, 13, 14/1.
    expect(await appointment()).toBe('2027-01-14');
    const d = await dashboard();
    expect(d.calendar!.missing).toEqual([]);
    expect(d.calendar!.notices).toEqual([]);
    expect(d.calendar!.loaded).toContainEqual({ year: 2027, source: 'data' });
    // Reception hours close on a day of the fixture's break (Tuesday 5/1/2027, 09:00), open the week after.
    clock.set('2027-01-05T02:00:00Z');
    expect(() => core.supervision.assertOpen()).toThrow(/outside reception hours/);
    clock.set('2027-01-12T02:00:00Z');
    expect(() => core.supervision.assertOpen()).not.toThrow();

    // The state is swapped whole: what was read before the reload still is the old calendar throughout.
    expect([before.appointments.hasDecisionsFor(2027), before.reception.hasDecisionsFor(2027), before.decisions.loaded.length]).toEqual([false, false, 3]);
    const now = core.dayOffs.current();
    expect([now.appointments.hasDecisionsFor(2027), now.reception.hasDecisionsFor(2027), now.decisions.loaded.length]).toEqual([true, true, 4]);

    // Audited like the other technician actions.
    const audit = core.db.prepare("SELECT role, action, detail FROM audit_log WHERE action = 'reloadDayOffDecisions'").all();
    expect(audit).toEqual([{ role: 'technician', action: 'reloadDayOffDecisions', detail: 'ok' }]);
  });

  it('a reload with nothing new changes nothing', async () => {
    const r = await reload();
    expect(r.changedYears).toEqual([]);
    expect(r.loaded.map((l) => `${l.year}:${l.source}`)).toEqual(['2024:shipped', '2025:shipped', '2026:shipped']);
  });
});

describe('a bad file found by a reload', () => {
  it('is reported with file and field; the shipped decision of that year stays in force', async () => {
    // A "corrected" 2026 (fixture) with an impossible date.
    const path = writeDecisionFile(holidaysDir, 'vn-2026.json', fixtureDecision(2026, { breaks: [{ from: '2026-02-30', to: '2026-09-03', name: 'x', replaces: ['quoc-khanh'] }] }));
    clock.set('2026-08-26T02:00:00Z'); // Wednesday: 27, 28/8, [29/8–2/9 shipped break], 3, 4, 7, 8, 9/9
    const before = await appointment();
    const r = await reload();
    expect(r.refused).toEqual([{ file: path, message: `${path}: tệp ngày nghỉ không hợp lệ — breaks.0.from: ngày phải là YYYY-MM-DD có thật` }]);
    expect(r.loaded.find((l) => l.year === 2026)).toEqual({ year: 2026, source: 'shipped', file: join(shippedDir, 'vn-2026.json') });
    expect(r.changedYears).toEqual([]);
    expect(await appointment()).toBe(before);
    expect(before).toBe('2026-09-09');
    const d = await dashboard();
    expect(d.calendar!.notices.map((n) => n.kind)).toEqual(['bad-file']);
    expect(d.calendar!.notices[0]!.vi).toContain(`${path}: tệp ngày nghỉ không hợp lệ — breaks.0.from`);
  });

  it('replacing a good data-folder file: that year goes back to the shipped decision or the default rule, as a restart would', async () => {
    writeDecisionFile(holidaysDir, 'vn-2027.json', fixture2027);
    await reload();
    expect(await appointment()).toBe('2027-01-14');
    const path = writeDecisionFile(holidaysDir, 'vn-2027.json', { ...fixture2027, makeUpWorkingDays: [{ date: '2027-01-04', name: 'x' }] });
    const r = await reload();
    expect(r.refused).toEqual([{ file: path, message: `${path}: tệp ngày nghỉ không hợp lệ — makeUpWorkingDays.0: ngày làm bù phải là thứ Bảy hoặc Chủ nhật` }]);
    expect(r.loaded.map((l) => l.year)).toEqual([2024, 2025, 2026]);
    expect(r.missing).toEqual([2027]);
    expect(r.changedYears).toEqual([2027]);
    expect(await appointment()).toBe('2027-01-07');
  });
});

describe('who may reload', () => {
  it('only a technician: counter and supervisor are forbidden, the kiosk unauthorized, and nothing is reloaded', async () => {
    writeDecisionFile(holidaysDir, 'vn-2027.json', fixture2027);
    for (const [ctx, code] of [
      [counter, 'forbidden'],
      [supervisor, 'forbidden'],
      [citizen, 'unauthorized'],
    ] as const) {
      for (const name of ['reloadDayOffDecisions', 'dayOffDecisions']) {
        const r = await core.dispatch(name, {}, ctx);
        expect([name, ctx.role, r.ok || r.error.code]).toEqual([name, ctx.role, code]);
      }
    }
    expect((await listing()).missing).toEqual([2027]);
    expect(await appointment()).toBe('2027-01-07');
  });
});
