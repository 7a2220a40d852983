import { z } from 'zod';
import { everyone, op, staff } from './define.ts';
import { Notice, RatingLevel } from './supervisor.ts';

// The hall display (read-only, no login) and the citizen's satisfaction rating.

const publicId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'not a ticket link');

export const Announcement = z.object({
  id: z.string(),
  number: z.string(),
  counterId: z.string(),
  counterName: z.string(),
  text: z.object({ vi: z.string(), en: z.string() }),
  /** `/voice/<name>.wav`, or null when the voice could not be rendered (the call is still shown). */
  clipUrl: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  volume: z.number(),
});
export type Announcement = z.infer<typeof Announcement>;

export const DisplayState = z.object({
  centerName: z.string(),
  notices: z.array(Notice),
  voice: z.object({ enabled: z.boolean(), ok: z.boolean(), problem: z.string().nullable() }),
});
export type DisplayState = z.infer<typeof DisplayState>;

export const RatingTarget = z.object({
  ticketNumber: z.string(),
  publicId: z.string(),
  finishedAt: z.string(),
  rated: RatingLevel.nullable(),
});

export const displayOps = {
  displayState: op({
    input: z.object({}),
    output: DisplayState,
    roles: everyone,
    http: { method: 'GET', path: '/api/display' },
    mutates: false,
  }),
  /** A hall display says a clip finished, so the next call-out may start. */
  announcementPlayed: op({
    input: z.strictObject({ announcementId: z.string().uuid() }),
    output: z.object({ known: z.boolean() }),
    roles: everyone,
    http: { method: 'POST', path: '/api/display/announcements/:announcementId/played' },
    mutates: false,
  }),
  /** The counter's own rating screen asks which ticket it just served (staff: the publicId is the rating key). */
  ratingTarget: op({
    input: z.strictObject({ counterId: z.string().trim().min(1).max(64) }),
    output: RatingTarget.nullable(),
    roles: staff,
    http: { method: 'GET', path: '/api/counters/:counterId/rating-target' },
    mutates: false,
  }),
  rateTicket: op({
    input: z.strictObject({ publicId, level: RatingLevel }),
    output: z.object({ ticketNumber: z.string(), level: RatingLevel, counterId: z.string().nullable() }),
    roles: everyone,
    http: { method: 'POST', path: '/api/tickets/:publicId/rating' },
    mutates: true,
  }),
};
