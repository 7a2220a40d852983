import { z } from 'zod';

// espeak-ng voice names are short identifiers ("vi", "vi-vn-x-south", "en-us"); anything else is refused
// before it reaches the command line.
export const voiceNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_+-]{0,40}$/, 'not an espeak-ng voice name');

export const speechSegmentSchema = z.object({
  voice: voiceNameSchema,
  text: z.string().trim().min(1).max(500),
});
export type SpeechSegment = z.infer<typeof speechSegmentSchema>;

export const renderRequestSchema = z.object({
  segments: z.array(speechSegmentSchema).min(1).max(4),
  /** How many times the speech is said after the chime. */
  repeat: z.number().int().min(1).max(5).default(1),
  /** Linear gain applied by sox `vol`: 1 leaves the level as rendered, 0.5 halves it. */
  volume: z.number().min(0.05).max(2).default(1),
});
export type RenderRequest = z.input<typeof renderRequestSchema>;

/** Announcer settings a supervisor can change (stored with the centre's settings). */
export const announcerSettingsSchema = z.object({
  languages: z.array(z.enum(['vi', 'en'])).min(1).max(2).default(['vi']),
  voiceVi: voiceNameSchema.default('vi'),
  voiceEn: voiceNameSchema.default('en'),
  repeat: z.number().int().min(1).max(5).default(2),
  volume: z.number().min(0.05).max(2).default(1),
});
export type AnnouncerSettings = z.infer<typeof announcerSettingsSchema>;
