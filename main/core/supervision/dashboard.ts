// The supervisor's live view, computed from today's ticket rows. Pure: the caller reads the database and the
// clock; tests build it from fixed rows.
import type { CounterOversight, Dashboard, DeviceStatus, ServiceOversight } from '../../contract/ops/supervisor.ts';
import { estimateError, satisfaction, serviceMinutes, stat, type TicketFact, waitMinutes } from '../reports/aggregate.ts';
import type { FactRow } from './store.ts';

export interface DashboardInput {
  now: Date;
  day: string;
  idleAfterMinutes: number;
  services: { id: string; prefix: string; name: string; targetWaitMinutes: number; dailyQuota: number | null; quotaSource: 'config' | 'override' }[];
  counters: { id: string; name: string; open: boolean; serviceIds: string[]; updatedAt: string | null; lastActivity: string | null }[];
  facts: FactRow[];
  devices: DeviceStatus[];
  syncBacklog: Dashboard['syncBacklog'];
  open: Dashboard['open'];
  voice: Dashboard['voice'];
  /** Day-off decisions loaded and what the supervisor must know about them (calendar/coverage.ts). */
  calendar: Dashboard['calendar'];
}

export function toFact(r: FactRow): TicketFact {
  return {
    serviceId: r.service_id,
    counterId: r.counter_id,
    staff: r.staff,
    state: r.state,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    finishedAt: r.finished_at,
    estimate: r.estimated_wait_minutes,
    rating: r.level,
    priority: r.priority_status,
  };
}

const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

export function buildDashboard(input: DashboardInput): Dashboard {
  const nowIso = input.now.toISOString();
  const nowMs = input.now.getTime();
  const facts = input.facts.map((r) => ({ row: r, fact: toFact(r) }));

  const services: ServiceOversight[] = input.services.map((s) => {
    const mine = facts.filter((f) => f.row.service_id === s.id);
    const fs = mine.map((f) => f.fact);
    const overdue = mine
      .filter((f) => f.row.state === 'waiting')
      .map((f) => ({ id: f.row.id, number: f.row.number, serviceId: s.id, issuedAt: f.row.issued_at, waitedMinutes: Math.round((nowMs - Date.parse(f.row.issued_at)) / 6000) / 10 }))
      .filter((t) => t.waitedMinutes > s.targetWaitMinutes)
      .sort((a, b) => b.waitedMinutes - a.waitedMinutes);
    return {
      id: s.id,
      prefix: s.prefix,
      name: s.name,
      waiting: fs.filter((f) => f.state === 'waiting').length,
      serving: fs.filter((f) => f.state === 'called').length,
      served: fs.filter((f) => f.state === 'served').length,
      noShows: fs.filter((f) => f.state === 'no_show').length,
      wait: stat(nums(fs.map(waitMinutes))),
      service: stat(nums(fs.map(serviceMinutes))),
      targetWaitMinutes: s.targetWaitMinutes,
      overdue,
      dailyQuota: s.dailyQuota,
      quotaSource: s.quotaSource,
      issuedToday: fs.length,
      estimateError: estimateError(fs),
      satisfaction: satisfaction(fs.map((f) => f.rating)),
    };
  });

  const counters: CounterOversight[] = input.counters.map((c) => {
    const mine = facts.filter((f) => f.row.counter_id === c.id);
    const fs = mine.map((f) => f.fact);
    const cur = mine.filter((f) => f.row.state === 'called').sort((a, b) => (b.row.called_at ?? '').localeCompare(a.row.called_at ?? ''))[0];
    let status: CounterOversight['status'];
    let since: string | null;
    if (!c.open) {
      status = 'closed';
      since = c.updatedAt;
    } else if (cur) {
      status = 'serving';
      since = cur.row.called_at;
    } else {
      // Free since its last call or finish, or since it was opened if that came later.
      since = later(c.lastActivity, c.updatedAt);
      status = since !== null && nowMs - Date.parse(since) >= input.idleAfterMinutes * 60_000 ? 'idle' : 'ready';
    }
    return {
      id: c.id,
      name: c.name,
      open: c.open,
      serviceIds: c.serviceIds,
      current: cur ? { id: cur.row.id, number: cur.row.number, calledAt: cur.row.called_at ?? '' } : null,
      served: fs.filter((f) => f.state === 'served').length,
      noShows: fs.filter((f) => f.state === 'no_show').length,
      service: stat(nums(fs.map(serviceMinutes))),
      status,
      since,
      satisfaction: satisfaction(fs.map((f) => f.rating)),
    };
  });

  return {
    day: input.day,
    now: nowIso,
    idleAfterMinutes: input.idleAfterMinutes,
    services,
    counters,
    devices: input.devices,
    syncBacklog: input.syncBacklog,
    open: input.open,
    voice: input.voice,
    calendar: input.calendar,
  };
}
