import { z } from 'zod';

/**
 * The wire contract with the province's central dossier system, shared by the reference server
 * (main/central/server.ts) and the kiosk's client (main/core/sync/http-central.ts).
 * docs/central-api.openapi.yaml describes the same shapes for integration partners.
 */

export const API_PREFIX = '/api/v1';

/** Dossier codes follow the agency-date-sequence shape, e.g. "000.00.12.H56-250101-0001". */
export const DossierCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'dossier code: 3-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit');
export type DossierCode = z.infer<typeof DossierCode>;

/** Attachment names become URL path segments; no slashes, no leading dot. */
export const AttachmentName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'attachment name: 1-128 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit');

const IsoDateTime = z.iso.datetime({ offset: true, message: 'ISO 8601 date-time with time zone, e.g. 2025-01-02T08:30:00+07:00' });
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256: 64 lowercase hex digits');

export const Applicant = z.strictObject({
  fullName: z.string().trim().min(1, 'full name is required').max(200),
  idType: z.enum(['cccd', 'cmnd', 'passport']),
  idNumber: z.string().regex(/^[0-9A-Z]{6,20}$/, 'id number: 6-20 digits or capital letters'),
  dateOfBirth: z.iso.date({ message: 'date of birth: YYYY-MM-DD' }).optional(),
  phone: z.string().regex(/^\+?[0-9]{8,15}$/, 'phone: 8-15 digits, optional leading +').optional(),
  email: z.email().optional(),
  address: z.string().max(500).optional(),
});

export const DocumentItem = z.strictObject({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(300),
  required: z.boolean(),
  provided: z.boolean(),
  originals: z.int().min(0).max(100).default(0),
  copies: z.int().min(0).max(100).default(0),
});

export const PaymentState = z.enum(['unpaid', 'paid', 'waived', 'refunded']);
export type PaymentState = z.infer<typeof PaymentState>;

export const Fee = z.strictObject({
  /** Whole đồng; VND has no minor unit. */
  amount: z.int().min(0).max(1_000_000_000),
  currency: z.literal('VND'),
  paymentState: PaymentState,
  method: z.enum(['cash', 'card', 'qr', 'transfer']).optional(),
  paidAt: IsoDateTime.optional(),
  receiptNumber: z.string().max(64).optional(),
});

export const Delivery = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('counter') }),
  z.strictObject({ method: z.literal('post'), address: z.string().min(1).max(500), phone: z.string().regex(/^\+?[0-9]{8,15}$/).optional() }),
  z.strictObject({ method: z.literal('online') }),
]);

export const DeclaredAttachment = z.strictObject({
  name: AttachmentName,
  size: z.int().min(0),
  sha256: Sha256Hex,
  mediaType: z.string().max(100).optional(),
});

export const DossierSubmission = z
  .strictObject({
    code: DossierCode,
    procedureCode: z.string().regex(/^[0-9A-Za-z.-]{1,32}$/, 'procedure code: 1-32 characters of 0-9 A-Z a-z . -'),
    applicant: Applicant,
    documents: z.array(DocumentItem).max(100),
    fee: Fee,
    receivedAt: IsoDateTime,
    appointmentAt: IsoDateTime.optional(),
    delivery: Delivery,
    /** Fields read by OCR from the citizen's papers, keyed by form field id; as confirmed by the citizen. */
    ocrFields: z.record(z.string().min(1).max(64), z.string().max(2000)).default({}),
    attachments: z.array(DeclaredAttachment).max(50).default([]),
    kioskId: z.string().max(64).optional(),
  })
  .refine((d) => d.appointmentAt === undefined || Date.parse(d.appointmentAt) >= Date.parse(d.receivedAt), {
    message: 'appointmentAt must not be before receivedAt',
    path: ['appointmentAt'],
  });
/** What the kiosk sends (input shape: defaults may be omitted). */
export type DossierSubmissionInput = z.input<typeof DossierSubmission>;
export type DossierSubmission = z.output<typeof DossierSubmission>;

export const DossierStatusName = z.enum(['received', 'processing', 'additional_info_required', 'done', 'returned', 'rejected']);
export type DossierStatusName = z.infer<typeof DossierStatusName>;

export const SubmitResult = z.object({
  centralId: z.string().min(1),
  code: DossierCode,
  status: DossierStatusName,
  acceptedAt: IsoDateTime,
});
export type SubmitResult = z.infer<typeof SubmitResult>;

export const AttachmentProgress = z.object({
  name: AttachmentName,
  size: z.int().min(0),
  committed: z.int().min(0),
  sha256: Sha256Hex,
  complete: z.boolean(),
});
export type AttachmentProgress = z.infer<typeof AttachmentProgress>;

export const DossierStatus = z.object({
  centralId: z.string().min(1),
  code: DossierCode,
  status: DossierStatusName,
  paymentState: PaymentState,
  acceptedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  attachments: z.array(AttachmentProgress),
});
export type DossierStatus = z.infer<typeof DossierStatus>;

export const TokenResponse = z.object({
  access_token: z.string().min(16),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.int().positive(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  committed: z.int().min(0).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Headers of the resumable upload protocol. */
export const Headers = {
  idempotencyKey: 'idempotency-key',
  /** On the chunk PUTs: sha256 (hex) of the whole attachment, checked when the last byte lands. */
  attachmentSha256: 'x-attachment-sha256',
  /** On HEAD: bytes committed so far, and the declared total. */
  committedLength: 'x-committed-length',
  totalLength: 'x-total-length',
  complete: 'x-upload-complete',
} as const;

export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9:._-]{8,128}$/, 'Idempotency-Key: 8-128 characters of A-Z a-z 0-9 : . _ -');

/** `Content-Range: bytes START-END/TOTAL` (END inclusive), as in RFC 9110 §14.4. */
export function parseContentRange(value: string | undefined): { start: number; end: number; total: number } | string {
  if (value === undefined) return 'Content-Range header is required, e.g. "bytes 0-1048575/5242880"';
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(value.trim());
  if (!m) return `Content-Range "${value.slice(0, 80)}" is not of the form "bytes START-END/TOTAL"`;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = Number(m[3]);
  if (end < start) return `Content-Range end ${end} is before start ${start}`;
  if (end >= total) return `Content-Range end ${end} must be below total ${total}`;
  return { start, end, total };
}

export function formatContentRange(start: number, endInclusive: number, total: number): string {
  return `bytes ${start}-${endInclusive}/${total}`;
}

/** Key-sorted JSON, so the same dossier always hashes the same whatever order its fields were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** zod issues as `path: message` pairs, for precise 4xx bodies. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}
