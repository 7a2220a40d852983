/** Time is injected so tests and benches can run days in milliseconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const VN_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh: UTC+7, no daylight saving

/** The calendar day (YYYY-MM-DD) in Vietnam: ticket numbers restart at midnight there, not in UTC. */
export function vnDay(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes between two ISO timestamps. */
export function minutesBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 60_000;
}
