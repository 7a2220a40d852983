import type { supervisorOps } from '../../../contract/ops/supervisor.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import type { Reports } from '../../reports/reports-service.ts';
import type { Supervision } from '../../supervision/supervision-service.ts';
import { actorOf, type HandlersFor } from '../dispatch.ts';

export interface SupervisorHandlerDeps {
  supervision: Supervision;
  reports: Reports;
  queue: QueueService;
}

/** The supervisor's operations; the dispatcher has checked the role, and audits every `mutates` one. */
export function createSupervisorHandlers(d: SupervisorHandlerDeps): HandlersFor<typeof supervisorOps> {
  return {
    supervisorDashboard: () => d.supervision.dashboard(),
    setCounterServices: ({ counterId, serviceIds }, ctx) => d.supervision.setCounterServices(counterId, serviceIds, actorOf(ctx)),
    setServiceQuota: ({ serviceId, dailyQuota }, ctx) => d.supervision.setQuota(serviceId, dailyQuota, actorOf(ctx)),
    getOpeningHours: () => d.supervision.openingHours(),
    setOpeningHours: (hours) => d.supervision.setOpeningHours(hours),
    prioritizeTicket: ({ ticketId, priority }, ctx) => d.supervision.prioritize(ticketId, priority, actorOf(ctx)),
    broadcastNotice: ({ text, minutes }, ctx) => d.supervision.broadcastNotice(text, minutes, actorOf(ctx)),
    endNotice: ({ noticeId }) => d.supervision.endNotice(noticeId),
    setVoiceSettings: (next) => d.supervision.setVoiceSettings(next),
    report: (q) => d.reports.report(q),
  };
}
