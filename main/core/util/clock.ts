import { vnDateOf } from '../calendar/civil-date.ts';

/** Time is injected so tests and benches can run days in milliseconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The calendar day (YYYY-MM-DD) in Vietnam: ticket numbers restart at midnight there, not in UTC. */
export function vnDay(d: Date): string {
  return vnDateOf(d);
}

