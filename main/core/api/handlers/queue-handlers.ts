import type { TicketPrinter } from '../../../../drivers/printer/document.ts';
import type { DeviceState } from '../../../../drivers/device/state.ts';

const problemsOf = (s: DeviceState): string[] => ('problems' in s ? s.problems : []);
import { AppError } from '../../../contract/result.ts';
import type { Ticket } from '../../../contract/schemas.ts';
import type { Auth } from '../../auth/auth.ts';
import type { CatalogData } from '../../catalog/catalog.ts';
import type { Config } from '../../config/load.ts';
import { outcomeWithin, type Spooler } from '../../printing/spooler.ts';
import { ticketDocument } from '../../printing/ticket-document.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import type { queueOps } from '../../../contract/ops/queue.ts';
import { actorOf, type HandlersFor } from '../dispatch.ts';

export interface QueueHandlerDeps {
  queue: QueueService;
  catalog: CatalogData;
  config: Config;
  spooler: Spooler;
  auth: Auth;
  printer: () => TicketPrinter | null;
  printerState: () => DeviceState;
  version: string;
  /** How long a ticket request waits for the printer's outcome before answering. */
  printWaitMs: number;
}

/** One function per contract operation; the dispatcher has already parsed the input and checked the role. */
export function createQueueHandlers(d: QueueHandlerDeps): HandlersFor<typeof queueOps> {
  const { queue } = d;
  const priorityLabel = (id: string | null) => (id ? (d.config.priorities.find((p) => p.id === id)?.label.vi ?? id) : null);

  /**
   * Prints and waits a little for the outcome, so the reply already tells the kiosk whether the ticket came
   * out; a slow printer does not hold the citizen: past the wait the outcome arrives as a 'print' event.
   */
  const printAndWait = async (t: Ticket): Promise<Ticket> => {
    const outcome = d.spooler.submit({ kind: 'ticket', ref: t.publicId, ticketId: t.id }, ticketDocument(t, d.config.center.name, priorityLabel(t.priority)));
    return { ...t, printed: await outcomeWithin(outcome, d.printWaitMs) };
  };

  return {
    kioskInfo: () => ({
      centerName: d.config.center.name,
      homeTimeoutSeconds: d.config.kiosk.homeTimeoutSeconds,
      inactivitySeconds: d.config.kiosk.inactivitySeconds,
      version: d.version,
      printer: d.printer() ? { state: d.printerState().kind, problems: problemsOf(d.printerState()) } : null,
    }),
    getCatalog: () => ({
      services: queue.services(queue.waitingRows()),
      procedures: d.catalog.procedures,
      priorities: d.config.priorities,
      sources: d.catalog.sources,
    }),
    listServices: () => queue.services(queue.waitingRows()),
    issueTicket: (input) => {
      return printAndWait(queue.issueTicket(input));
    },
    ticketStatus: ({ publicId }) => queue.ticketByPublicId(publicId),
    reprintTicket: ({ publicId }) => {
      const row = queue.rowByPublicId(publicId);
      if (!row) throw new AppError('not_found', 'no such ticket', 'Không tìm thấy số thứ tự này.');
      const last = queue.printJobs.last(row.id);
      if (last?.state !== 'failed') {
        throw new AppError('conflict', `ticket ${row.number} print job is ${last?.state ?? 'absent'}; only a failed print can be reprinted`, 'Chỉ in lại được vé chưa in thành công.');
      }
      if (row.state !== 'waiting') throw new AppError('conflict', `ticket ${row.number} is ${row.state}`, 'Số này đã được gọi.');
      return printAndWait(queue.view(row));
    },
    queueSnapshot: () => queue.snapshot(),
    login: ({ role, pin, userId }, ctx) => d.auth.login(role, pin, ctx.origin, userId),
    openCounter: ({ counterId, serviceIds }, ctx) => queue.openCounter(counterId, serviceIds, actorOf(ctx)),
    closeCounter: ({ counterId }, ctx) => queue.closeCounter(counterId, actorOf(ctx)),
    callNext: ({ counterId }, ctx) => queue.callNext(counterId, actorOf(ctx)),
    recallTicket: ({ ticketId, counterId }, ctx) => queue.recall(ticketId, counterId, actorOf(ctx)),
    markServed: ({ ticketId }, ctx) => queue.finish(ticketId, 'served', actorOf(ctx)),
    skipTicket: ({ ticketId }, ctx) => queue.finish(ticketId, 'no_show', actorOf(ctx)),
    checkPriority: ({ ticketId, decision }, ctx) => queue.checkPriority(ticketId, decision, actorOf(ctx)),
    transferTicket: ({ ticketId, serviceId, counterId }, ctx) => queue.transfer(ticketId, { serviceId, counterId }, actorOf(ctx)),
  };
}
