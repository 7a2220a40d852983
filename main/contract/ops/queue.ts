import { z } from 'zod';
import { Catalog, Counter, KioskInfo, PriorityBasis, QueueSnapshot, Role, Session, Ticket } from '../schemas.ts';
import { everyone, op, staff } from './define.ts';

// The hall: catalog, tickets, counters.

const id = z.string().trim().min(1).max(64);
const ticketId = z.coerce.number().int().positive();

export const queueOps = {
  kioskInfo: op({
    input: z.object({}),
    output: KioskInfo,
    roles: everyone,
    http: { method: 'GET', path: '/api/kiosk' },
    mutates: false,
  }),
  getCatalog: op({
    input: z.object({}),
    output: Catalog,
    roles: everyone,
    http: { method: 'GET', path: '/api/catalog' },
    mutates: false,
  }),
  listServices: op({
    input: z.object({}),
    output: z.array(Catalog.shape.services.element),
    roles: everyone,
    http: { method: 'GET', path: '/api/services' },
    mutates: false,
  }),
  issueTicket: op({
    input: z.strictObject({
      serviceId: id,
      priority: id.optional(),
      /** Shown to staff when they check the claim; 'declared' when omitted. */
      priorityBasis: PriorityBasis.exclude(['staff']).optional(),
      /** A salted hash of the holder's ID is stored, never the number itself (one ticket per person rule). */
      holderId: z.string().regex(/^\d{12}$/, 'holderId must be the 12-digit personal ID number').optional(),
    }),
    output: Ticket,
    roles: everyone,
    http: { method: 'POST', path: '/api/tickets' },
    mutates: true,
  }),
  ticketStatus: op({
    input: z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'not a ticket link') }),
    output: Ticket,
    roles: everyone,
    http: { method: 'GET', path: '/api/tickets/:publicId' },
    mutates: false,
  }),
  reprintTicket: op({
    input: z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'not a ticket link') }),
    output: Ticket,
    roles: everyone,
    http: { method: 'POST', path: '/api/tickets/:publicId/reprint' },
    mutates: true,
  }),
  queueSnapshot: op({
    input: z.object({}),
    output: QueueSnapshot,
    roles: everyone,
    http: { method: 'GET', path: '/api/queue' },
    mutates: false,
  }),
  login: op({
    input: z.strictObject({
      role: Role.exclude(['citizen']),
      pin: z.string().min(4).max(64),
      /** A named staff account (config auth.users); without it the role's shared PIN applies. */
      userId: z.string().regex(/^[a-z0-9._-]{2,32}$/, 'userId: 2-32 of a-z 0-9 . _ -').optional(),
    }),
    output: Session,
    roles: everyone,
    http: { method: 'POST', path: '/api/login' },
    mutates: false,
  }),
  openCounter: op({
    input: z.strictObject({ counterId: id, serviceIds: z.array(id).min(1).optional() }),
    output: Counter,
    roles: staff,
    http: { method: 'POST', path: '/api/counters/:counterId/open' },
    mutates: true,
  }),
  closeCounter: op({
    input: z.strictObject({ counterId: id }),
    output: Counter,
    roles: staff,
    http: { method: 'POST', path: '/api/counters/:counterId/close' },
    mutates: true,
  }),
  callNext: op({
    input: z.strictObject({ counterId: id }),
    output: Ticket.nullable(),
    roles: staff,
    http: { method: 'POST', path: '/api/counters/:counterId/call-next' },
    mutates: true,
  }),
  recallTicket: op({
    input: z.strictObject({ ticketId, counterId: id }),
    output: Ticket,
    roles: staff,
    http: { method: 'POST', path: '/api/tickets/:ticketId/recall' },
    mutates: true,
  }),
  markServed: op({
    input: z.strictObject({ ticketId }),
    output: Ticket,
    roles: staff,
    http: { method: 'POST', path: '/api/tickets/:ticketId/served' },
    mutates: true,
  }),
  skipTicket: op({
    input: z.strictObject({ ticketId }),
    output: Ticket,
    roles: staff,
    http: { method: 'POST', path: '/api/tickets/:ticketId/skip' },
    mutates: true,
  }),
  checkPriority: op({
    input: z.strictObject({ ticketId, decision: z.enum(['confirm', 'reject']) }),
    output: Ticket,
    roles: staff,
    http: { method: 'POST', path: '/api/tickets/:ticketId/priority-check' },
    mutates: true,
  }),
  transferTicket: op({
    input: z
      .strictObject({ ticketId, serviceId: id.optional(), counterId: id.optional() })
      .refine((v) => v.serviceId !== undefined || v.counterId !== undefined, {
        message: 'give serviceId, counterId or both',
      }),
    output: Ticket,
    roles: staff,
    http: { method: 'POST', path: '/api/tickets/:ticketId/transfer' },
    mutates: true,
  }),
};
