import type { Database } from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  type AttachmentProgress,
  type DossierStatus,
  type DossierStatusName,
  type DossierSubmission,
  type PaymentState,
  type SubmitResult,
} from './contract.ts';

export type SubmitOutcome =
  | { kind: 'created'; result: SubmitResult }
  | { kind: 'replayed'; result: SubmitResult }
  | { kind: 'key_reused' }
  | { kind: 'dossier_exists' };

export type ChunkOutcome =
  | { kind: 'no_dossier' }
  | { kind: 'mismatch'; message: string; committed: number }
  | { kind: 'range'; committed: number }
  | { kind: 'partial'; progress: AttachmentProgress }
  | { kind: 'complete'; progress: AttachmentProgress; already: boolean }
  | { kind: 'sha256_mismatch'; expected: string; actual: string };

export interface StoredDossier {
  id: number;
  centralId: string;
  code: string;
  clientId: string;
  body: DossierSubmission;
  status: DossierStatusName;
  paymentState: PaymentState;
  acceptedAt: string;
}

interface DossierRow {
  id: number;
  central_id: string;
  code: string;
  client_id: string;
  body: string;
  status: DossierStatusName;
  payment_state: PaymentState;
  accepted_at: string;
  updated_at: string;
}

interface AttachmentRow {
  dossier_id: number;
  name: string;
  size: number;
  sha256: string;
  committed: number;
  complete: number;
}

/** All storage of the reference central server. Every write that must be atomic is one transaction here. */
export function createCentralStore(db: Database, now: () => number) {
  const iso = () => new Date(now()).toISOString();
  const q = {
    keyByClient: db.prepare<[string, string], { request_hash: string; response: string }>(
      'SELECT request_hash, response FROM idempotency_keys WHERE client_id = ? AND key = ?',
    ),
    dossierByCode: db.prepare<[string], DossierRow>('SELECT * FROM dossiers WHERE code = ?'),
    insertDossier: db.prepare(
      `INSERT INTO dossiers (central_id, code, client_id, procedure_code, body, status, payment_state, accepted_at, updated_at)
       VALUES (@centralId, @code, @clientId, @procedureCode, @body, 'received', @paymentState, @at, @at)`,
    ),
    insertKey: db.prepare(
      'INSERT INTO idempotency_keys (client_id, key, request_hash, dossier_id, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    attachment: db.prepare<[number, string], AttachmentRow>('SELECT * FROM attachments WHERE dossier_id = ? AND name = ?'),
    attachmentsOf: db.prepare<[number], AttachmentRow>('SELECT * FROM attachments WHERE dossier_id = ? ORDER BY name'),
    insertAttachment: db.prepare(
      'INSERT INTO attachments (dossier_id, name, size, sha256, committed, complete, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?)',
    ),
    insertChunk: db.prepare('INSERT INTO attachment_chunks (dossier_id, name, offset, data) VALUES (?, ?, ?, ?)'),
    advance: db.prepare('UPDATE attachments SET committed = ?, complete = ?, updated_at = ? WHERE dossier_id = ? AND name = ?'),
    chunks: db.prepare<[number, string], { data: Buffer }>(
      'SELECT data FROM attachment_chunks WHERE dossier_id = ? AND name = ? ORDER BY offset',
    ),
    dropChunks: db.prepare('DELETE FROM attachment_chunks WHERE dossier_id = ? AND name = ?'),
    all: db.prepare<[], DossierRow>('SELECT * FROM dossiers ORDER BY id'),
    setStatus: db.prepare('UPDATE dossiers SET status = ?, payment_state = ?, updated_at = ? WHERE code = ?'),
  };

  const toProgress = (a: AttachmentRow): AttachmentProgress => ({
    name: a.name,
    size: a.size,
    committed: a.committed,
    sha256: a.sha256,
    complete: a.complete === 1,
  });

  /** Dedup by (client, Idempotency-Key) in the same transaction as the insert: a resend can never make a second dossier. */
  const submit = db.transaction((clientId: string, key: string, dossier: DossierSubmission): SubmitOutcome => {
    const body = canonicalJson(dossier);
    const hash = createHash('sha256').update(body).digest('hex');
    const seen = q.keyByClient.get(clientId, key);
    if (seen) {
      if (seen.request_hash !== hash) return { kind: 'key_reused' };
      return { kind: 'replayed', result: JSON.parse(seen.response) as SubmitResult };
    }
    if (q.dossierByCode.get(dossier.code)) return { kind: 'dossier_exists' };
    const at = iso();
    const centralId = randomUUID();
    const info = q.insertDossier.run({
      centralId,
      code: dossier.code,
      clientId,
      procedureCode: dossier.procedureCode,
      body,
      paymentState: dossier.fee.paymentState,
      at,
    });
    const result: SubmitResult = { centralId, code: dossier.code, status: 'received', acceptedAt: at };
    q.insertKey.run(clientId, key, hash, Number(info.lastInsertRowid), JSON.stringify(result), at);
    return { kind: 'created', result };
  });

  function status(code: string): DossierStatus | undefined {
    const d = q.dossierByCode.get(code);
    if (!d) return undefined;
    return {
      centralId: d.central_id,
      code: d.code,
      status: d.status,
      paymentState: d.payment_state,
      acceptedAt: d.accepted_at,
      updatedAt: d.updated_at,
      attachments: q.attachmentsOf.all(d.id).map(toProgress),
    };
  }

  function progress(code: string, name: string): AttachmentProgress | 'no_dossier' | 'no_upload' {
    const d = q.dossierByCode.get(code);
    if (!d) return 'no_dossier';
    const a = q.attachment.get(d.id, name);
    return a ? toProgress(a) : 'no_upload';
  }

  /** Appends one chunk; the commit of the bytes and of the new committed length is one transaction. */
  const putChunk = db.transaction(
    (code: string, name: string, range: { start: number; end: number; total: number }, sha256: string, data: Buffer): ChunkOutcome => {
      const d = q.dossierByCode.get(code);
      if (!d) return { kind: 'no_dossier' };
      let a = q.attachment.get(d.id, name);
      if (a && (a.size !== range.total || a.sha256 !== sha256)) {
        return {
          kind: 'mismatch',
          committed: a.committed,
          message: `upload of "${name}" was started with size ${a.size} and sha256 ${a.sha256}; this chunk says size ${range.total} and sha256 ${sha256}`,
        };
      }
      if (a?.complete === 1) return { kind: 'complete', progress: toProgress(a), already: true };
      if (!a) {
        if (range.start !== 0) return { kind: 'range', committed: 0 };
        const at = iso();
        q.insertAttachment.run(d.id, name, range.total, sha256, at, at);
        a = q.attachment.get(d.id, name)!;
      }
      if (range.start !== a.committed) return { kind: 'range', committed: a.committed };
      q.insertChunk.run(d.id, name, range.start, data);
      const committed = range.end + 1;
      if (committed < a.size) {
        q.advance.run(committed, 0, iso(), d.id, name);
        return { kind: 'partial', progress: { ...toProgress(a), committed } };
      }
      const h = createHash('sha256');
      for (const c of q.chunks.iterate(d.id, name)) h.update(c.data);
      const actual = h.digest('hex');
      if (actual !== a.sha256) {
        // Start over: the assembled bytes are not what the sender has, and we cannot tell which chunk was bad.
        q.dropChunks.run(d.id, name);
        q.advance.run(0, 0, iso(), d.id, name);
        return { kind: 'sha256_mismatch', expected: a.sha256, actual };
      }
      q.advance.run(committed, 1, iso(), d.id, name);
      return { kind: 'complete', progress: { ...toProgress(a), committed, complete: true }, already: false };
    },
  );

  /** The assembled bytes (complete or not), for tests and the demo. */
  function attachmentBytes(code: string, name: string): Buffer | undefined {
    const d = q.dossierByCode.get(code);
    if (!d || !q.attachment.get(d.id, name)) return undefined;
    return Buffer.concat(q.chunks.all(d.id, name).map((c) => c.data));
  }

  function listDossiers(): StoredDossier[] {
    return q.all.all().map((r) => ({
      id: r.id,
      centralId: r.central_id,
      code: r.code,
      clientId: r.client_id,
      body: JSON.parse(r.body) as DossierSubmission,
      status: r.status,
      paymentState: r.payment_state,
      acceptedAt: r.accepted_at,
    }));
  }

  /** For demos and tests: what the back office would do as the dossier is processed. */
  function setStatus(code: string, next: DossierStatusName, paymentState?: PaymentState): boolean {
    const d = q.dossierByCode.get(code);
    if (!d) return false;
    q.setStatus.run(next, paymentState ?? d.payment_state, iso(), code);
    return true;
  }

  return { submit, status, progress, putChunk, attachmentBytes, listDossiers, setStatus };
}

export type CentralStore = ReturnType<typeof createCentralStore>;
