import type { PrintDocument, TicketPrinter } from '../../../drivers/printer/document.ts';

export interface SpoolJobStore {
  create(kind: PrintKind, ticketId: number | null): number;
  set(jobId: number, state: 'printing' | 'done' | 'failed', error: string | null): void;
}

export type PrintKind = 'ticket' | 'receipt';
export type SpoolOutcome = { state: 'done' } | { state: 'failed'; error: string };

export interface SpoolJob {
  kind: PrintKind;
  /** Public reference screens know the job by: a ticket's publicId, a dossier's code. */
  ref: string;
  ticketId: number | null;
}

/**
 * Prints one job at a time, records each job's fate in the database, and never retries by itself: a job that
 * failed half-way may be partly on paper, so a second copy is printed only when someone asks for it.
 */
export function createSpooler(deps: {
  printer: () => TicketPrinter | null;
  jobs: SpoolJobStore;
  onState: (job: SpoolJob, state: 'printing' | 'done' | 'failed', error?: string) => void;
}) {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    submit(job: SpoolJob, doc: PrintDocument): Promise<SpoolOutcome> {
      const jobId = deps.jobs.create(job.kind, job.ticketId);
      const run = async (): Promise<SpoolOutcome> => {
        const printer = deps.printer();
        if (!printer) {
          const error = 'no ticket printer is configured or connected';
          deps.jobs.set(jobId, 'failed', error);
          deps.onState(job, 'failed', error);
          return { state: 'failed', error };
        }
        deps.jobs.set(jobId, 'printing', null);
        deps.onState(job, 'printing');
        try {
          await printer.print(doc);
          deps.jobs.set(jobId, 'done', null);
          deps.onState(job, 'done');
          return { state: 'done' };
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          deps.jobs.set(jobId, 'failed', error);
          deps.onState(job, 'failed', error);
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
export type Spooler = ReturnType<typeof createSpooler>;

/** Waits up to `ms` for a job's outcome: the caller answers the citizen quickly, the event tells the rest. */
export async function outcomeWithin(outcome: Promise<SpoolOutcome>, ms: number): Promise<'done' | 'failed' | 'printing'> {
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([outcome, new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))]);
  clearTimeout(timer);
  return waited ? waited.state : 'printing';
}
