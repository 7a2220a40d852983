import { z } from 'zod';
import { Identity, QueueSnapshot } from './schemas.ts';
import { Announcement } from './ops/display.ts';
import { Notice } from './ops/supervisor.ts';
import { ScanSessionView } from './ops/scan.ts';

// What the core pushes to every screen (WebSocket for browsers, webContents.send for the Electron kiosk).
export const CoreEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue'), snapshot: QueueSnapshot }),
  z.object({
    type: z.literal('called'),
    number: z.string(),
    counterId: z.string(),
    counterName: z.string(),
    recall: z.boolean(),
  }),
  z.object({
    type: z.literal('device'),
    deviceId: z.string(),
    role: z.string(),
    state: z.string(),
    problems: z.array(z.string()),
    message: z.string().optional(),
  }),
  z.object({
    type: z.literal('print'),
    kind: z.enum(['ticket', 'receipt']),
    /** The ticket's publicId or the dossier's code. */
    ref: z.string(),
    state: z.enum(['printing', 'done', 'failed']),
    error: z.string().optional(),
  }),
  z.object({
    type: z.literal('sync'),
    pending: z.number().int(),
    failedPermanent: z.number().int(),
    oldestPendingAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  z.object({ type: z.literal('notice'), text: z.string() }),
  /** A card or code read by a kiosk scanner; sent to the kiosk window only (audience 'kiosk'). */
  z.object({
    type: z.literal('scan'),
    deviceId: z.string(),
    role: z.enum(['qr-scanner', 'mrz-reader']),
    identity: Identity.nullable(),
    /** The raw text when it is not an identity (e.g. a dossier receipt's QR); never logged. */
    text: z.string().nullable(),
    error: z.object({ field: z.string(), message: z.string(), messageVi: z.string() }).nullable(),
  }),
  /**
   * What a scanner or reader sent, for the technician's live monitor (audience 'technician' only). Masked
   * (letters and digits replaced by their shape) unless the technician turned raw view on for a while.
   */
  z.object({
    type: z.literal('monitor'),
    deviceId: z.string(),
    role: z.string(),
    at: z.string(),
    masked: z.boolean(),
    /** The frame as text; control characters written as \r, \n, \xNN. */
    text: z.string(),
    /** The frame's bytes in hex; in masked view a letter's or digit's bytes read "••". */
    hex: z.string(),
    bytes: z.number().int(),
    outcome: z.enum(['identity', 'text', 'rejected']),
    /** Why an identity read was rejected (no personal data: the field and the reason). */
    reason: z.string().nullable(),
  }),
  /** The hall's current notices (sent whenever one is added, ended or expires). */
  z.object({ type: z.literal('notices'), notices: z.array(Notice) }),
  /** A call-out for the hall display: the text, and the clip to play once it is rendered. */
  z.object({ type: z.literal('announce'), announcement: Announcement }),
  /** A kiosk scan session changed (page scanned, read, problem): audience 'kiosk' only (page text is personal data). */
  z.object({ type: z.literal('scanSession'), session: ScanSessionView }),
]);
export type CoreEvent = z.infer<typeof CoreEvent>;
