import { z } from 'zod';
import { QueueSnapshot } from './schemas.ts';

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
  z.object({ type: z.literal('print'), publicId: z.string(), state: z.enum(['printing', 'done', 'failed']), error: z.string().optional() }),
  z.object({ type: z.literal('notice'), text: z.string() }),
]);
export type CoreEvent = z.infer<typeof CoreEvent>;
