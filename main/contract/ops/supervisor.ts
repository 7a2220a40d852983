import { z } from 'zod';
import { Counter, Ticket } from '../schemas.ts';
import { op, supervisors } from './define.ts';

// Staff oversight: the supervisor's live dashboard, steering of the hall, and reports.

const id = z.string().trim().min(1).max(64);
const ticketId = z.coerce.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** Average, 90th percentile and how many values they come from (null when there is none). */
export const Stat = z.object({ count: z.number().int(), avg: z.number().nullable(), p90: z.number().nullable() });
export type Stat = z.infer<typeof Stat>;

export const RatingLevel = z.enum(['very_satisfied', 'satisfied', 'neutral', 'dissatisfied']);
export type RatingLevel = z.infer<typeof RatingLevel>;

export const Satisfaction = z.object({
  very_satisfied: z.number().int(),
  satisfied: z.number().int(),
  neutral: z.number().int(),
  dissatisfied: z.number().int(),
  total: z.number().int(),
  /** Share of "Rất hài lòng" + "Hài lòng" among ratings, 0..1; null without ratings. */
  satisfiedShare: z.number().nullable(),
});
export type Satisfaction = z.infer<typeof Satisfaction>;

export const OverdueTicket = z.object({ id: z.number().int(), number: z.string(), serviceId: z.string(), issuedAt: z.string(), waitedMinutes: z.number() });

export const ServiceOversight = z.object({
  id: z.string(),
  prefix: z.string(),
  name: z.string(),
  waiting: z.number().int(),
  serving: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  /** issued → called, minutes, today. */
  wait: Stat,
  /** called → finished (served), minutes, today. */
  service: Stat,
  targetWaitMinutes: z.number().int(),
  overdue: z.array(OverdueTicket),
  dailyQuota: z.number().int().nullable(),
  quotaSource: z.enum(['config', 'override']),
  issuedToday: z.number().int(),
  /** Mean absolute error of the wait estimate given at issue time against the real wait, minutes. */
  estimateError: z.object({ count: z.number().int(), mae: z.number().nullable(), bias: z.number().nullable() }),
  satisfaction: Satisfaction,
});
export type ServiceOversight = z.infer<typeof ServiceOversight>;

export const CounterOversight = z.object({
  id: z.string(),
  name: z.string(),
  open: z.boolean(),
  serviceIds: z.array(z.string()),
  current: z.object({ id: z.number().int(), number: z.string(), calledAt: z.string() }).nullable(),
  served: z.number().int(),
  noShows: z.number().int(),
  service: Stat,
  /** serving a ticket; ready (open, no ticket yet); idle (open, no ticket for idleAfterMinutes or more); closed. */
  status: z.enum(['serving', 'idle', 'ready', 'closed']),
  /** Since when the status holds (ISO). */
  since: z.string().nullable(),
  satisfaction: Satisfaction,
});
export type CounterOversight = z.infer<typeof CounterOversight>;

export const DeviceStatus = z.object({
  deviceId: z.string(),
  role: z.string(),
  state: z.string(),
  problems: z.array(z.string()),
  message: z.string().nullable(),
  trouble: z.boolean(),
  since: z.string(),
  updatedAt: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const VoiceSettings = z.object({
  enabled: z.boolean(),
  volume: z.number().min(0.05).max(2),
  repeat: z.number().int().min(1).max(5),
});
export type VoiceSettings = z.infer<typeof VoiceSettings>;

/**
 * Which years' official day-off decisions are loaded (shipped with the app or from the data folder), and what
 * the supervisor must know: a year an appointment given today could fall in without a decision (its Tết and
 * Quốc khánh then follow the default rule), or a decision file that was refused.
 */
export const CalendarCoverage = z.object({
  loaded: z.array(z.object({ year: z.number().int(), source: z.enum(['shipped', 'data']) })),
  /** The last day a dossier received today could be due: today + the catalog's longest processing time, generously. */
  reachesUntil: day,
  /** Years from today to reachesUntil with no decision loaded. */
  missing: z.array(z.number().int()),
  /** Vietnamese first, English second: one per missing year, one per refused file. */
  notices: z.array(z.object({ kind: z.enum(['missing-year', 'bad-file']), vi: z.string(), en: z.string() })),
});
export type CalendarCoverage = z.infer<typeof CalendarCoverage>;

export const Dashboard = z.object({
  day: z.string(),
  now: z.string(),
  idleAfterMinutes: z.number().int(),
  services: z.array(ServiceOversight),
  counters: z.array(CounterOversight),
  devices: z.array(DeviceStatus),
  /** null until the sync outbox is wired in. */
  syncBacklog: z.object({ pending: z.number().int(), oldestPendingAt: z.string().nullable() }).nullable(),
  open: z.object({ now: z.boolean(), nextChange: z.string().nullable() }),
  voice: VoiceSettings,
  /** null when the core did not wire the day-off decisions in. */
  calendar: CalendarCoverage.nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DayHours = z.array(z.object({ start: clock, end: clock })).max(4);
/** Reception hours per weekday, 0 = Sunday … 6 = Saturday; an empty list is a closed day. Public holidays close. */
export const OpeningHours = z.object({
  enforced: z.boolean(),
  week: z.array(DayHours).length(7),
  /** Close on statutory holidays and decided days off (assets/holidays). */
  holidays: z.boolean(),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const Notice = z.object({ id: z.number().int(), text: z.string(), createdAt: z.string(), expiresAt: z.string() });
export type Notice = z.infer<typeof Notice>;

export const ReportPeriod = z.enum(['day', 'week', 'month']);
export const ReportGroup = z.enum(['service', 'counter', 'staff']);
export const ReportQuery = z.strictObject({ period: ReportPeriod, date: day, groupBy: ReportGroup });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Priority claimed at the kiosk and what counter staff made of it (a supervisor's grant counts as confirmed). */
export const PriorityCounts = z.object({
  claimed: z.number().int(),
  confirmed: z.number().int(),
  rejected: z.number().int(),
  unchecked: z.number().int(),
});

export type PriorityCounts = z.infer<typeof PriorityCounts>;

export const ReportRow = z.object({
  key: z.string(),
  label: z.string(),
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  wait: Stat,
  service: Stat,
  satisfaction: Satisfaction,
  priority: PriorityCounts,
});
export type ReportRow = z.infer<typeof ReportRow>;

export const Report = z.object({
  query: z.object({ period: ReportPeriod, date: day, groupBy: ReportGroup }),
  from: day,
  /** Inclusive last day. */
  to: day,
  rows: z.array(ReportRow),
  total: ReportRow,
  /** Tickets per day across the period (per hour for a single day), for the chart. */
  series: z.array(z.object({ label: z.string(), tickets: z.number().int(), avgWait: z.number().nullable() })),
});
export type Report = z.infer<typeof Report>;

export const supervisorOps = {
  supervisorDashboard: op({
    input: z.object({}),
    output: Dashboard,
    roles: supervisors,
    http: { method: 'GET', path: '/api/supervisor/dashboard' },
    mutates: false,
  }),
  setCounterServices: op({
    input: z.strictObject({ counterId: id, serviceIds: z.array(id).min(1) }),
    output: Counter,
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/counters/:counterId/services' },
    mutates: true,
  }),
  setServiceQuota: op({
    /** A number limits today's tickets; "unlimited" lifts the config's limit; "config" drops the override. */
    input: z.strictObject({ serviceId: id, dailyQuota: z.union([z.number().int().min(0).max(9999), z.literal('unlimited'), z.literal('config')]) }),
    output: z.object({ serviceId: z.string(), dailyQuota: z.number().int().nullable(), source: z.enum(['config', 'override']) }),
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/services/:serviceId/quota' },
    mutates: true,
  }),
  getOpeningHours: op({
    input: z.object({}),
    output: OpeningHours,
    roles: supervisors,
    http: { method: 'GET', path: '/api/supervisor/opening-hours' },
    mutates: false,
  }),
  setOpeningHours: op({
    input: OpeningHours.strict().refine((h) => h.week.every((d) => d.every((r) => r.start < r.end)), { message: 'each range must start before it ends' }),
    output: OpeningHours,
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/opening-hours' },
    mutates: true,
  }),
  prioritizeTicket: op({
    input: z.strictObject({ ticketId, priority: id.nullable() }),
    output: Ticket,
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/tickets/:ticketId/priority' },
    mutates: true,
  }),
  broadcastNotice: op({
    input: z.strictObject({ text: z.string().trim().min(1).max(300), minutes: z.number().int().min(1).max(7 * 24 * 60) }),
    output: Notice,
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/notices' },
    mutates: true,
  }),
  endNotice: op({
    input: z.strictObject({ noticeId: z.coerce.number().int().positive() }),
    output: z.array(Notice),
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/notices/:noticeId/end' },
    mutates: true,
  }),
  setVoiceSettings: op({
    input: VoiceSettings.partial().strict(),
    output: VoiceSettings,
    roles: supervisors,
    http: { method: 'POST', path: '/api/supervisor/voice' },
    mutates: true,
  }),
  report: op({
    input: ReportQuery,
    output: Report,
    roles: supervisors,
    http: { method: 'GET', path: '/api/supervisor/reports' },
    mutates: false,
  }),
};
