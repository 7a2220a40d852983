import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { TicketPrinter } from '../../drivers/printer/document.ts';
import type { CoreEvent } from '../contract/events.ts';
import { type Auth, createAuth } from './auth/auth.ts';
import { createDispatcher, type Dispatch } from './api/dispatch.ts';
import { createQueueHandlers } from './api/handlers/queue-handlers.ts';
import type { Handlers } from './api/dispatch.ts';
import { buildCatalog, type CatalogData } from './catalog/catalog.ts';
import { defaultCatalogPath, loadCatalogFile } from './catalog/catalog-file.ts';
import type { Config } from './config/load.ts';
import { openDatabase } from './db/open.ts';
import { migrations } from './db/migrations/index.ts';
import { createSpooler } from './printing/spooler.ts';
import { createQueueService, type QueueService } from './queue/queue-service.ts';
import { type Clock, systemClock } from './util/clock.ts';
import { EventHub } from './util/events.ts';

export interface CoreOptions {
  dataDir: string;
  config: Config;
  clock?: Clock;
  /** The ticket printer, or null when none is connected; may change at run time (hot-plug). */
  printer?: () => TicketPrinter | null;
  publicUrl?: () => string;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  version?: string;
  printWaitMs?: number;
}

export interface Core {
  db: Database;
  config: Config;
  catalog: CatalogData;
  queue: QueueService;
  events: EventHub;
  dispatch: Dispatch;
  auth: Auth;
  log: NonNullable<CoreOptions['log']>;
  /** Resolves when every print job submitted so far has an outcome (tests, orderly shutdown). */
  printsSettled(): Promise<unknown>;
  close(): Promise<void>;
}

/** Builds the whole core from plain Node pieces; the Electron shell and the headless server both call this. */
export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(join(opts.dataDir, 'letan.db'), migrations);
  const events = new EventHub((err) => log('error', 'event listener failed', { err: String(err) }));
  const catalog = buildCatalog(loadCatalogFile(defaultCatalogPath()), opts.config.services);
  const publicUrl = opts.publicUrl ?? (() => `http://${opts.config.server.host}:${opts.config.server.port}`);

  let pushScheduled = false;
  const schedulePush = () => {
    if (pushScheduled) return;
    pushScheduled = true;
    // Coalesce a burst of changes into one snapshot per tick.
    setImmediate(() => {
      pushScheduled = false;
      if (!db.open) return;
      events.emit({ type: 'queue', snapshot: queue.snapshot() });
    });
  };

  const queue = createQueueService({
    db,
    clock,
    config: opts.config,
    catalog,
    publicUrl,
    onChange(change) {
      if (change.kind === 'called') {
        const counter = opts.config.counters.find((c) => c.id === change.counterId);
        events.emit({ type: 'called', number: change.ticket.number, counterId: change.counterId, counterName: counter?.name ?? change.counterId, recall: change.recall });
      }
      schedulePush();
    },
  });
  queue.forgetOldHolders();

  const spooler = createSpooler({
    printer: opts.printer ?? (() => null),
    jobs: queue.printJobs,
    onState(ticketId, state, error) {
      const row = db.prepare('SELECT public_id FROM tickets WHERE id = ?').get(ticketId) as { public_id: string } | undefined;
      if (!row) return;
      const e: CoreEvent = { type: 'print', publicId: row.public_id, state, ...(error ? { error } : {}) };
      events.emit(e);
      if (state === 'failed') log('warn', 'ticket print failed', { ticketId, error });
    },
  });

  const auth = createAuth({
    clock,
    pins: { counter: opts.config.auth.counterPin, supervisor: opts.config.auth.supervisorPin, technician: opts.config.auth.technicianPin },
    tokenTtlMinutes: opts.config.auth.tokenTtlMinutes,
  });

  const audit = db.prepare('INSERT INTO audit_log (at, actor, role, action, target, detail, origin) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const handlers: Handlers = {
    ...createQueueHandlers({ queue, catalog, config: opts.config, spooler, auth, printer: opts.printer ?? (() => null), version: opts.version ?? '0.0.0', printWaitMs: opts.printWaitMs ?? 4000 }),
  };
  const dispatch = createDispatcher(handlers, {
    audit({ op, ctx, input, ok }) {
      const target = typeof input === 'object' && input ? JSON.stringify(input) : null;
      audit.run(clock.now().toISOString(), ctx.role, ctx.role, op, target, ok ? 'ok' : 'refused', ctx.origin);
    },
    internalError(op, err) {
      log('error', `operation ${op} failed`, { err: err instanceof Error ? err.stack : String(err) });
    },
  });

  return {
    db,
    config: opts.config,
    catalog,
    queue,
    events,
    dispatch,
    auth,
    log,
    printsSettled: () => spooler.idle(),
    async close() {
      await spooler.idle();
      db.close();
    },
  };
}
