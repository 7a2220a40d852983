/** Fault injection for the reference central server: what tests and demos use to show the kiosk copes. */

export type Fault =
  /** Reply with this status (e.g. 500, 503) without touching storage. */
  | { kind: 'status'; status: number }
  /** Reply 429 with `Retry-After: seconds` without touching storage. */
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  /** Handle the request normally (storage commits), then reply with a success status and a body that is not JSON. */
  | { kind: 'garbage' }
  /** Handle the request normally (storage commits), then destroy the connection before any reply byte. */
  | { kind: 'drop_after_commit' }
  /** Wait this long (real time), then handle normally. */
  | { kind: 'delay'; ms: number }
  /** Handle normally (storage commits), then wait this long before replying: a window where only the server knows. */
  | { kind: 'delay_reply'; ms: number };

export interface RequestInfo {
  method: string;
  path: string;
}

export interface CentralHooks {
  /** Consulted once per request, before it is handled. */
  faultFor?(req: RequestInfo): Fault | undefined;
  /** Told when a request starts and when it has been answered (or dropped); lets tests see what is in flight. */
  onRequestStart?(req: RequestInfo): void;
  onRequestEnd?(req: RequestInfo, status: number | 'dropped'): void;
}

export interface RequestMatch {
  method?: string;
  pathPrefix?: string;
}

/** By default faults hit the API, not the token endpoint, so they test the dossier path. */
const DEFAULT_MATCH: RequestMatch = { pathPrefix: '/api/' };

function matches(m: RequestMatch, req: RequestInfo): boolean {
  return (m.method === undefined || m.method === req.method) && (m.pathPrefix === undefined || req.path.startsWith(m.pathPrefix));
}

export interface FaultPlan extends CentralHooks {
  failNext(n: number, status?: number, match?: RequestMatch): void;
  rateLimitNext(n: number, retryAfterSeconds: number, match?: RequestMatch): void;
  garbageNext(n: number, match?: RequestMatch): void;
  dropAfterCommitNext(n: number, match?: RequestMatch): void;
  delayNext(n: number, ms: number, match?: RequestMatch): void;
  delayReplyNext(n: number, ms: number, match?: RequestMatch): void;
  /** Delay every matching request (after the queued faults are used up), before handling it or, with
   * `afterCommit`, between commit and reply; 0 turns it off. */
  delayAll(ms: number, match?: RequestMatch, afterCommit?: boolean): void;
  /** Faults queued but not yet injected. */
  remaining(): number;
  /** Every fault injected so far, in order. */
  readonly injected: { fault: Fault; req: RequestInfo }[];
}

/** A queue of faults, each hitting the next matching request once. */
export function createFaultPlan(): FaultPlan {
  const queue: { fault: Fault; match: RequestMatch }[] = [];
  const injected: { fault: Fault; req: RequestInfo }[] = [];
  let always: { ms: number; match: RequestMatch; afterCommit: boolean } | undefined;
  const push = (n: number, fault: Fault, match: RequestMatch) => {
    for (let i = 0; i < n; i++) queue.push({ fault, match });
  };
  return {
    injected,
    failNext: (n, status = 500, match = DEFAULT_MATCH) => push(n, { kind: 'status', status }, match),
    rateLimitNext: (n, retryAfterSeconds, match = DEFAULT_MATCH) => push(n, { kind: 'rate_limit', retryAfterSeconds }, match),
    garbageNext: (n, match = DEFAULT_MATCH) => push(n, { kind: 'garbage' }, match),
    dropAfterCommitNext: (n, match = DEFAULT_MATCH) => push(n, { kind: 'drop_after_commit' }, match),
    delayNext: (n, ms, match = DEFAULT_MATCH) => push(n, { kind: 'delay', ms }, match),
    delayReplyNext: (n, ms, match = DEFAULT_MATCH) => push(n, { kind: 'delay_reply', ms }, match),
    delayAll(ms, match = DEFAULT_MATCH, afterCommit = false) {
      always = ms > 0 ? { ms, match, afterCommit } : undefined;
    },
    remaining: () => queue.length,
    faultFor(req) {
      const i = queue.findIndex((q) => matches(q.match, req));
      if (i >= 0) {
        const [entry] = queue.splice(i, 1);
        injected.push({ fault: entry!.fault, req });
        return entry!.fault;
      }
      if (always && matches(always.match, req)) return { kind: always.afterCommit ? 'delay_reply' : 'delay', ms: always.ms };
      return undefined;
    },
  };
}
