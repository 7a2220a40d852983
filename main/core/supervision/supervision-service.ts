// Staff oversight in one place: the dashboard, steering of the hall (counters, quotas, hours, priorities,
// notices, voice), ratings and the hall display's state. Steering goes through the contract's `mutates` ops,
// so every change a supervisor makes is in the audit log.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { CoreEvent } from '../../contract/events.ts';
import type { DisplayState } from '../../contract/ops/display.ts';
import type { Dashboard, Notice, OpeningHours, RatingLevel, VoiceSettings } from '../../contract/ops/supervisor.ts';
import { OpeningHours as OpeningHoursSchema, VoiceSettings as VoiceSettingsSchema } from '../../contract/ops/supervisor.ts';
import { AppError } from '../../contract/result.ts';
import type { Counter, Ticket } from '../../contract/schemas.ts';
import type { Current } from '../calendar/calendar-holder.ts';
import type { Config } from '../config/load.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { TicketRow } from '../queue/ticket-store.ts';
import { type Clock, vnDay } from '../util/clock.ts';
import type { EventHub } from '../util/events.ts';
import { buildDashboard } from './dashboard.ts';
import { createDeviceTable } from './devices.ts';
import { createHallVoice, type HallVoiceDeps } from './hall-voice.ts';
import { closedMessage, DEFAULT_OPENING_HOURS, type HolidayCalendar, isOpenAt, nextChange } from './opening-hours.ts';
import { type FactRow, supervisionStore } from './store.ts';

export interface SupervisionDeps {
  db: Database;
  clock: Clock;
  config: Config;
  queue: QueueService;
  events: EventHub;
  /** Pushes a fresh queue snapshot to every screen (the core coalesces bursts). */
  pushQueue: () => void;
  dataDir: string;
  log: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  /**
   * Holidays for the opening hours, read once per decision (a technician may reload the day-off decisions,
   * so the core passes the same holder intake uses); null: no holidays.
   */
  calendar: Current<HolidayCalendar> | null;
  /** Test seam for the voice (a fake renderer); default espeak-ng + sox into <dataDir>/voice. */
  voiceRenderer?: HallVoiceDeps['renderer'];
  /**
   * The sync backlog for the dashboard. The lead wires the outbox here; until then the dashboard shows the
   * latest `sync` event if one was pushed, else nothing (null).
   */
  syncBacklog?: () => { pending: number; oldestPendingAt: string | null } | null;
  /** The day-off decisions' coverage for a dossier received on `today` (the core wires it); absent: null. */
  calendarCoverage?: (today: string) => Dashboard['calendar'];
}

export type Actor = { name: string };

const RATING_VI: Record<RatingLevel, string> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  neutral: 'Bình thường',
  dissatisfied: 'Không hài lòng',
};

export function createSupervision(deps: SupervisionDeps) {
  const { db, clock, config, queue, events } = deps;
  const st = supervisionStore(db);
  const now = () => clock.now().toISOString();
  const today = () => vnDay(clock.now());
  const calendar = (): HolidayCalendar | null => deps.calendar?.current() ?? null;
  const services = new Map(config.services.map((s) => [s.id, s]));
  const devices = createDeviceTable(() => clock.now());
  let lastSync: { pending: number; oldestPendingAt: string | null } | null = null;
  let noticeTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const readJson = <T>(key: string, parse: (v: unknown) => T, fallback: T): T => {
    const row = st.setting.get(key);
    if (!row) return fallback;
    try {
      return parse(JSON.parse(row.value));
    } catch (err) {
      deps.log('warn', `stored setting ${key} is unreadable; using the configured one`, { err: String(err) });
      return fallback;
    }
  };

  function openingHours(): OpeningHours {
    const fromConfig = config.supervision.openingHours ?? DEFAULT_OPENING_HOURS;
    return readJson('opening_hours', (v) => OpeningHoursSchema.parse(v), fromConfig);
  }

  function voiceSettings(): VoiceSettings {
    return readJson('voice_settings', (v) => VoiceSettingsSchema.parse(v), { ...config.voice });
  }

  function serviceOf(id: string) {
    const s = services.get(id);
    if (!s) throw new AppError('not_found', `no service "${id}"`, 'Không tìm thấy dịch vụ này.');
    return s;
  }

  /** Today's quota for a service: the supervisor's override if any, else the config's. */
  function quotaFor(serviceId: string): { value: number | null; source: 'config' | 'override' } {
    const o = st.quota.get(serviceId);
    if (o) return { value: o.daily_quota, source: 'override' };
    return { value: services.get(serviceId)?.dailyQuota ?? null, source: 'config' };
  }

  function activeNotices(): Notice[] {
    return st.activeNotices.all(now()).map((n) => ({ id: n.id, text: n.text, createdAt: n.created_at, expiresAt: n.expires_at }));
  }

  /** Tells the displays the notice list, and again when the next one expires. */
  function pushNotices(): void {
    if (closed) return;
    events.emit({ type: 'notices', notices: activeNotices() });
    clearTimeout(noticeTimer);
    const next = st.nextExpiry.get(now())?.at;
    if (next) {
      const ms = Math.min(Math.max(Date.parse(next) - clock.now().getTime(), 0) + 250, 24 * 3600_000);
      noticeTimer = setTimeout(pushNotices, ms);
      noticeTimer.unref();
    }
  }

  function todaysRow(ticketId: number): TicketRow {
    const t = db.prepare('SELECT * FROM tickets WHERE id = ?').get(ticketId) as TicketRow | undefined;
    if (!t || t.day !== today()) throw new AppError('not_found', `no ticket ${ticketId} today`, 'Không tìm thấy số thứ tự này.');
    return t;
  }

  const voice = createHallVoice({
    cacheDir: join(deps.dataDir, 'voice'),
    settings: voiceSettings,
    ...(deps.voiceRenderer ? { renderer: deps.voiceRenderer } : {}),
    announce: (announcement) => !closed && events.emit({ type: 'announce', announcement }),
    health: (problem) => {
      if (closed) return;
      const e: CoreEvent = {
        type: 'device',
        deviceId: 'voice',
        role: 'voice',
        state: problem ? 'error' : 'ready',
        problems: problem ? ['voice-unavailable'] : [],
        ...(problem ? { message: `Không phát được lời gọi số (${problem})` } : {}),
      };
      events.emit(e);
    },
    log: deps.log,
  });

  const unsubscribe = events.subscribe((e) => {
    if (e.type === 'device') devices.update(e);
    else if (e.type === 'called') voice.call(e.number, e.counterId, e.counterName);
    else if ((e as { type: string }).type === 'sync') {
      // The lead's sync event (pending, oldestPendingAt …) once the outbox is wired.
      const s = e as unknown as { pending: number; oldestPendingAt: string | null };
      lastSync = { pending: s.pending, oldestPendingAt: s.oldestPendingAt };
    }
  });

  return {
    voice,
    quotaFor,
    /** For the queue: the override (number, or null for no limit), or undefined to use the config's quota. */
    quotaOverride(serviceId: string): number | null | undefined {
      const o = st.quota.get(serviceId);
      return o ? o.daily_quota : undefined;
    },

    /** Refuses a new ticket outside reception hours with a Vietnamese "come back at …" message. */
    assertOpen(): void {
      const hours = openingHours();
      const cal = calendar();
      if (isOpenAt(hours, clock.now(), cal)) return;
      const msg = closedMessage(hours, clock.now(), cal);
      throw new AppError('conflict', `outside reception hours: ${msg.en}`, msg.vi);
    },

    /** Keeps the wait estimate the citizen was given, to measure estimates against reality. */
    recordEstimate(ticketId: number, estimatedWaitMinutes: number): void {
      st.setEstimate.run(estimatedWaitMinutes, ticketId);
    },

    /** The sync backlog hook: null until the outbox reports (see SupervisionDeps.syncBacklog). */
    syncBacklog(): { pending: number; oldestPendingAt: string | null } | null {
      return deps.syncBacklog ? deps.syncBacklog() : lastSync;
    },

    dashboard(): Dashboard {
      const day = today();
      const hours = openingHours();
      const cal = calendar();
      const change = nextChange(hours, clock.now(), cal);
      return buildDashboard({
        now: clock.now(),
        day,
        idleAfterMinutes: config.supervision.idleAfterMinutes,
        services: config.services.map((s) => {
          const q = quotaFor(s.id);
          return { id: s.id, prefix: s.prefix, name: s.name.vi, targetWaitMinutes: s.targetWaitMinutes, dailyQuota: q.value, quotaSource: q.source };
        }),
        counters: config.counters.map((c) => {
          const v = queue.counterView(c.id);
          return { id: c.id, name: c.name, open: v.open, serviceIds: v.serviceIds, updatedAt: st.counterRow.get(c.id)?.updated_at ?? null, lastActivity: st.lastActivity.get(day, c.id)?.at ?? null };
        }),
        facts: st.facts.all(day, day) as FactRow[],
        devices: devices.list(),
        syncBacklog: this.syncBacklog(),
        open: { now: isOpenAt(hours, clock.now(), cal), nextChange: change ? change.toISOString() : null },
        voice: voiceSettings(),
        calendar: deps.calendarCoverage ? deps.calendarCoverage(day) : null,
      });
    },

    facts(from: string, to: string): FactRow[] {
      return st.facts.all(from, to);
    },

    setCounterServices(counterId: string, serviceIds: string[], actor: Actor): Counter {
      serviceIds.forEach(serviceOf);
      const c = queue.counterView(counterId);
      if (c.open) return queue.openCounter(counterId, serviceIds, actor);
      db.prepare(
        `INSERT INTO counters (id, open, service_ids, staff, updated_at) VALUES (?, 0, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET service_ids = excluded.service_ids, staff = excluded.staff, updated_at = excluded.updated_at`,
      ).run(counterId, JSON.stringify([...new Set(serviceIds)]), actor.name, now());
      deps.pushQueue();
      return queue.counterView(counterId);
    },

    setQuota(serviceId: string, quota: number | 'unlimited' | 'config', actor: Actor) {
      serviceOf(serviceId);
      if (quota === 'config') st.dropQuota.run(serviceId);
      else st.putQuota.run(serviceId, quota === 'unlimited' ? null : quota, now(), actor.name);
      deps.pushQueue();
      const q = quotaFor(serviceId);
      return { serviceId, dailyQuota: q.value, source: q.source };
    },

    openingHours,
    setOpeningHours(hours: OpeningHours): OpeningHours {
      const parsed = OpeningHoursSchema.parse(hours);
      st.putSetting.run('opening_hours', JSON.stringify(parsed));
      return parsed;
    },

    prioritize(ticketId: number, priority: string | null, actor: Actor): Ticket {
      if (priority !== null && !config.priorities.some((p) => p.id === priority)) {
        throw new AppError('bad_request', `unknown priority "${priority}"`, 'Loại ưu tiên không hợp lệ.');
      }
      const t = todaysRow(ticketId);
      if (t.state !== 'waiting') throw new AppError('conflict', `ticket ${t.number} is ${t.state}, not waiting`, 'Chỉ đổi ưu tiên được cho số đang chờ.');
      db.transaction(() => {
        st.setPriority.run({ priority, id: t.id });
        st.event.run(t.id, 'reprioritized', now(), null, actor.name, priority);
      })();
      deps.pushQueue();
      return queue.view(todaysRow(ticketId));
    },

    broadcastNotice(text: string, minutes: number, actor: Actor): Notice {
      const at = clock.now();
      const expires = new Date(at.getTime() + minutes * 60_000).toISOString();
      const id = Number(st.insertNotice.run(text, at.toISOString(), expires, actor.name).lastInsertRowid);
      pushNotices();
      return { id, text, createdAt: at.toISOString(), expiresAt: expires };
    },

    endNotice(noticeId: number): Notice[] {
      if (st.endNotice.run(now(), noticeId, now()).changes === 0) {
        throw new AppError('not_found', `no active notice ${noticeId}`, 'Thông báo này không còn hiển thị.');
      }
      pushNotices();
      return activeNotices();
    },

    voiceSettings,
    setVoiceSettings(next: Partial<VoiceSettings>): VoiceSettings {
      const merged = VoiceSettingsSchema.parse({ ...voiceSettings(), ...next });
      st.putSetting.run('voice_settings', JSON.stringify(merged));
      return merged;
    },

    displayState(): DisplayState {
      const problem = voice.problem();
      return {
        centerName: config.center.name,
        notices: activeNotices(),
        voice: { enabled: voiceSettings().enabled, ok: problem === null, problem },
      };
    },

    ratingTarget(counterId: string) {
      queue.counterView(counterId); // not_found for an unknown counter
      const r = st.lastServedAt.get(today(), counterId);
      return r ? { ticketNumber: r.number, publicId: r.public_id, finishedAt: r.finished_at, rated: r.level } : null;
    },

    rate(publicId: string, level: RatingLevel) {
      const t = st.ticketByPublicId.get(publicId);
      if (!t) throw new AppError('not_found', 'no such ticket', 'Không tìm thấy số thứ tự này.');
      if (t.state !== 'served') throw new AppError('conflict', `ticket ${t.number} is ${t.state}, not served`, 'Chỉ đánh giá được sau khi đã được phục vụ.');
      if (st.insertRating.run(t.id, t.counter_id, level, now()).changes === 0) {
        const prev = st.ratingOf.get(t.id)!.level;
        throw new AppError('conflict', `ticket ${t.number} was already rated`, `Số ${t.number} đã được đánh giá “${RATING_VI[prev]}”. Xin cảm ơn quý vị.`);
      }
      return { ticketNumber: t.number, level, counterId: t.counter_id };
    },

    /** Checks the voice tools and tells the displays the current notices (call once the server is up). */
    start(): void {
      void voice.check();
      pushNotices();
    },

    async close(): Promise<void> {
      closed = true;
      clearTimeout(noticeTimer);
      unsubscribe();
      await voice.close();
    },
  };
}
export type Supervision = ReturnType<typeof createSupervision>;
