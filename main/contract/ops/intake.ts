import { z } from 'zod';
import { everyone, op, staff } from './define.ts';

// Taking in a dossier: what the citizen hands in, what the kiosk answers, and the status look-up.

const phone = z.string().trim().regex(/^(\+84|0)\d{9,10}$/, 'phone: a Vietnamese number, 0xxxxxxxxx or +84xxxxxxxxx');
export const DossierCodeText = z.string().trim().regex(/^[A-Za-z0-9.]{3,40}-\d{6}-\d{4,7}$/, 'dossier code: <unit>-YYMMDD-NNNN');

export const DossierInput = z.strictObject({
  procedureId: z.string().trim().min(1).max(64),
  applicant: z.strictObject({
    fullName: z.string().trim().min(1).max(200),
    idNumber: z.string().regex(/^\d{12}$/, 'idNumber: the 12-digit personal ID number'),
    dateOfBirth: z.iso.date().optional(),
    address: z.string().trim().min(1).max(500),
    phone,
    email: z.email().optional(),
  }),
  documents: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(300),
        /** scanned here, original shown at the counter, or missing */
        status: z.enum(['scanned', 'original_at_counter', 'missing']),
        quantity: z.number().int().min(1).max(99).default(1),
      }),
    )
    .max(50),
  delivery: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('counter') }),
    z.strictObject({ method: z.literal('post'), address: z.string().trim().min(1).max(500) }),
  ]),
  ocrFields: z.record(z.string().min(1).max(64), z.string().max(2000)).optional(),
  /** Pages scanned at the kiosk for this dossier (from the scan session). */
  scanSessionId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/).optional(),
});
export type DossierInput = z.input<typeof DossierInput>;

/** 'at_counter': the published fee is not a single amount; staff assess and collect it at the counter. */
export const PaymentState = z.enum(['unpaid', 'paid', 'exempt', 'at_counter']);

export const DossierReceipt = z.object({
  dossierCode: z.string(),
  procedureName: z.string(),
  receivedAt: z.string(),
  appointmentAt: z.string(),
  /** YYYY-MM-DD in Vietnam. */
  appointmentDate: z.string(),
  fee: z.object({ amount: z.number().int(), state: PaymentState, vietQr: z.string().nullable() }),
  receiptUrl: z.string(),
  printed: z.enum(['done', 'failed', 'printing']),
});
export type DossierReceipt = z.infer<typeof DossierReceipt>;

export const DossierStatusView = z.object({
  dossierCode: z.string(),
  procedureName: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  status: z.string(),
  statusVi: z.string(),
  paymentState: z.string().nullable(),
  /** Where the answer comes from: the central system now, or the kiosk's copy (offline). */
  source: z.enum(['central', 'local']),
  asOf: z.string(),
});
export type DossierStatusView = z.infer<typeof DossierStatusView>;

export const SyncBacklog = z.object({
  configured: z.boolean(),
  running: z.boolean(),
  pending: z.number().int(),
  failedPermanent: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastDeliveredAt: z.string().nullable(),
});

export const intakeOps = {
  submitDossier: op({
    input: DossierInput,
    output: DossierReceipt,
    roles: everyone,
    http: { method: 'POST', path: '/api/dossiers' },
    mutates: true,
  }),
  dossierStatus: op({
    input: z.object({ code: DossierCodeText }),
    output: DossierStatusView,
    roles: everyone,
    http: { method: 'GET', path: '/api/dossiers/:code' },
    mutates: false,
  }),
  markDossierPaid: op({
    input: z.strictObject({ code: DossierCodeText }),
    output: DossierStatusView,
    roles: staff,
    http: { method: 'POST', path: '/api/dossiers/:code/paid' },
    mutates: true,
  }),
  syncBacklog: op({
    input: z.object({}),
    output: SyncBacklog,
    roles: ['counter', 'supervisor', 'technician'],
    http: { method: 'GET', path: '/api/sync/backlog' },
    mutates: false,
  }),
} as const;
