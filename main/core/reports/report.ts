// Reports per day / week / month, grouped per service, counter or staff member. Pure over ticket facts.
import type { Report, ReportQuery } from '../../contract/ops/supervisor.ts';
import { addDays, dayOfWeek } from '../calendar/civil-date.ts';
import { mean, summarize, summarizeBy, type TicketFact, waitMinutes } from './aggregate.ts';
import { toVnLocal } from '../calendar/civil-date.ts';

/** The days a report covers: the day; its week Monday–Sunday; its calendar month. */
export function periodRange(period: ReportQuery['period'], date: string): { from: string; to: string } {
  if (period === 'day') return { from: date, to: date };
  if (period === 'week') {
    const from = addDays(date, -((dayOfWeek(date) + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const from = `${date.slice(0, 7)}-01`;
  let to = from;
  while (addDays(to, 1).slice(0, 7) === from.slice(0, 7)) to = addDays(to, 1);
  return { from, to };
}

export interface ReportLabels {
  service: (id: string) => string;
  counter: (id: string) => string;
  staff: (name: string) => string;
}

/** A fact with the Vietnamese day it was issued on (YYYY-MM-DD), for the series. */
export type DatedFact = TicketFact & { day: string };

export function buildReport(query: ReportQuery, facts: readonly DatedFact[], labels: ReportLabels): Report {
  const { from, to } = periodRange(query.period, query.date);
  const inRange = facts.filter((f) => f.day >= from && f.day <= to);
  const rows =
    query.groupBy === 'service'
      ? summarizeBy(inRange, (f) => f.serviceId, labels.service)
      : query.groupBy === 'counter'
        ? summarizeBy(inRange, (f) => f.counterId, labels.counter)
        : summarizeBy(inRange, (f) => f.staff, labels.staff);
  const series: Report['series'] = [];
  const point = (label: string, fs: readonly DatedFact[]) => {
    const w = mean(fs.map(waitMinutes).filter((x): x is number => x !== null));
    series.push({ label, tickets: fs.length, avgWait: w === null ? null : Math.round(w * 10) / 10 });
  };
  if (query.period === 'day') {
    // Hour of issue in Vietnam, over the hours that had tickets (and the usual 7–17 h).
    const hourOf = (f: DatedFact) => Math.floor(toVnLocal(new Date(f.issuedAt)).minutes / 60);
    const hours = inRange.map(hourOf);
    const lo = Math.min(7, ...hours);
    const hi = Math.max(16, ...hours);
    for (let h = lo; h <= hi; h += 1) point(`${h}h`, inRange.filter((f) => hourOf(f) === h));
  } else {
    for (let d = from; d <= to; d = addDays(d, 1)) point(`${d.slice(8, 10)}/${d.slice(5, 7)}`, inRange.filter((f) => f.day === d));
  }
  return { query, from, to, rows, total: summarize('total', 'Tổng cộng', inRange), series };
}
