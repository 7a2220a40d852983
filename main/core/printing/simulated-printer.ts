import type { PrintDocument, TicketPrinter } from '../../../drivers/printer/document.ts';

/**
 * Stands in for the ticket printer when none is configured (development, demos, a kiosk waiting for its
 * printer): keeps what it was asked to print so the technician page can show it.
 */
export function createSimulatedPrinter(id = 'simulated-printer', keep = 20) {
  const printed: PrintDocument[] = [];
  const printer: TicketPrinter & { printed: PrintDocument[] } = {
    id,
    printed,
    async print(doc) {
      printed.push(doc);
      if (printed.length > keep) printed.shift();
    },
  };
  return printer;
}
