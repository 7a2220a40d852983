import type { TicketPrinter, PrintDocument } from '../../../drivers/printer/document.ts';

export interface SpoolJobStore {
  create(ticketId: number): number;
  set(jobId: number, state: 'printing' | 'done' | 'failed', error: string | null): void;
}

export type SpoolOutcome = { state: 'done' } | { state: 'failed'; error: string };

/**
 * Prints one job at a time, records each job's fate in the database, and never retries by itself: a job that
 * failed half-way may be partly on paper, so a second copy is printed only when someone asks for it.
 */
export function createSpooler(deps: {
  printer: () => TicketPrinter | null;
  jobs: SpoolJobStore;
  onState: (ticketId: number, state: 'printing' | 'done' | 'failed', error?: string) => void;
}) {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    submit(ticketId: number, doc: PrintDocument): Promise<SpoolOutcome> {
      const jobId = deps.jobs.create(ticketId);
      const run = async (): Promise<SpoolOutcome> => {
        const printer = deps.printer();
        if (!printer) {
          const error = 'no ticket printer is configured or connected';
          deps.jobs.set(jobId, 'failed', error);
          deps.onState(ticketId, 'failed', error);
          return { state: 'failed', error };
        }
        deps.jobs.set(jobId, 'printing', null);
        deps.onState(ticketId, 'printing');
        try {
          await printer.print(doc);
          deps.jobs.set(jobId, 'done', null);
          deps.onState(ticketId, 'done');
          return { state: 'done' };
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          deps.jobs.set(jobId, 'failed', error);
          deps.onState(ticketId, 'failed', error);
          return { state: 'failed', error };
        }
      };
      const p = chain.then(run, run);
      chain = p;
      return p;
    },
    /** Resolves when every submitted job has an outcome. */
    idle(): Promise<unknown> {
      return chain;
    },
  };
}
