import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../main/contract/schemas.ts';
import type { Core } from '../../main/core/core.ts';
import { citizen, manualClock, ok, staff, tempDir, testCore } from '../helpers/core.ts';

let t: ReturnType<typeof tempDir>;
let core: Core;
const clock = manualClock('2026-03-02T01:00:00Z'); // 08:00 in Hà Nội, a Monday

beforeEach(() => {
  t = tempDir();
  clock.set('2026-03-02T01:00:00Z');
  core = testCore({ dataDir: t.dir, clock });
});
afterEach(async () => {
  await core.close();
  t.remove();
});

const issue = (serviceId: string, extra: Record<string, unknown> = {}) => ok<Ticket>(core.dispatch('issueTicket', { serviceId, ...extra }, citizen));
const open = (counterId: string, serviceIds?: string[]) => ok(core.dispatch('openCounter', { counterId, ...(serviceIds ? { serviceIds } : {}) }, staff));
const next = (counterId: string) => ok<Ticket | null>(core.dispatch('callNext', { counterId }, staff));

describe('ticket numbering', () => {
  it('numbers per service prefix, A001-style, and restarts at midnight in Asia/Ho_Chi_Minh (not UTC)', async () => {
    expect((await issue('ho-tich')).number).toBe('A001');
    expect((await issue('ho-tich')).number).toBe('A002');
    expect((await issue('chung-thuc')).number).toBe('B001');
    clock.set('2026-03-02T16:59:00Z'); // 23:59 the same Vietnamese day
    expect((await issue('ho-tich')).number).toBe('A003');
    clock.set('2026-03-02T17:00:00Z'); // 00:00 on 3 March in Vietnam, still 2 March in UTC
    expect((await issue('ho-tich')).number).toBe('A001');
  });

  it('reports people ahead and an estimate from the service defaults', async () => {
    await issue('ho-tich');
    await issue('ho-tich');
    const third = await issue('ho-tich');
    expect(third.aheadCount).toBe(2);
    expect(third.estimatedWaitMinutes).toBe(16); // 2 × 8 min default, one counter assumed
    expect(third.statusUrl).toBe(`http://kiosk.test/t/${third.publicId}`);
  });

  it('refuses unknown services and priorities with a Vietnamese message', async () => {
    const r = await core.dispatch('issueTicket', { serviceId: 'khong-co' }, citizen);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.messageVi).toMatch(/Không tìm thấy/);
    const p = await core.dispatch('issueTicket', { serviceId: 'ho-tich', priority: 'vip' }, citizen);
    expect(p.ok === false && p.error.code).toBe('bad_request');
  });

  it('keeps one active ticket per person per service per day, storing only a salted hash', async () => {
    await issue('ho-tich', { holderId: '001203004567' });
    const again = await core.dispatch('issueTicket', { serviceId: 'ho-tich', holderId: '001203004567' }, citizen);
    expect(again.ok === false && again.error.code).toBe('conflict');
    expect((await issue('chung-thuc', { holderId: '001203004567' })).number).toBe('B001');
    const stored = core.db.prepare('SELECT holder_hash FROM tickets WHERE holder_hash IS NOT NULL').all() as { holder_hash: string }[];
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(row.holder_hash).not.toContain('001203004567');
    clock.set('2026-03-03T01:00:00Z');
    expect(core.queue.forgetOldHolders()).toBe(2);
  });

  it('enforces a daily quota', async () => {
    await core.close();
    t.remove();
    t = tempDir();
    core = testCore({
      dataDir: t.dir,
      clock,
      config: { services: [{ id: 'a', prefix: 'A', name: { vi: 'A', en: 'A' }, fields: ['Hộ tịch'], dailyQuota: 2 }], counters: [{ id: '1', name: '1', serviceIds: ['a'] }] },
    });
    await issue('a');
    await issue('a');
    const third = await core.dispatch('issueTicket', { serviceId: 'a' }, citizen);
    expect(third.ok === false && third.error.messageVi).toMatch(/hết số thứ tự/);
  });
});

describe('calling', () => {
  it('calls priority tickets first, then the oldest, only for the services of the counter', async () => {
    await issue('ho-tich'); // A001
    await issue('ly-lich-tu-phap'); // C001, not served at counter 1
    await issue('ho-tich', { priority: 'elderly' }); // A002
    await issue('chung-thuc'); // B001
    await open('1'); // ho-tich + chung-thuc
    expect((await next('1'))?.number).toBe('A002');
    expect((await next('1'))?.number).toBe('A001');
    expect((await next('1'))?.number).toBe('B001');
    expect(await next('1')).toBeNull();
    const served = core.db.prepare("SELECT number FROM tickets WHERE state = 'served' ORDER BY id").all();
    // Each call finishes the ticket before it, also the last call that found nobody waiting.
    expect(served).toEqual([{ number: 'A001' }, { number: 'A002' }, { number: 'B001' }]);
  });

  it('staff confirm a claimed priority at the counter; a rejected claim goes back to wait as an ordinary ticket', async () => {
    const a1 = await issue('ho-tich'); // A001, ordinary
    const a2 = await issue('ho-tich', { priority: 'elderly', priorityBasis: 'card-birth-date' }); // A002
    const a3 = await issue('ho-tich', { priority: 'disabled' }); // A003, the citizen's word
    const a4 = await issue('ho-tich'); // A004
    expect(a2.priorityCheck).toEqual({ claim: 'elderly', basis: 'card-birth-date', status: 'unchecked' });
    expect(a3.priorityCheck).toEqual({ claim: 'disabled', basis: 'declared', status: 'unchecked' });
    expect(a1.priorityCheck).toBeNull();
    await open('1');
    const check = (ticketId: number, decision: 'confirm' | 'reject') => core.dispatch('checkPriority', { ticketId, decision }, staff);

    expect((await next('1'))?.number).toBe('A002');
    const confirmed = await ok<Ticket>(check(a2.id, 'confirm'));
    expect(confirmed).toMatchObject({ state: 'called', priority: 'elderly', priorityCheck: { status: 'confirmed' } });
    expect((await ok<Ticket>(check(a2.id, 'confirm'))).priorityCheck?.status).toBe('confirmed'); // a double tap
    const flip = await check(a2.id, 'reject');
    expect(flip.ok === false && flip.error.code).toBe('conflict');

    expect((await next('1'))?.number).toBe('A003');
    const rejected = await ok<Ticket>(check(a3.id, 'reject'));
    expect(rejected).toMatchObject({ state: 'waiting', priority: null, counterId: null, priorityCheck: { claim: 'disabled', status: 'rejected' } });
    // Back in issue order among ordinary tickets: after A001, before A004.
    expect((await next('1'))?.number).toBe('A001');
    expect((await next('1'))?.number).toBe('A003');
    expect((await next('1'))?.number).toBe('A004');

    const none = await check(a1.id, 'confirm');
    expect(none.ok === false && none.error.code).toBe('conflict');
    const anon = await core.dispatch('checkPriority', { ticketId: a3.id, decision: 'confirm' }, citizen);
    expect(anon.ok === false && anon.error.code).toBe('unauthorized');
    const history = core.db.prepare("SELECT kind, detail FROM ticket_events WHERE kind LIKE 'priority-%' ORDER BY id").all();
    expect(history).toEqual([
      { kind: 'priority-confirmed', detail: 'elderly' },
      { kind: 'priority-rejected', detail: 'disabled' },
    ]);
  });

  it('takes a card-based basis only together with a priority', async () => {
    const r = await core.dispatch('issueTicket', { serviceId: 'ho-tich', priorityBasis: 'card-birth-date' }, citizen);
    expect(r.ok === false && r.error.code).toBe('bad_request');
    const staffBasis = await core.dispatch('issueTicket', { serviceId: 'ho-tich', priority: 'elderly', priorityBasis: 'staff' }, citizen);
    expect(staffBasis.ok === false && staffBasis.error.code).toBe('bad_request');
  });

  it('refuses calls on a closed counter and calls from citizens', async () => {
    const closed = await core.dispatch('callNext', { counterId: '1' }, staff);
    expect(closed.ok === false && closed.error.code).toBe('conflict');
    const anon = await core.dispatch('callNext', { counterId: '1' }, citizen);
    expect(anon.ok === false && anon.error.code).toBe('unauthorized');
  });

  it('recalls, skips as no-show and calls a no-show back', async () => {
    await issue('ho-tich');
    await open('1');
    const a = (await next('1'))!;
    const recalled = await ok<Ticket>(core.dispatch('recallTicket', { ticketId: a.id, counterId: '1' }, staff));
    expect(recalled.state).toBe('called');
    const skipped = await ok<Ticket>(core.dispatch('skipTicket', { ticketId: a.id }, staff));
    expect(skipped.state).toBe('no_show');
    expect(core.queue.snapshot().noShows.map((x) => x.number)).toEqual(['A001']);
    const back = await ok<Ticket>(core.dispatch('recallTicket', { ticketId: a.id, counterId: '2' }, staff));
    expect(back).toMatchObject({ state: 'called', counterId: '2' });
    const done = await ok<Ticket>(core.dispatch('markServed', { ticketId: a.id }, staff));
    expect(done.state).toBe('served');
    const again = await core.dispatch('markServed', { ticketId: a.id }, staff);
    expect(again.ok).toBe(false);
  });

  it('transfers to another service or a named counter, keeping the number', async () => {
    await issue('ho-tich');
    await open('1');
    await open('3');
    const a = (await next('1'))!;
    const moved = await ok<Ticket>(core.dispatch('transferTicket', { ticketId: a.id, counterId: '3' }, staff));
    expect(moved).toMatchObject({ number: 'A001', state: 'waiting', targetCounterId: '3' });
    expect(await next('1')).toBeNull(); // directed to counter 3, not back to the pool
    expect((await next('3'))?.number).toBe('A001');
    const toService = await ok<Ticket>(core.dispatch('transferTicket', { ticketId: a.id, serviceId: 'chung-thuc' }, staff));
    expect(toService.serviceId).toBe('chung-thuc');
    const bad = await core.dispatch('transferTicket', { ticketId: a.id }, staff);
    expect(bad.ok === false && bad.error.message).toMatch(/serviceId, counterId or both/);
  });

  it('estimates from today’s real service times once there are some', async () => {
    await issue('ho-tich');
    await issue('ho-tich');
    await open('1');
    const first = (await next('1'))!;
    clock.advance(3 * 60_000);
    await ok(core.dispatch('markServed', { ticketId: first.id }, staff));
    const third = await issue('ho-tich');
    expect(third.aheadCount).toBe(1);
    expect(third.estimatedWaitMinutes).toBe(3);
  });

  it('writes staff actions to the audit log with role and origin', async () => {
    await open('1');
    const rows = core.db.prepare('SELECT role, action, origin FROM audit_log').all();
    expect(rows).toEqual([{ role: 'counter', action: 'openCounter', origin: 'test' }]);
  });
});
