import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { DossierSubmissionInput } from '../../central/contract.ts';
import { CentralError, PermanentCentralError, RetryableCentralError, type CentralSystem } from './adapter.ts';
import { retryDelayMs, type BackoffPolicy } from './backoff.ts';
import type { Clock } from './clock.ts';
import { readBacklog, type AttachmentRef, type Backlog, type OutboxRow, type OutboxState } from './outbox.ts';

export interface OutboxChange {
  id: number;
  kind: OutboxRow['kind'];
  aggregateCode: string;
  state: OutboxState;
  attempts: number;
  error?: string;
  nextAttemptAt?: string;
}

export interface AttachmentSource {
  read(code: string, name: string): Promise<Uint8Array> | Uint8Array;
}

export interface OutboxSenderOptions {
  db: Database;
  central: CentralSystem;
  clock: Clock;
  /** Uniform in [0, 1); injected for reproducible jitter. */
  random: () => number;
  backoff: BackoffPolicy;
  /** Told after every state change of an entry. Cheap; call sender.backlog() for the totals when needed. */
  onChange?: (change: OutboxChange) => void;
  /** Needed only for upload_attachment entries. */
  attachments?: AttachmentSource;
  /** With nothing to send, look again after this long (wake() is the fast path). Default 30 s. */
  idlePollMs?: number;
}

export type StepOutcome =
  | { kind: 'delivered'; id: number }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'retry'; id: number; delayMs: number; error: string }
  | { kind: 'waiting'; untilMs: number }
  | { kind: 'idle' };

export interface OutboxSender {
  /** Resets entries left `sending` by a crash to `pending` and starts delivering. */
  start(): void;
  /** Stops scheduling; resolves once the attempt in flight (if any) has been recorded. */
  stop(): Promise<void>;
  /** New work was queued: look now (back-off after a failure is still honoured). */
  wake(): void;
  backlog(): Backlog & { running: boolean };
  /** Resolves when no attempt is in flight (the loop waits on a timer, or is stopped). */
  settled(): Promise<void>;
  /** One attempt; for tests and tools, not while started. */
  step(): Promise<StepOutcome>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Delivers the outbox to the central system: one entry at a time in id order (so per dossier, and overall, in
 * the order queued), each under its idempotency key. No transaction is held across a network call: an entry is
 * marked `sending` in one short transaction and its outcome recorded in another. A crash between the two leaves
 * it `sending`; start() turns it back to `pending` and it is resent under the same key, which the central side
 * deduplicates.
 */
export function createOutboxSender(opts: OutboxSenderOptions): OutboxSender {
  const { db, central, clock } = opts;
  const idlePollMs = opts.idlePollMs ?? 30_000;
  const q = {
    head: db.prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1`),
    blockedBy: db.prepare<[string, number], { id: number }>(
      `SELECT id FROM outbox WHERE aggregate_code = ? AND id < ? AND state = 'failed_permanent' ORDER BY id LIMIT 1`,
    ),
    claim: db.prepare(`UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'pending'`),
    delivered: db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = ?, result = ?, last_error = NULL WHERE id = ?`),
    failed: db.prepare(`UPDATE outbox SET state = 'failed_permanent', last_error = ? WHERE id = ?`),
    retry: db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`),
    recover: db.prepare(`UPDATE outbox SET state = 'pending' WHERE state = 'sending'`),
  };

  let running = false;
  let timer: unknown;
  let inflight: Promise<void> | undefined;
  let pausedUntil = 0;
  let woken = false;
  /** A failed bookkeeping write (e.g. disk full) may have left an entry `sending` while we run. */
  let needsRecovery = true;

  const emit = (c: OutboxChange) => {
    try {
      opts.onChange?.(c);
    } catch (err) {
      // A broken listener must not stop delivery; it is told nothing more about this change.
      void err;
    }
  };

  function claimNext(): OutboxRow | StepOutcome {
    return db.transaction((): OutboxRow | StepOutcome => {
      if (needsRecovery) {
        q.recover.run();
        needsRecovery = false;
      }
      for (;;) {
        const row = q.head.get();
        if (!row) return { kind: 'idle' };
        const blocker = q.blockedBy.get(row.aggregate_code, row.id);
        if (blocker) {
          const error = `not sent: entry #${blocker.id} of the same dossier failed permanently`;
          q.failed.run(error, row.id);
          emit({ id: row.id, kind: row.kind, aggregateCode: row.aggregate_code, state: 'failed_permanent', attempts: row.attempts, error });
          continue;
        }
        const due = Date.parse(row.next_attempt_at);
        if (due > clock.now()) return { kind: 'waiting', untilMs: due };
        q.claim.run(row.id);
        return { ...row, state: 'sending', attempts: row.attempts + 1 };
      }
    })();
  }

  async function deliver(row: OutboxRow): Promise<unknown> {
    const payload: unknown = JSON.parse(row.payload);
    if (row.kind === 'submit_dossier') {
      const r = await central.submitDossier(payload as DossierSubmissionInput, row.idempotency_key);
      return { centralId: r.centralId, status: r.status, acceptedAt: r.acceptedAt, replayed: r.replayed };
    }
    const ref = payload as AttachmentRef;
    if (!opts.attachments) throw new Error('this sender has no attachment source configured');
    const bytes = await opts.attachments.read(row.aggregate_code, ref.name);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== ref.size || sha !== ref.sha256) {
      throw new PermanentCentralError('rejected', `attachment "${ref.name}" changed after it was queued (size or sha256 differ)`);
    }
    const p = await central.uploadAttachment(row.aggregate_code, ref.name, bytes);
    return { size: p.size, sha256: p.sha256 };
  }

  async function step(): Promise<StepOutcome> {
    const now = clock.now();
    if (now < pausedUntil) return { kind: 'waiting', untilMs: pausedUntil };
    let claimed: OutboxRow | StepOutcome;
    try {
      claimed = claimNext();
    } catch (err) {
      needsRecovery = true;
      return pause(undefined, 1, err);
    }
    if (!('idempotency_key' in claimed)) return claimed;
    const row = claimed;
    emit({ id: row.id, kind: row.kind, aggregateCode: row.aggregate_code, state: 'sending', attempts: row.attempts });

    let result: unknown;
    let failure: unknown;
    try {
      result = await deliver(row);
    } catch (err) {
      failure = err;
    }

    const at = clock.now();
    try {
      if (failure === undefined) {
        q.delivered.run(iso(at), JSON.stringify(result ?? null), row.id);
        emit({ id: row.id, kind: row.kind, aggregateCode: row.aggregate_code, state: 'delivered', attempts: row.attempts });
        return { kind: 'delivered', id: row.id };
      }
      if (failure instanceof CentralError && !failure.retryable) {
        const error = describe(failure);
        q.failed.run(error, row.id);
        emit({ id: row.id, kind: row.kind, aggregateCode: row.aggregate_code, state: 'failed_permanent', attempts: row.attempts, error });
        return { kind: 'failed', id: row.id, error };
      }
    } catch (err) {
      // The outcome could not be written (disk full?). The entry stays `sending` and is resent later under the
      // same key; the central side deduplicates.
      needsRecovery = true;
      return pause(row, row.attempts, err);
    }
    return pause(row, row.attempts, failure);
  }

  /** Retryable failure: back off the whole queue (the central system or our disk is unwell, not this entry). */
  function pause(row: OutboxRow | undefined, attempts: number, err: unknown): StepOutcome {
    const retryAfter = err instanceof RetryableCentralError ? err.retryAfterMs : undefined;
    const delayMs = retryDelayMs(opts.backoff, attempts, opts.random, retryAfter);
    const now = clock.now();
    pausedUntil = now + delayMs;
    const error = describe(err);
    if (row) {
      try {
        q.retry.run(iso(pausedUntil), error, row.id);
      } catch (writeErr) {
        needsRecovery = true;
        void writeErr; // Already in trouble writing; the in-memory pause still holds the queue back.
      }
      emit({ id: row.id, kind: row.kind, aggregateCode: row.aggregate_code, state: 'pending', attempts, error, nextAttemptAt: iso(pausedUntil) });
    }
    return { kind: 'retry', id: row?.id ?? 0, delayMs, error };
  }

  function schedule(ms: number) {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(tick, Math.max(0, ms));
  }

  function tick() {
    timer = undefined;
    if (!running || inflight) return;
    inflight = (async () => {
      while (running) {
        const r = await step();
        if (!running) return;
        if (r.kind === 'delivered' || r.kind === 'failed') continue;
        if (r.kind === 'idle' && woken) {
          woken = false;
          continue;
        }
        if (r.kind === 'idle') schedule(idlePollMs);
        else if (r.kind === 'retry') schedule(r.delayMs);
        else schedule(r.untilMs - clock.now());
        return;
      }
    })().finally(() => {
      inflight = undefined;
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      needsRecovery = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      await inflight;
    },
    wake() {
      if (!running) return;
      if (inflight) {
        woken = true;
        return;
      }
      if (clock.now() >= pausedUntil) schedule(0);
    },
    backlog() {
      const b = readBacklog(db);
      // A pause after a failed bookkeeping write lives only in memory.
      if (b.nextAttemptAt !== null && pausedUntil > Date.parse(b.nextAttemptAt)) b.nextAttemptAt = iso(pausedUntil);
      return { ...b, running };
    },
    settled: () => inflight ?? Promise.resolve(),
    step() {
      if (running) return Promise.reject(new Error('step() is for a stopped sender; this one is running'));
      return step();
    },
  };
}
