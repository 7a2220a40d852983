import type { displayOps } from '../../../contract/ops/display.ts';
import type { Supervision } from '../../supervision/supervision-service.ts';
import type { HandlersFor } from '../dispatch.ts';

/** The hall display (read-only) and the citizen's rating. */
export function createDisplayHandlers(d: { supervision: Supervision }): HandlersFor<typeof displayOps> {
  return {
    displayState: () => d.supervision.displayState(),
    announcementPlayed: ({ announcementId }) => ({ known: d.supervision.voice.played(announcementId) }),
    ratingTarget: ({ counterId }) => d.supervision.ratingTarget(counterId),
    rateTicket: ({ publicId, level }) => d.supervision.rate(publicId, level),
  };
}
