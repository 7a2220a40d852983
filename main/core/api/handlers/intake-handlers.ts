import type { intakeOps } from '../../../contract/ops/intake.ts';
import type { IntakeService } from '../../intake/intake-service.ts';
import type { Backlog } from '../../sync/outbox.ts';
import type { HandlersFor } from '../dispatch.ts';

export function createIntakeHandlers(d: { intake: IntakeService; syncConfigured: boolean; backlog: () => Backlog & { running: boolean } }): HandlersFor<typeof intakeOps> {
  return {
    submitDossier: (input) => d.intake.submit(input),
    dossierStatus: ({ code }) => d.intake.status(code),
    markDossierPaid: ({ code }) => d.intake.markPaid(code),
    syncBacklog: () => {
      const b = d.backlog();
      return {
        configured: d.syncConfigured,
        running: b.running,
        pending: b.pending,
        failedPermanent: b.failedPermanent,
        oldestPendingAt: b.oldestPendingAt,
        lastError: b.lastError,
        lastDeliveredAt: b.lastDeliveredAt,
      };
    },
  };
}
