import type { AttachmentProgress, DossierStatus, DossierSubmissionInput, SubmitResult } from '../../central/contract.ts';

/**
 * The kiosk's view of the province's central dossier system. One real implementation (HttpCentralSystem);
 * tests run it against the reference server in main/central/.
 */
export interface CentralSystem {
  /** Idempotent per key: resending with the same key and body returns the original result (`replayed: true`). */
  submitDossier(payload: DossierSubmissionInput, idempotencyKey: string): Promise<SubmitResult & { replayed: boolean }>;
  getStatus(code: string): Promise<DossierStatus>;
  /** Resumes from what the server has already committed; returns once the server has verified the sha256. */
  uploadAttachment(code: string, name: string, bytes: Uint8Array): Promise<AttachmentProgress>;
}

export type RetryableKind = 'network' | 'timeout' | 'server' | 'rate_limited' | 'bad_response' | 'auth';
export type PermanentKind = 'rejected' | 'not_found' | 'conflict';

/** Base of every failure the adapter reports. Messages carry no personal data (codes and statuses only). */
export abstract class CentralError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Worth trying again later with the same idempotency key: the central side may or may not have the request. */
export class RetryableCentralError extends CentralError {
  readonly retryable = true;
  constructor(
    readonly kind: RetryableKind,
    message: string,
    status?: number,
    /** From Retry-After, when the server said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message, status);
    this.name = 'RetryableCentralError';
  }
}

/** The central system refused this request as it is; sending it again will not help. */
export class PermanentCentralError extends CentralError {
  readonly retryable = false;
  constructor(
    readonly kind: PermanentKind,
    message: string,
    status?: number,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message, status);
    this.name = 'PermanentCentralError';
  }
}
