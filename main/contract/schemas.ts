import { z } from 'zod';

// Domain shapes shared by core, renderer and every transport. Types are inferred, never written twice.

export const Localized = z.object({ vi: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

export const Role = z.enum(['citizen', 'counter', 'supervisor', 'technician']);
export type Role = z.infer<typeof Role>;

export const DocumentItem = z.object({ name: z.string(), copies: z.string().nullable() });

export const Procedure = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  field: z.string(),
  agency: z.string().nullable(),
  processingDays: z.number().int().nullable(),
  processingText: z.string().nullable(),
  feeText: z.string().nullable(),
  documents: z.array(DocumentItem),
  result: z.string().nullable(),
  source: z.string().nullable(),
  serviceId: z.string(),
});
export type Procedure = z.infer<typeof Procedure>;

export const Service = z.object({
  id: z.string(),
  prefix: z.string(),
  name: Localized,
  procedureIds: z.array(z.string()),
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  open: z.boolean(),
});
export type Service = z.infer<typeof Service>;

export const PriorityReason = z.object({ id: z.string(), label: Localized });
export type PriorityReason = z.infer<typeof PriorityReason>;

export const TicketState = z.enum(['waiting', 'called', 'served', 'no_show']);
export type TicketState = z.infer<typeof TicketState>;

/** What a priority rests on: the citizen's word, the date of birth read from their card (60+), or a supervisor. */
export const PriorityBasis = z.enum(['declared', 'card-birth-date', 'staff']);
export type PriorityBasis = z.infer<typeof PriorityBasis>;

/** A priority claimed at the kiosk and its check by counter staff (rejected: the ticket queues as ordinary). */
export const PriorityCheck = z.object({
  claim: z.string(),
  basis: PriorityBasis,
  status: z.enum(['unchecked', 'confirmed', 'rejected']),
});
export type PriorityCheck = z.infer<typeof PriorityCheck>;

export const Ticket = z.object({
  id: z.number().int(),
  publicId: z.string(),
  number: z.string(),
  serviceId: z.string(),
  serviceName: Localized,
  /** The priority the queue orders by (null once staff rejected the claim). */
  priority: z.string().nullable(),
  priorityCheck: PriorityCheck.nullable(),
  state: TicketState,
  counterId: z.string().nullable(),
  targetCounterId: z.string().nullable(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  aheadCount: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  statusUrl: z.string(),
  printed: z.enum(['pending', 'printing', 'done', 'failed', 'none']),
});
export type Ticket = z.infer<typeof Ticket>;

export const Counter = z.object({
  id: z.string(),
  name: z.string(),
  open: z.boolean(),
  serviceIds: z.array(z.string()),
  current: Ticket.nullable(),
});
export type Counter = z.infer<typeof Counter>;

export const QueueSnapshot = z.object({
  day: z.string(),
  services: z.array(Service),
  counters: z.array(Counter),
  waiting: z.array(Ticket),
  /** Today's no-shows, newest first: staff can call them back. */
  noShows: z.array(Ticket),
  recentCalls: z.array(z.object({ number: z.string(), counterId: z.string(), counterName: z.string(), at: z.string() })),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const Catalog = z.object({
  services: z.array(Service),
  procedures: z.array(Procedure),
  priorities: z.array(PriorityReason),
  sources: z.array(z.string()),
});
export type Catalog = z.infer<typeof Catalog>;

export const Session = z.object({ token: z.string(), role: Role, expiresAt: z.string() });
export type Session = z.infer<typeof Session>;

export const KioskInfo = z.object({
  centerName: z.string(),
  homeTimeoutSeconds: z.number().int(),
  /** Seconds without a touch before the kiosk asks "still there?" and then wipes the citizen's data. */
  inactivitySeconds: z.number().int(),
  version: z.string(),
  printer: z.object({ state: z.string(), problems: z.array(z.string()) }).nullable(),
});
export type KioskInfo = z.infer<typeof KioskInfo>;

/** A citizen read from their card (CCCD QR or MRZ); mirrors drivers/identity/types.ts. Personal data. */
export const Identity = z.object({
  source: z.enum(['cccd-qr', 'mrz-td1', 'mrz-td3']),
  idNumber: z.string().nullable(),
  documentNumber: z.string(),
  oldIdNumber: z.string().nullable(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  issueDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  nationality: z.string(),
  address: z.string().nullable(),
});
export type Identity = z.infer<typeof Identity>;
