export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Longest Retry-After we obey; a server asking for a week must not freeze the kiosk's queue. Default 1 h. */
  maxRetryAfterMs?: number;
}

/**
 * "Full jitter" exponential back-off: a uniform delay in [0, min(cap, base·2^(attempt-1))), so that many kiosks
 * coming back after an outage do not all knock at once. A Retry-After from the server is a floor.
 */
export function retryDelayMs(policy: BackoffPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const exp = policy.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40);
  const jittered = Math.floor(random() * Math.min(policy.capMs, exp));
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs ?? 3_600_000));
}
