// Pure aggregation over ticket facts: the dashboard and every report use these, and the unit tests pin them
// on fixed data. Times are minutes; a statistic over nothing is null, never 0 (0 minutes would be a claim).
import type { PriorityCounts, RatingLevel, ReportRow, Satisfaction, Stat } from '../../contract/ops/supervisor.ts';

/** One ticket as the reports see it (times ISO 8601; null when the step did not happen). */
export interface TicketFact {
  serviceId: string;
  counterId: string | null;
  /** Who finished it (the actor of its served / no-show event); null while unfinished. */
  staff: string | null;
  state: 'waiting' | 'called' | 'served' | 'no_show';
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  /** The wait estimate the citizen was given at issue, minutes. */
  estimate: number | null;
  rating: RatingLevel | null;
  /** The check of a priority claimed at the kiosk; null when none was claimed. */
  priority: 'unchecked' | 'confirmed' | 'rejected' | null;
}

const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** 90th percentile by the nearest-rank method: the smallest value with at least 90 % of values at or below it. */
export function p90(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

export function stat(values: readonly number[]): Stat {
  const a = mean(values);
  const p = p90(values);
  return { count: values.length, avg: a === null ? null : round1(a), p90: p === null ? null : round1(p) };
}

/** Minutes from issue to (last) call, for tickets that were called. */
export function waitMinutes(f: TicketFact): number | null {
  return f.calledAt ? Math.max(0, minutes(f.issuedAt, f.calledAt)) : null;
}

/** Minutes from call to finish, for served tickets only (a no-show was not served). */
export function serviceMinutes(f: TicketFact): number | null {
  return f.state === 'served' && f.calledAt && f.finishedAt ? Math.max(0, minutes(f.calledAt, f.finishedAt)) : null;
}

/** How far the wait estimates given at issue were from the real waits: mean absolute error and mean bias (estimate − real; negative = citizens waited longer than told). */
export function estimateError(facts: readonly TicketFact[]): { count: number; mae: number | null; bias: number | null } {
  const diffs: number[] = [];
  for (const f of facts) {
    const w = waitMinutes(f);
    if (w !== null && f.estimate !== null) diffs.push(f.estimate - w);
  }
  const mae = mean(diffs.map(Math.abs));
  const bias = mean(diffs);
  return { count: diffs.length, mae: mae === null ? null : round1(mae), bias: bias === null ? null : round1(bias) };
}

export function satisfaction(levels: readonly (RatingLevel | null)[]): Satisfaction {
  const s = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
  for (const l of levels) if (l) s[l] += 1;
  const total = s.very_satisfied + s.satisfied + s.neutral + s.dissatisfied;
  return { ...s, total, satisfiedShare: total === 0 ? null : Math.round(((s.very_satisfied + s.satisfied) / total) * 1000) / 1000 };
}

export function priorityCounts(facts: readonly TicketFact[]): PriorityCounts {
  const c = { claimed: 0, confirmed: 0, rejected: 0, unchecked: 0 };
  for (const f of facts) {
    if (f.priority === null) continue;
    c.claimed += 1;
    c[f.priority] += 1;
  }
  return c;
}

const numbers = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

/** One report row over a set of facts. */
export function summarize(key: string, label: string, facts: readonly TicketFact[]): ReportRow {
  return {
    key,
    label,
    tickets: facts.length,
    served: facts.filter((f) => f.state === 'served').length,
    noShows: facts.filter((f) => f.state === 'no_show').length,
    wait: stat(numbers(facts.map(waitMinutes))),
    service: stat(numbers(facts.map(serviceMinutes))),
    satisfaction: satisfaction(facts.map((f) => f.rating)),
    priority: priorityCounts(facts),
  };
}

/** Groups facts by a key and summarises each group, largest first; null keys go last under `noneKey`. */
export function summarizeBy(
  facts: readonly TicketFact[],
  keyOf: (f: TicketFact) => string | null,
  labelOf: (key: string) => string,
  noneKey = '—',
): ReportRow[] {
  const groups = new Map<string, TicketFact[]>();
  for (const f of facts) {
    const k = keyOf(f) ?? noneKey;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(f);
  }
  return [...groups.entries()]
    .map(([k, g]) => summarize(k, k === noneKey ? noneKey : labelOf(k), g))
    .sort((a, b) => Number(a.key === noneKey) - Number(b.key === noneKey) || b.tickets - a.tickets || a.key.localeCompare(b.key));
}
