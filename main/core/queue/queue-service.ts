import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../contract/result.ts';
import type { Counter, PriorityBasis, QueueSnapshot, Service, Ticket } from '../../contract/schemas.ts';
import type { Config } from '../config/load.ts';
import type { CatalogData } from '../catalog/catalog.ts';
import { type Clock, vnDay } from '../util/clock.ts';
import { type TicketRow, ticketStore } from './ticket-store.ts';

export interface QueueDeps {
  db: Database;
  clock: Clock;
  config: Config;
  catalog: CatalogData;
  /** Base URL for the ticket's status link (its QR code). */
  publicUrl: () => string;
  /** Called after every committed change, so screens and the hall display follow. */
  onChange: (change: QueueChange) => void;
  /** A supervisor's quota for today: a number, null for no limit, undefined to keep the config's. */
  quotaOverride?: (serviceId: string) => number | null | undefined;
  /** Throws (a Vietnamese AppError) when no ticket may be issued now, e.g. outside reception hours. */
  admission?: () => void;
}

export type QueueChange =
  | { kind: 'issued'; ticket: TicketRow; view: Ticket }
  | { kind: 'called'; ticket: TicketRow; counterId: string; recall: boolean }
  | { kind: 'updated'; ticket?: TicketRow };

type Actor = { name: string } | undefined;

/** Ticket numbering, calling order and counter state: the heart of the hall. */
export function createQueueService(deps: QueueDeps) {
  const { db, clock, config } = deps;
  const st = ticketStore(db);
  const services = new Map(config.services.map((s) => [s.id, s]));
  const counterConfigs = new Map(config.counters.map((c) => [c.id, c]));
  const priorityIds = new Set(config.priorities.map((p) => p.id));
  const now = () => clock.now().toISOString();
  const today = () => vnDay(clock.now());

  const salt = (() => {
    st.putSetting.run('holder_salt', randomBytes(32).toString('hex'));
    return st.setting.get('holder_salt')!.value;
  })();
  // Restart: a job that was printing when the process died may or may not be on paper; never print it again
  // by itself. It is marked failed, and the kiosk/staff can reprint on request.
  st.failInterruptedPrintJobs.run(now());

  function serviceOf(id: string) {
    const s = services.get(id);
    if (!s) throw new AppError('not_found', `no service "${id}"`, 'Không tìm thấy dịch vụ này.');
    return s;
  }

  function counterOf(id: string) {
    const c = counterConfigs.get(id);
    if (!c) throw new AppError('not_found', `no counter "${id}"`, 'Không tìm thấy quầy này.');
    const row = st.counter.get(id);
    const serviceIds: string[] = row ? (JSON.parse(row.service_ids) as string[]) : c.serviceIds;
    return { id, name: c.name, open: row ? row.open === 1 : false, serviceIds };
  }

  function ticketRow(id: number): TicketRow {
    const t = st.byId.get(id);
    if (!t || t.day !== today()) throw new AppError('not_found', `no ticket ${id} today`, 'Không tìm thấy số thứ tự này.');
    return t;
  }

  function avgServiceMinutes(serviceId: string): number {
    const rows = st.recentServiceMinutes.all(today(), serviceId);
    if (rows.length === 0) return serviceOf(serviceId).defaultServiceMinutes;
    return rows.reduce((a, r) => a + r.m, 0) / rows.length;
  }

  function openCountersFor(serviceId: string): number {
    let n = 0;
    for (const c of counterConfigs.keys()) {
      const counter = counterOf(c);
      if (counter.open && counter.serviceIds.includes(serviceId)) n++;
    }
    return n;
  }

  type Rates = (serviceId: string) => { avgMinutes: number; openCounters: number };

  /** Each service's recent service time and open counters, read once per answer, not once per ticket shown. */
  function rates(): Rates {
    const cache = new Map<string, { avgMinutes: number; openCounters: number }>();
    return (serviceId) => {
      let r = cache.get(serviceId);
      if (!r) {
        r = { avgMinutes: avgServiceMinutes(serviceId), openCounters: openCountersFor(serviceId) };
        cache.set(serviceId, r);
      }
      return r;
    };
  }

  function estimate(serviceId: string, ahead: number, rate: Rates): number {
    const r = rate(serviceId);
    return Math.round((ahead * r.avgMinutes) / Math.max(1, r.openCounters));
  }

  function view(t: TicketRow, waiting?: TicketRow[], rate: Rates = rates()): Ticket {
    let ahead = 0;
    if (t.state === 'waiting') {
      const list = waiting ?? st.waiting.all(t.day);
      for (const w of list) {
        if (w.id === t.id) break;
        if (w.service_id === t.service_id) ahead++;
      }
    }
    const job = st.lastPrintJob.get(t.id);
    const svc = services.get(t.service_id);
    return {
      id: t.id,
      publicId: t.public_id,
      number: t.number,
      serviceId: t.service_id,
      serviceName: svc?.name ?? { vi: t.service_id, en: t.service_id },
      priority: t.priority,
      priorityCheck:
        t.priority_claim && t.priority_basis && t.priority_status
          ? { claim: t.priority_claim, basis: t.priority_basis, status: t.priority_status }
          : null,
      state: t.state,
      counterId: t.counter_id,
      targetCounterId: t.target_counter_id,
      issuedAt: t.issued_at,
      calledAt: t.called_at,
      aheadCount: ahead,
      estimatedWaitMinutes: t.state === 'waiting' ? estimate(t.service_id, ahead, rate) : 0,
      statusUrl: `${deps.publicUrl()}/t/${t.public_id}`,
      printed: (job?.state as Ticket['printed'] | undefined) ?? 'none',
    };
  }

  function event(t: TicketRow, kind: string, counterId: string | null, actor: Actor, detail?: string) {
    st.event.run(t.id, kind, now(), counterId, actor?.name ?? null, detail ?? null);
  }

  const issue = db.transaction((serviceId: string, priority: string | null, basis: PriorityBasis, holderHash: string | null): TicketRow => {
    const svc = serviceOf(serviceId);
    const day = today();
    const override = deps.quotaOverride?.(serviceId);
    const quota = override === undefined ? svc.dailyQuota : override;
    if (quota !== null && st.countForService.get(day, serviceId)!.n >= quota) {
      throw new AppError('conflict', `daily quota of ${quota} reached for ${serviceId}`, 'Hôm nay đã hết số thứ tự cho dịch vụ này. Mời quý vị quay lại vào ngày làm việc tiếp theo.');
    }
    if (holderHash && config.kiosk.onePerPersonPerServicePerDay) {
      const existing = st.activeForHolder.get(day, serviceId, holderHash);
      if (existing) {
        throw new AppError('conflict', `holder already has active ticket ${existing.number} for ${serviceId}`, `Quý vị đã có số ${existing.number} cho dịch vụ này hôm nay.`);
      }
    }
    const seq = st.nextSeq.get(day, svc.prefix)!.last;
    const row = {
      public_id: randomBytes(12).toString('base64url'),
      day,
      service_id: serviceId,
      prefix: svc.prefix,
      seq,
      number: `${svc.prefix}${String(seq).padStart(3, '0')}`,
      priority,
      priority_basis: priority === null ? null : basis,
      issued_at: now(),
      holder_hash: holderHash,
    };
    const id = Number(st.insert.run(row).lastInsertRowid);
    const t = st.byId.get(id)!;
    event(t, 'issued', null, undefined, priority ?? undefined);
    return t;
  });

  return {
    issueTicket(input: { serviceId: string; priority?: string | undefined; priorityBasis?: PriorityBasis | undefined; holderId?: string | undefined }): Ticket {
      deps.admission?.();
      if (input.priority !== undefined && !priorityIds.has(input.priority)) {
        throw new AppError('bad_request', `unknown priority "${input.priority}"`, 'Loại ưu tiên không hợp lệ.');
      }
      if (input.priorityBasis !== undefined && input.priority === undefined) {
        throw new AppError('bad_request', 'priorityBasis given without a priority', 'Loại ưu tiên không hợp lệ.');
      }
      const hash = input.holderId ? createHash('sha256').update(salt).update(input.holderId).digest('hex') : null;
      const t = issue(input.serviceId, input.priority ?? null, input.priorityBasis ?? 'declared', hash);
      const v = view(t);
      deps.onChange({ kind: 'issued', ticket: t, view: v });
      return v;
    },

    ticketByPublicId(publicId: string): Ticket {
      const t = st.byPublicId.get(publicId);
      if (!t) throw new AppError('not_found', 'no such ticket', 'Không tìm thấy số thứ tự này.');
      return view(t);
    },

    rowByPublicId(publicId: string): TicketRow | undefined {
      return st.byPublicId.get(publicId);
    },

    view,

    openCounter(counterId: string, serviceIds: string[] | undefined, actor: Actor): Counter {
      const c = counterOf(counterId);
      const ids = serviceIds ?? c.serviceIds;
      ids.forEach(serviceOf);
      st.upsertCounter.run({ id: counterId, open: 1, service_ids: JSON.stringify(ids), staff: actor?.name ?? null, at: now() });
      deps.onChange({ kind: 'updated' });
      return this.counterView(counterId);
    },

    closeCounter(counterId: string, actor: Actor): Counter {
      const c = counterOf(counterId);
      st.upsertCounter.run({ id: counterId, open: 0, service_ids: JSON.stringify(c.serviceIds), staff: actor?.name ?? null, at: now() });
      deps.onChange({ kind: 'updated' });
      return this.counterView(counterId);
    },

    counterView(counterId: string): Counter {
      const c = counterOf(counterId);
      const cur = st.currentAtCounter.get(today(), counterId);
      return { ...c, current: cur ? view(cur) : null };
    },

    callNext(counterId: string, actor: Actor): Ticket | null {
      const c = counterOf(counterId);
      if (!c.open) throw new AppError('conflict', `counter ${counterId} is closed`, 'Quầy đang đóng. Hãy mở quầy trước.');
      const called = db.transaction(() => {
        const at = now();
        const cur = st.currentAtCounter.get(today(), counterId);
        if (cur) {
          st.setFinished.run({ state: 'served', at, id: cur.id });
          event(cur, 'served', counterId, actor, 'auto: next called');
        }
        const next = st.nextForCounter.get({ day: today(), counter: counterId, services: JSON.stringify(c.serviceIds) });
        if (!next) return null;
        st.setCalled.run({ counter: counterId, at, id: next.id });
        event(next, 'called', counterId, actor);
        return st.byId.get(next.id)!;
      })();
      if (called) deps.onChange({ kind: 'called', ticket: called, counterId, recall: false });
      else deps.onChange({ kind: 'updated' });
      return called ? view(called) : null;
    },

    recall(ticketId: number, counterId: string, actor: Actor): Ticket {
      counterOf(counterId);
      const t = ticketRow(ticketId);
      if (t.state !== 'called' && t.state !== 'no_show') {
        throw new AppError('conflict', `ticket ${t.number} is ${t.state}; only called or no-show tickets can be recalled`, 'Chỉ gọi lại được số đã gọi hoặc vắng mặt.');
      }
      db.transaction(() => {
        st.setCalled.run({ counter: counterId, at: now(), id: t.id });
        event(t, 'recalled', counterId, actor);
      })();
      const updated = st.byId.get(t.id)!;
      deps.onChange({ kind: 'called', ticket: updated, counterId, recall: true });
      return view(updated);
    },

    finish(ticketId: number, state: 'served' | 'no_show', actor: Actor): Ticket {
      const t = ticketRow(ticketId);
      if (t.state !== 'called') {
        throw new AppError('conflict', `ticket ${t.number} is ${t.state}, not called`, 'Số này chưa được gọi.');
      }
      db.transaction(() => {
        st.setFinished.run({ state, at: now(), id: t.id });
        event(t, state, t.counter_id, actor);
      })();
      const updated = st.byId.get(t.id)!;
      deps.onChange({ kind: 'updated', ticket: updated });
      return view(updated);
    },

    /**
     * Staff check a claimed priority when the citizen is at the counter. Confirmed: kept on the record.
     * Rejected: the ticket loses its priority and, if it was called, goes back to wait in its issue order.
     */
    checkPriority(ticketId: number, decision: 'confirm' | 'reject', actor: Actor): Ticket {
      const t = ticketRow(ticketId);
      if (!t.priority_claim) throw new AppError('conflict', `ticket ${t.number} has no priority to check`, 'Số này không có ưu tiên.');
      if (t.state !== 'waiting' && t.state !== 'called') {
        throw new AppError('conflict', `ticket ${t.number} is ${t.state}; its priority can no longer be checked`, 'Số này đã xong, không xét ưu tiên được nữa.');
      }
      const wanted = decision === 'confirm' ? 'confirmed' : 'rejected';
      if (t.priority_status === wanted) return view(t); // a double tap changes nothing
      if (t.priority_status !== 'unchecked') {
        throw new AppError('conflict', `priority of ticket ${t.number} is already ${t.priority_status}`, 'Ưu tiên của số này đã được xét.');
      }
      db.transaction(() => {
        if (decision === 'confirm') st.setPriorityConfirmed.run(t.id);
        else st.setPriorityRejected.run(t.id);
        event(t, `priority-${wanted}`, t.counter_id, actor, t.priority_claim ?? undefined);
      })();
      const updated = st.byId.get(t.id)!;
      deps.onChange({ kind: 'updated', ticket: updated });
      return view(updated);
    },

    transfer(ticketId: number, to: { serviceId?: string | undefined; counterId?: string | undefined }, actor: Actor): Ticket {
      const t = ticketRow(ticketId);
      if (t.state === 'served') throw new AppError('conflict', `ticket ${t.number} is already served`, 'Số này đã được phục vụ xong.');
      const serviceId = to.serviceId ?? t.service_id;
      serviceOf(serviceId);
      if (to.counterId) counterOf(to.counterId);
      db.transaction(() => {
        st.setTransferred.run({ service: serviceId, counter: to.counterId ?? null, id: t.id });
        event(t, 'transferred', t.counter_id, actor, JSON.stringify({ serviceId, counterId: to.counterId ?? null }));
      })();
      const updated = st.byId.get(t.id)!;
      deps.onChange({ kind: 'updated', ticket: updated });
      return view(updated);
    },

    services(waiting: TicketRow[], rate: Rates = rates()): Service[] {
      return config.services.map((s) => {
        const n = waiting.filter((w) => w.service_id === s.id).length;
        return {
          id: s.id,
          prefix: s.prefix,
          name: s.name,
          procedureIds: deps.catalog.procedures.filter((p) => p.serviceId === s.id).map((p) => p.id),
          waiting: n,
          estimatedWaitMinutes: estimate(s.id, n, rate),
          open: rate(s.id).openCounters > 0,
        };
      });
    },

    waitingRows(): TicketRow[] {
      return st.waiting.all(today());
    },

    snapshot(): QueueSnapshot {
      const waiting = st.waiting.all(today());
      const rate = rates();
      return {
        day: today(),
        services: this.services(waiting, rate),
        counters: config.counters.map((c) => this.counterView(c.id)),
        // Screens show the head of the queue; a long tail adds bytes to every push without helping anyone.
        waiting: waiting.slice(0, 60).map((w) => view(w, waiting, rate)),
        noShows: st.noShows.all(today()).map((t) => view(t, undefined, rate)),
        recentCalls: st.recentCalls.all(today()).map((t) => ({
          number: t.number,
          counterId: t.counter_id ?? '',
          counterName: counterConfigs.get(t.counter_id ?? '')?.name ?? t.counter_id ?? '',
          at: t.called_at ?? '',
        })),
      };
    },

    /** Holder hashes exist only to stop same-day ticket hoarding; they are dropped once the day is over. */
    forgetOldHolders(): number {
      return st.forgetOldHolders.run(today()).changes;
    },

    printJobs: {
      create: (kind: 'ticket' | 'receipt', ticketId: number | null) => Number(st.insertPrintJob.run(ticketId, kind, now(), now()).lastInsertRowid),
      set: (jobId: number, state: 'printing' | 'done' | 'failed', error: string | null) => st.setPrintJob.run(state, error, now(), jobId),
      last: (ticketId: number) => st.lastPrintJob.get(ticketId),
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;
