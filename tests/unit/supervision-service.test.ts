import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../main/contract/events.ts';
import type { Dashboard, Notice, OpeningHours, Report } from '../../main/contract/ops/supervisor.ts';
import type { Ticket } from '../../main/contract/schemas.ts';
import type { Core } from '../../main/core/core.ts';
import { migrations } from '../../main/core/db/migrations/index.ts';
import { migrate } from '../../main/core/db/open.ts';
import { DEFAULT_OPENING_HOURS } from '../../main/core/supervision/opening-hours.ts';
import { citizen, manualClock, ok, staff, tempDir, testCore } from '../helpers/core.ts';
import { fixtureDecision, writeDecisionFile } from '../helpers/holiday-fixtures.ts';

const supervisor = { role: 'supervisor' as const, origin: 'test' };
let t: ReturnType<typeof tempDir>;
let core: Core;
const clock = manualClock('2026-03-02T01:00:00Z'); // Monday 08:00 in Hà Nội
const min = 60_000;
const config = {
  services: [
    { id: 'a', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, fields: ['Hộ tịch'], targetWaitMinutes: 15, defaultServiceMinutes: 5, dailyQuota: 2 },
    { id: 'b', prefix: 'B', name: { vi: 'Chứng thực', en: 'Certification' }, fields: ['Chứng thực'], targetWaitMinutes: 10, defaultServiceMinutes: 4 },
  ],
  counters: [
    { id: '1', name: '1', serviceIds: ['a', 'b'] },
    { id: '2', name: '2', serviceIds: ['b'] },
  ],
  supervision: { idleAfterMinutes: 10 },
  voice: { enabled: false },
};

beforeEach(() => {
  t = tempDir();
  clock.set('2026-03-02T01:00:00Z');
  core = testCore({ dataDir: t.dir, clock, config });
});
afterEach(async () => {
  await core.close();
  t.remove();
});

const issue = (serviceId: string, extra: Record<string, unknown> = {}) => ok<Ticket>(core.dispatch('issueTicket', { serviceId, ...extra }, citizen));
const call = (counterId: string) => ok<Ticket | null>(core.dispatch('callNext', { counterId }, staff));
const dashboard = () => ok<Dashboard>(core.dispatch('supervisorDashboard', {}, supervisor));

describe('migration 004 (supervision)', () => {
  it('adds the estimate column, quota overrides, one rating per ticket and notices', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 4));
    const cols = (db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toContain('estimated_wait_minutes');
    db.prepare("INSERT INTO tickets (public_id, day, service_id, prefix, seq, number, state, issued_at) VALUES ('p', 'd', 'a', 'A', 1, 'A001', 'served', 'x')").run();
    db.prepare("INSERT INTO ratings (ticket_id, counter_id, level, at) VALUES (1, '1', 'satisfied', 'x')").run();
    expect(() => db.prepare("INSERT INTO ratings (ticket_id, counter_id, level, at) VALUES (1, '1', 'neutral', 'x')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO ratings (ticket_id, counter_id, level, at) VALUES (1, '1', 'great', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO quota_overrides (service_id, daily_quota, updated_at) VALUES ('a', -1, 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO notices (text, created_at, expires_at) VALUES ('Mất điện', 'a', 'b')").run();
    db.close();
  });
});

describe('reception hours', () => {
  const enforced: OpeningHours = { ...DEFAULT_OPENING_HOURS, enforced: true };

  it('are not enforced until a supervisor turns them on', async () => {
    clock.set('2026-03-07T14:00:00Z'); // Saturday 21:00
    expect((await issue('a')).number).toBe('A001');
  });

  it('refuse a ticket outside them with when to come back, in Vietnamese, and allow it inside', async () => {
    await ok(core.dispatch('setOpeningHours', enforced, supervisor));
    clock.set('2026-03-07T04:45:00Z'); // Saturday 11:45, after the Saturday morning
    const r = await core.dispatch('issueTicket', { serviceId: 'b' }, citizen);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('conflict');
      expect(r.error.messageVi).toBe('Trung tâm đã hết giờ tiếp nhận. Mời quý vị quay lại lúc 7 giờ 30 sáng thứ Hai.');
    }
    clock.set('2026-03-09T05:10:00Z'); // Monday 12:10
    const lunch = await core.dispatch('issueTicket', { serviceId: 'b' }, citizen);
    expect(!lunch.ok && lunch.error.messageVi).toBe('Trung tâm đang nghỉ trưa. Mời quý vị quay lại lúc 1 giờ chiều nay.');
    clock.set('2026-03-09T06:00:00Z'); // Monday 13:00
    expect((await issue('b')).number).toBe('B001');
    clock.set('2026-02-13T10:30:00Z'); // Friday 17:30 before the Tết 2026 break
    const tet = await core.dispatch('issueTicket', { serviceId: 'b' }, citizen);
    expect(!tet.ok && tet.error.messageVi).toBe('Trung tâm đã hết giờ tiếp nhận. Mời quý vị quay lại lúc 7 giờ 30 sáng thứ Hai, ngày 23/02.');
  });

  it('are validated and only a supervisor may change them', async () => {
    const bad = await core.dispatch('setOpeningHours', { ...enforced, week: [[], [{ start: '17:00', end: '07:30' }], [], [], [], [], []] }, supervisor);
    expect(!bad.ok && bad.error.code).toBe('bad_request');
    const counter = await core.dispatch('setOpeningHours', enforced, staff);
    expect(!counter.ok && counter.error.code).toBe('forbidden');
    const anon = await core.dispatch('getOpeningHours', {}, citizen);
    expect(!anon.ok && anon.error.code).toBe('unauthorized');
  });
});

describe('daily quota override', () => {
  it('raises, lifts, stops and restores the config quota, and survives a restart', async () => {
    await issue('a');
    await issue('a');
    const full = await core.dispatch('issueTicket', { serviceId: 'a' }, citizen);
    expect(!full.ok && full.error.messageVi).toMatch(/hết số thứ tự/);
    expect(await ok(core.dispatch('setServiceQuota', { serviceId: 'a', dailyQuota: 3 }, supervisor))).toEqual({ serviceId: 'a', dailyQuota: 3, source: 'override' });
    expect((await issue('a')).number).toBe('A003');
    expect((await core.dispatch('issueTicket', { serviceId: 'a' }, citizen)).ok).toBe(false);
    await ok(core.dispatch('setServiceQuota', { serviceId: 'a', dailyQuota: 'unlimited' }, supervisor));
    expect((await issue('a')).number).toBe('A004');
    await ok(core.dispatch('setServiceQuota', { serviceId: 'b', dailyQuota: 0 }, supervisor));
    expect((await core.dispatch('issueTicket', { serviceId: 'b' }, citizen)).ok).toBe(false);

    await core.close();
    core = testCore({ dataDir: t.dir, clock, config });
    expect((await core.dispatch('issueTicket', { serviceId: 'b' }, citizen)).ok).toBe(false);
    expect((await issue('a')).number).toBe('A005');
    await ok(core.dispatch('setServiceQuota', { serviceId: 'a', dailyQuota: 'config' }, supervisor));
    expect((await core.dispatch('issueTicket', { serviceId: 'a' }, citizen)).ok).toBe(false);
    const d = await dashboard();
    expect(d.services.find((s) => s.id === 'a')).toMatchObject({ dailyQuota: 2, quotaSource: 'config', issuedToday: 5 });
    expect(d.services.find((s) => s.id === 'b')).toMatchObject({ dailyQuota: 0, quotaSource: 'override' });
    const audit = core.db.prepare("SELECT action, role, detail FROM audit_log WHERE action = 'setServiceQuota'").all();
    expect(audit).toHaveLength(4);
    expect(audit[0]).toEqual({ action: 'setServiceQuota', role: 'supervisor', detail: 'ok' });
    const target = core.db.prepare("SELECT target FROM audit_log WHERE action = 'setServiceQuota' ORDER BY id").pluck().all();
    expect(target).toEqual(['{"serviceId":"a","dailyQuota":3}', '{"serviceId":"a","dailyQuota":"unlimited"}', '{"serviceId":"b","dailyQuota":0}', '{"serviceId":"a","dailyQuota":"config"}']);
  });
});

describe('dashboard', () => {
  it('counts, times, overdue tickets, estimate error, idle and closed counters, devices and the sync backlog', async () => {
    await ok(core.dispatch('openCounter', { counterId: '1' }, staff));
    const a1 = await issue('a'); // estimate 0 (nobody ahead)
    const a2 = await issue('a'); // estimate 5 (one ahead, 5 min default, one counter)
    expect(a2.estimatedWaitMinutes).toBe(5);
    await issue('b');
    clock.advance(4 * min);
    expect((await call('1'))!.number).toBe('A001'); // waited 4
    clock.advance(6 * min);
    await ok(core.dispatch('markServed', { ticketId: a1.id }, staff)); // served in 6
    clock.advance(2 * min);
    expect((await call('1'))!.number).toBe('A002'); // waited 12
    clock.advance(1 * min);
    await ok(core.dispatch('skipTicket', { ticketId: a2.id }, staff));
    clock.advance(5 * min); // B001 has now waited 18 min > target 10
    core.events.emit({ type: 'device', deviceId: 'printer-1', role: 'ticket-printer', state: 'warning', problems: ['paper-near-end'] });
    clock.advance(3 * min);
    core.events.emit({ type: 'device', deviceId: 'printer-1', role: 'ticket-printer', state: 'warning', problems: ['paper-near-end'] });

    const d = await dashboard();
    const a = d.services.find((s) => s.id === 'a')!;
    expect(a).toMatchObject({ waiting: 0, serving: 0, served: 1, noShows: 1, issuedToday: 2 });
    expect(a.wait).toEqual({ count: 2, avg: 8, p90: 12 });
    expect(a.service).toEqual({ count: 1, avg: 6, p90: 6 });
    expect(a.estimateError).toEqual({ count: 2, mae: 5.5, bias: -5.5 }); // |0−4| and |5−12|
    const b = d.services.find((s) => s.id === 'b')!;
    expect(b.waiting).toBe(1);
    expect(b.overdue.map((o) => [o.number, o.waitedMinutes])).toEqual([['B001', 21]]);

    const c1 = d.counters.find((c) => c.id === '1')!;
    expect(c1).toMatchObject({ open: true, status: 'ready', served: 1, noShows: 1, current: null });
    expect(c1.since).toBe('2026-03-02T01:13:00.000Z'); // the no-show
    expect(d.counters.find((c) => c.id === '2')).toMatchObject({ open: false, status: 'closed', since: null });
    clock.advance(10 * min);
    expect((await dashboard()).counters.find((c) => c.id === '1')!.status).toBe('idle');
    await ok(core.dispatch('closeCounter', { counterId: '1' }, staff));
    expect((await dashboard()).counters.find((c) => c.id === '1')).toMatchObject({ status: 'closed', since: clock.now().toISOString() });

    const printer = d.devices.find((x) => x.deviceId === 'printer-1')!;
    expect(printer).toMatchObject({ trouble: true, state: 'warning', problems: ['paper-near-end'], since: '2026-03-02T01:18:00.000Z', updatedAt: '2026-03-02T01:21:00.000Z' });
    expect(d.syncBacklog).toEqual({ pending: 0, oldestPendingAt: null });
  });
});

describe('steering', () => {
  it('moves services between counters without opening a closed one, and re-prioritises a waiting ticket', async () => {
    const c = await ok<{ open: boolean; serviceIds: string[] }>(core.dispatch('setCounterServices', { counterId: '2', serviceIds: ['a'] }, supervisor));
    expect(c).toMatchObject({ open: false, serviceIds: ['a'] });
    await ok(core.dispatch('openCounter', { counterId: '2' }, supervisor));
    expect(core.queue.counterView('2').serviceIds).toEqual(['a']);
    await issue('a');
    const second = await issue('a');
    const p = await ok<Ticket>(core.dispatch('prioritizeTicket', { ticketId: second.id, priority: 'elderly' }, supervisor));
    expect(p.priority).toBe('elderly');
    expect(p.priorityCheck).toEqual({ claim: 'elderly', basis: 'staff', status: 'confirmed' }); // nothing left to check at the counter
    const third = await issue('b', { priority: 'pregnant' });
    const taken = await ok<Ticket>(core.dispatch('prioritizeTicket', { ticketId: third.id, priority: null }, supervisor));
    expect(taken).toMatchObject({ priority: null, priorityCheck: { claim: 'pregnant', basis: 'declared', status: 'rejected' } });
    expect((await call('2'))!.number).toBe('A002');
    const bad = await core.dispatch('prioritizeTicket', { ticketId: second.id, priority: null }, supervisor);
    expect(!bad.ok && bad.error.code).toBe('conflict'); // already called
    const forbidden = await core.dispatch('setCounterServices', { counterId: '2', serviceIds: ['b'] }, staff);
    expect(!forbidden.ok && forbidden.error.code).toBe('forbidden');
  });
});

describe('priority checks in the reports', () => {
  it('counts, per service, the priorities claimed at the kiosk and those the counter found not eligible', async () => {
    const claimed = await issue('b', { priority: 'elderly', priorityBasis: 'card-birth-date' });
    const doubtful = await issue('b', { priority: 'pregnant' });
    await issue('b');
    await ok(core.dispatch('openCounter', { counterId: '2' }, staff));
    await call('2');
    await ok(core.dispatch('checkPriority', { ticketId: claimed.id, decision: 'confirm' }, staff));
    await call('2');
    await ok(core.dispatch('checkPriority', { ticketId: doubtful.id, decision: 'reject' }, staff));
    const r = await ok<Report>(core.dispatch('report', { period: 'day', date: '2026-03-02', groupBy: 'service' }, supervisor));
    expect(r.rows.find((x) => x.key === 'b')?.priority).toEqual({ claimed: 2, confirmed: 1, rejected: 1, unchecked: 0 });
    expect(r.total.priority.claimed).toBe(2);
  });
});

describe('notices', () => {
  it('are pushed to the hall, shown until they expire or are ended', async () => {
    const seen: CoreEvent[] = [];
    core.events.subscribe((e) => seen.push(e));
    const n = await ok<Notice>(core.dispatch('broadcastNotice', { text: 'Hệ thống mạng gián đoạn, mời quý vị chờ trong giây lát.', minutes: 30 }, supervisor));
    expect(n.expiresAt).toBe('2026-03-02T01:30:00.000Z');
    expect(seen.filter((e) => e.type === 'notices').at(-1)).toEqual({ type: 'notices', notices: [n] });
    const state = await ok<{ notices: Notice[] }>(core.dispatch('displayState', {}, citizen));
    expect(state.notices.map((x) => x.text)).toEqual([n.text]);
    clock.advance(31 * min);
    expect((await ok<{ notices: Notice[] }>(core.dispatch('displayState', {}, citizen))).notices).toEqual([]);
    const m = await ok<Notice>(core.dispatch('broadcastNotice', { text: 'Quầy 2 tạm nghỉ', minutes: 60 }, supervisor));
    expect(await ok(core.dispatch('endNotice', { noticeId: m.id }, supervisor))).toEqual([]);
    const again = await core.dispatch('endNotice', { noticeId: m.id }, supervisor);
    expect(!again.ok && again.error.code).toBe('not_found');
    const anon = await core.dispatch('broadcastNotice', { text: 'x', minutes: 5 }, citizen);
    expect(!anon.ok && anon.error.code).toBe('unauthorized');
  });
});

describe('satisfaction ratings', () => {
  it('one rating per served ticket, by its publicId; the counter screen learns which ticket it just served', async () => {
    await ok(core.dispatch('openCounter', { counterId: '1' }, staff));
    const a = await issue('a');
    const early = await core.dispatch('rateTicket', { publicId: a.publicId, level: 'satisfied' }, citizen);
    expect(!early.ok && early.error.messageVi).toMatch(/sau khi đã được phục vụ/);
    await call('1');
    await ok(core.dispatch('markServed', { ticketId: a.id }, staff));
    const target = await ok(core.dispatch('ratingTarget', { counterId: '1' }, staff));
    expect(target).toMatchObject({ ticketNumber: 'A001', publicId: a.publicId, rated: null });
    const anon = await core.dispatch('ratingTarget', { counterId: '1' }, citizen);
    expect(!anon.ok && anon.error.code).toBe('unauthorized');
    expect(await ok(core.dispatch('rateTicket', { publicId: a.publicId, level: 'very_satisfied' }, citizen))).toEqual({ ticketNumber: 'A001', level: 'very_satisfied', counterId: '1' });
    const twice = await core.dispatch('rateTicket', { publicId: a.publicId, level: 'dissatisfied' }, citizen);
    expect(!twice.ok && twice.error.messageVi).toBe('Số A001 đã được đánh giá “Rất hài lòng”. Xin cảm ơn quý vị.');
    expect(await ok(core.dispatch('ratingTarget', { counterId: '1' }, staff))).toMatchObject({ rated: 'very_satisfied' });
    const bad = await core.dispatch('rateTicket', { publicId: a.publicId, level: 'great' }, citizen);
    expect(!bad.ok && bad.error.code).toBe('bad_request');
    const d = await dashboard();
    expect(d.services.find((s) => s.id === 'a')!.satisfaction).toMatchObject({ very_satisfied: 1, total: 1, satisfiedShare: 1 });
    expect(d.counters.find((c) => c.id === '1')!.satisfaction.total).toBe(1);
  });
});

describe('voice settings', () => {
  it('start from the config, are changed by a supervisor and kept', async () => {
    expect((await ok<{ voice: { enabled: boolean } }>(core.dispatch('displayState', {}, citizen))).voice.enabled).toBe(false);
    expect(await ok(core.dispatch('setVoiceSettings', { enabled: true, volume: 0.6 }, supervisor))).toEqual({ enabled: true, volume: 0.6, repeat: 2 });
    const bad = await core.dispatch('setVoiceSettings', { repeat: 9 }, supervisor);
    expect(!bad.ok && bad.error.code).toBe('bad_request');
    await core.close();
    core = testCore({ dataDir: t.dir, clock, config });
    expect(core.supervision.voiceSettings()).toEqual({ enabled: true, volume: 0.6, repeat: 2 });
  });
});

describe('day-off decisions on the dashboard', () => {
  it('warn while an appointment given today may fall in 2027 without its decision; gone once a 2027 file is in the data folder', async () => {
    // Lý lịch tư pháp takes up to 10 working days: a dossier received on 27/11/2026 may be due in January 2027.
    const withLltp = { ...config, services: [...config.services, { id: 'c', prefix: 'C', name: { vi: 'Lý lịch tư pháp', en: 'Judicial record' }, fields: ['Lý lịch tư pháp'] }] };
    await core.close();
    clock.set('2026-11-27T02:00:00Z'); // Friday 09:00 in Hà Nội
    core = testCore({ dataDir: t.dir, clock, config: withLltp });
    const d = await dashboard();
    expect(d.calendar!.missing).toEqual([2027]);
    expect(d.calendar!.notices).toHaveLength(1);
    expect(d.calendar!.notices[0]!.vi).toContain(
      'Chưa nạp quyết định nghỉ lễ năm 2027: ngày hẹn trả kết quả rơi vào năm 2027 đang tính theo quy tắc mặc định (Tết: 5 ngày từ 29 tháng Chạp)',
    );
    expect(d.calendar!.notices[0]!.en).toContain('The 2027 day-off decision is not loaded');

    // The technician puts a 2027 decision in the data folder and restarts (a TEST FIXTURE, not the real decision).
    await core.close();
    writeDecisionFile(join(t.dir, 'holidays'), 'vn-2027.json', fixtureDecision(2027));
    core = testCore({ dataDir: t.dir, clock, config: withLltp });
    const after = await dashboard();
    expect(after.calendar!.missing).toEqual([]);
    expect(after.calendar!.notices).toEqual([]);
    expect(after.calendar!.loaded).toContainEqual({ year: 2027, source: 'data' });
  });

  it('say nothing when every year a dossier received today can reach is loaded', async () => {
    // 2/3/2026 (beforeEach) with the same-day services of this file: nothing reaches past 2026.
    const d = await dashboard();
    expect(d.calendar).toMatchObject({ missing: [], notices: [] });
    expect(d.calendar!.loaded.map((l) => `${l.year}:${l.source}`)).toEqual(['2024:shipped', '2025:shipped', '2026:shipped']);
  });
});
