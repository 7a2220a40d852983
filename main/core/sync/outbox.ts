import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { AttachmentName, DossierSubmission, describeIssues, type DossierSubmissionInput } from '../../central/contract.ts';

export const AttachmentRef = z.strictObject({
  name: AttachmentName,
  size: z.int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export type OutboxEntry =
  | { kind: 'submit_dossier'; aggregateCode: string; payload: DossierSubmissionInput; idempotencyKey?: string }
  /** The bytes stay where the lead keeps them; the sender reads them through its `attachments` option. */
  | { kind: 'upload_attachment'; aggregateCode: string; payload: AttachmentRef; idempotencyKey?: string };

export type OutboxState = 'pending' | 'sending' | 'delivered' | 'failed_permanent';

export interface OutboxRow {
  id: number;
  kind: OutboxEntry['kind'];
  aggregate_code: string;
  idempotency_key: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  result: string | null;
}

export type OutboxErrorCode = 'disk_full' | 'invalid' | 'duplicate' | 'storage';

/** Why an entry could not be queued. The caller's transaction (dossier + entry) rolls back as a whole. */
export class OutboxError extends Error {
  constructor(
    readonly code: OutboxErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

/** Deterministic keys: queuing the same dossier twice fails on UNIQUE instead of sending it twice. */
export function defaultIdempotencyKey(entry: OutboxEntry): string {
  return entry.kind === 'submit_dossier'
    ? `submit_dossier:${entry.aggregateCode}`
    : `upload_attachment:${entry.aggregateCode}:${entry.payload.name}`;
}

function validPayload(entry: OutboxEntry): string {
  const parsed = entry.kind === 'submit_dossier' ? DossierSubmission.safeParse(entry.payload) : AttachmentRef.safeParse(entry.payload);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new OutboxError('invalid', `${entry.kind} for ${entry.aggregateCode} does not match the central contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  if (entry.kind === 'submit_dossier' && (parsed.data as DossierSubmission).code !== entry.aggregateCode) {
    throw new OutboxError('invalid', `aggregateCode ${entry.aggregateCode} differs from the dossier's code`);
  }
  return JSON.stringify(parsed.data);
}

/**
 * Queues one entry for the central system. Call it inside the transaction that writes the dossier, so both
 * exist or neither does. Synchronous (better-sqlite3); throws OutboxError, never a raw SQLite error.
 */
export function enqueue(db: Database, entry: OutboxEntry, opts: { now?: number } = {}): { id: number; idempotencyKey: string } {
  const payload = validPayload(entry);
  const key = entry.idempotencyKey ?? defaultIdempotencyKey(entry);
  if (!/^[A-Za-z0-9:._-]{8,128}$/.test(key)) throw new OutboxError('invalid', 'idempotency key: 8-128 characters of A-Z a-z 0-9 : . _ -');
  const at = new Date(opts.now ?? Date.now()).toISOString();
  try {
    const info = db
      .prepare(
        `INSERT INTO outbox (kind, aggregate_code, idempotency_key, payload, state, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
      )
      .run(entry.kind, entry.aggregateCode, key, payload, at, at);
    return { id: Number(info.lastInsertRowid), idempotencyKey: key };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_FULL') {
      throw new OutboxError('disk_full', 'The kiosk storage is full: this dossier was not saved. Everything queued before it is safe. Free disk space, then try again.');
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      throw new OutboxError('duplicate', `${entry.kind} for ${entry.aggregateCode} is already queued (idempotency key ${key})`);
    }
    throw new OutboxError('storage', `could not queue ${entry.kind} for ${entry.aggregateCode}: ${(err as Error).message}`);
  }
}

export interface Backlog {
  /** Waiting to be delivered (includes the one being sent). */
  pending: number;
  failedPermanent: number;
  oldestPendingAt: string | null;
  /** Why the head of the queue is stuck, or else the newest permanent failure. */
  lastError: string | null;
  lastDeliveredAt: string | null;
  nextAttemptAt: string | null;
}

/** What staff and technicians see; readable without a running sender. Each query walks an index. */
export function readBacklog(db: Database): Backlog {
  const one = <T>(sql: string): T | undefined => db.prepare<[], T>(sql).get();
  const pending = one<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending')`)!.n;
  const failed = one<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'failed_permanent'`)!.n;
  // Delivery is FIFO, so the head decides when the next attempt happens and why the queue is stuck.
  const head = one<{ created_at: string; last_error: string | null; next_attempt_at: string }>(
    `SELECT created_at, last_error, next_attempt_at FROM outbox WHERE state IN ('pending', 'sending') ORDER BY id LIMIT 1`,
  );
  const lastFailed = one<{ last_error: string | null }>(`SELECT last_error FROM outbox WHERE state = 'failed_permanent' ORDER BY id DESC LIMIT 1`);
  const delivered = one<{ at: string | null }>(`SELECT MAX(delivered_at) AS at FROM outbox WHERE state = 'delivered'`);
  return {
    pending,
    failedPermanent: failed,
    oldestPendingAt: head?.created_at ?? null,
    lastError: head?.last_error ?? lastFailed?.last_error ?? null,
    lastDeliveredAt: delivered?.at ?? null,
    nextAttemptAt: head?.next_attempt_at ?? null,
  };
}

export interface AuditRecord {
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  /** JSON; codes and dates only, no personal data. */
  detail: string;
}

export interface PurgeOptions {
  retainDays: number;
  now: number;
  /** Deletes the kiosk's copy of the dossier. Runs inside the purge transaction; must be synchronous. */
  purgeDossier(code: string): void;
  /** Appends to the audit log, inside the same transaction. */
  audit(record: AuditRecord): void;
}

export interface PurgeReport {
  purged: string[];
  failed: { code: string; error: string }[];
}

/**
 * Retention: once every outbox entry of a dossier has been confirmed by the central system and the newest
 * confirmation is older than retainDays, the kiosk drops its copy (via purgeDossier), the outbox rows (they
 * hold the applicant's data too) and writes an audit record — all in one transaction per dossier.
 */
export function purgeDelivered(db: Database, opts: PurgeOptions): PurgeReport {
  if (!(opts.retainDays >= 0)) throw new RangeError('retainDays must be 0 or more');
  const cutoff = new Date(opts.now - opts.retainDays * 86_400_000).toISOString();
  const due = db
    .prepare<[string], { code: string; last: string; centralId: string | null }>(
      `SELECT aggregate_code AS code, MAX(delivered_at) AS last,
              MAX(CASE WHEN kind = 'submit_dossier' THEN json_extract(result, '$.centralId') END) AS centralId
       FROM outbox GROUP BY aggregate_code
       HAVING SUM(state != 'delivered') = 0 AND MAX(delivered_at) < ?
       ORDER BY MIN(id)`,
    )
    .all(cutoff);
  const drop = db.prepare('DELETE FROM outbox WHERE aggregate_code = ?');
  const at = new Date(opts.now).toISOString();
  const report: PurgeReport = { purged: [], failed: [] };
  for (const d of due) {
    try {
      db.transaction(() => {
        opts.purgeDossier(d.code);
        drop.run(d.code);
        opts.audit({
          at,
          actor: 'system',
          role: 'system',
          action: 'sync.retention_purge',
          target: d.code,
          detail: JSON.stringify({ deliveredAt: d.last, centralId: d.centralId, retainDays: opts.retainDays }),
        });
      })();
      report.purged.push(d.code);
    } catch (err) {
      // This dossier stays whole (the transaction rolled back); the others still go.
      report.failed.push({ code: d.code, error: (err as Error).message });
    }
  }
  return report;
}
