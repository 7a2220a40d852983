import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { TicketPrinter } from '../../drivers/printer/document.ts';
import type { CoreEvent } from '../contract/events.ts';
import { type Auth, createAuth } from './auth/auth.ts';
import { createDispatcher, type Dispatch } from './api/dispatch.ts';
import { createIntakeHandlers } from './api/handlers/intake-handlers.ts';
import { createQueueHandlers } from './api/handlers/queue-handlers.ts';
import { createDisplayHandlers } from './api/handlers/display-handlers.ts';
import { createSupervisorHandlers } from './api/handlers/supervisor-handlers.ts';
import { loadReceiptFonts } from './receipt/fonts.ts';
import { createReports, type Reports } from './reports/reports-service.ts';
import { createSupervision, type Supervision } from './supervision/supervision-service.ts';
import { decisionCoverage, longestProcessingDays, reachableCalendarDays } from './calendar/coverage.ts';
import { createDayOffHolder, type DayOffHolder } from './calendar/calendar-holder.ts';
import { decisionsDirOf } from './calendar/holiday-files.ts';
import { createIntakeService, type IntakeService } from './intake/intake-service.ts';
import type { CentralSystem } from './sync/adapter.ts';
import { HttpCentralSystem } from './sync/http-central.ts';
import { purgeDelivered, readBacklog } from './sync/outbox.ts';
import { createOutboxSender, type OutboxSender } from './sync/sender.ts';
import { systemClock as syncSystemClock } from './sync/clock.ts';
import { outcomeWithin } from './printing/spooler.ts';
import { createDeviceManager, type DeviceManager } from './devices/device-manager.ts';
import { createTechnicianHandlers } from './api/handlers/technician-handlers.ts';
import { createScanHandlers } from './api/handlers/scan-handlers.ts';
import { createOcrPool, type OcrPool } from './ocr/pool.ts';
import { createOcrService, type OcrService } from './ocr/service.ts';
import { loadTemplates } from './ocr/template.ts';
import { createAttachmentReader, createScanIntake } from './scan/attachments.ts';
import { createScanService, type ScanService } from './scan/scan-service.ts';
import { assetsDir } from './util/paths.ts';
import type { Handlers } from './api/dispatch.ts';
import { buildCatalog, type CatalogData } from './catalog/catalog.ts';
import { defaultCatalogPath, loadCatalogFile } from './catalog/catalog-file.ts';
import type { Config } from './config/load.ts';
import { openDatabase } from './db/open.ts';
import { migrations } from './db/migrations/index.ts';
import { createSpooler } from './printing/spooler.ts';
import { createQueueService, type QueueService } from './queue/queue-service.ts';
import { type Clock, systemClock, vnDay } from './util/clock.ts';
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
  /** Overrides config.central (tests inject a client for the reference server). */
  central?: CentralSystem | null;
  /** Back-off for the sync sender (tests use short ones). */
  syncBackoff?: { baseMs: number; capMs: number };
  /** The config file this core was started with: device changes made by a technician are written back to it. */
  configPath?: string | null;
}

export interface Core {
  db: Database;
  config: Config;
  catalog: CatalogData;
  queue: QueueService;
  intake: IntakeService;
  /** Staff oversight: dashboard, steering, notices, ratings, hall voice (clips served at /voice/<name>). */
  supervision: Supervision;
  reports: Reports;
  sender: OutboxSender | null;
  runRetention(): ReturnType<typeof purgeDelivered>;
  events: EventHub;
  dispatch: Dispatch;
  auth: Auth;
  /** Printer, scanners and readers: status, history, hot re-configuration, technician monitor. */
  devices: DeviceManager;
  /** Scanning the citizen's papers (sessions, OCR); the OCR workers start at the first scan. */
  scans: ScanService;
  /** The decisions and the calendars made from them; a technician reloads them without a restart. */
  dayOffs: DayOffHolder;
  log: NonNullable<CoreOptions['log']>;
  /** Resolves when every print job submitted so far has an outcome (tests, orderly shutdown). */
  printsSettled(): Promise<unknown>;
  close(): Promise<void>;
}

// The audit trail names what was acted on, never who the citizen is: only these input fields are kept.
const AUDIT_KEYS = ['counterId', 'ticketId', 'serviceId', 'serviceIds', 'code', 'priority', 'publicId', 'role', 'dailyQuota', 'noticeId', 'minutes', 'enforced', 'enabled', 'volume', 'repeat', 'deviceId', 'path', 'profile'];
function auditTarget(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const kept = Object.fromEntries(Object.entries(input).filter(([k]) => AUDIT_KEYS.includes(k)));
  return Object.keys(kept).length ? JSON.stringify(kept) : null;
}

/** Builds the whole core from plain Node pieces; the Electron shell and the headless server both call this. */
export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(join(opts.dataDir, 'letan.db'), migrations);
  const events = new EventHub((err) => log('error', 'event listener failed', { err: String(err) }));
  const catalog = buildCatalog(loadCatalogFile(defaultCatalogPath()), opts.config.services);
  // Shipped decisions plus the data folder's (which win for their year). A bad file never stops the kiosk:
  // it is refused, logged as an error and shown on the supervisor's dashboard; its year keeps the shipped
  // decision or the default rule. Intake, reception hours and the coverage notices all read `dayOffs.current()`,
  // so a technician's reload swaps them together.
  const dayOffs = createDayOffHolder({
    shippedDir: join(assetsDir(), 'holidays'),
    dataDecisionsDir: decisionsDirOf(opts.dataDir, opts.config.calendar.decisionsDir),
    saturdayMorning: opts.config.intake.saturdayMorning,
    now: () => clock.now(),
    log,
  });
  const reachDays = reachableCalendarDays(longestProcessingDays(catalog.procedures));
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

  const auditInsert = db.prepare('INSERT INTO audit_log (at, actor, role, action, target, detail, origin) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const queue = createQueueService({
    db,
    clock,
    config: opts.config,
    catalog,
    publicUrl,
    quotaOverride: (serviceId) => supervision.quotaOverride(serviceId),
    admission: () => supervision.assertOpen(),
    onChange(change) {
      if (change.kind === 'issued') supervision.recordEstimate(change.ticket.id, change.view.estimatedWaitMinutes);
      if (change.kind === 'called') {
        const counter = opts.config.counters.find((c) => c.id === change.counterId);
        events.emit({ type: 'called', number: change.ticket.number, counterId: change.counterId, counterName: counter?.name ?? change.counterId, recall: change.recall });
      }
      schedulePush();
    },
  });
  queue.forgetOldHolders();
  const supervision = createSupervision({
    db,
    clock,
    config: opts.config,
    queue,
    events,
    pushQueue: () => schedulePush(),
    dataDir: opts.dataDir,
    log,
    // Reception hours close on the same decisions (Saturday mornings are the schedule's business there).
    calendar: { current: () => dayOffs.current().reception },
    calendarCoverage: (today) => decisionCoverage({ today, reachDays, decisions: dayOffs.current().decisions }),
    syncBacklog: () => {
      const b = readBacklog(db);
      return { pending: b.pending, oldestPendingAt: b.oldestPendingAt };
    },
  });
  const reports = createReports({ config: opts.config, facts: (from, to) => supervision.facts(from, to), fonts: loadReceiptFonts, now: () => clock.now() });

  // The configured devices (the ticket printer unless the caller brings its own: tests, embedding).
  const devices = createDeviceManager({
    config: opts.config.devices,
    db,
    clock,
    events,
    log,
    configPath: opts.configPath ?? null,
    ...(opts.printer ? { printerOverride: opts.printer } : {}),
    onApplied: (d) => {
      opts.config.devices = d;
    },
  });
  const printer = () => devices.printer();
  devices.start();

  const spooler = createSpooler({
    printer,
    jobs: queue.printJobs,
    onState(job, state, error) {
      events.emit({ type: 'print', kind: job.kind, ref: job.ref, state, ...(error ? { error } : {}) });
      if (state === 'failed') log('warn', `${job.kind} print failed`, { error });
    },
  });

  const central: CentralSystem | null =
    opts.central !== undefined
      ? opts.central
      : opts.config.central
        ? new HttpCentralSystem({
            baseUrl: opts.config.central.url,
            clientId: opts.config.central.clientId,
            clientSecret: opts.config.central.clientSecret,
            timeoutMs: opts.config.central.timeoutMs,
          })
        : null;
  const pushSync = () => {
    const b = readBacklog(db);
    events.emit({ type: 'sync', pending: b.pending, failedPermanent: b.failedPermanent, oldestPendingAt: b.oldestPendingAt, lastError: b.lastError });
  };
  const sender = central
    ? createOutboxSender({
        db,
        central,
        clock: syncSystemClock(),
        random: Math.random,
        backoff: opts.syncBackoff ?? { baseMs: 2_000, capMs: 10 * 60_000 },
        onChange: (c) => {
          if (c.state !== 'sending') pushSync();
        },
        attachments: createAttachmentReader(db, opts.dataDir),
      })
    : null;

  // OCR workers cost memory and a second or so each to start: started at the first scan (or when the kiosk
  // shows the documents step), never at core start-up, so a core that never scans never pays for them.
  let ocrPool: Promise<OcrPool> | null = null;
  let ocrService: Promise<OcrService> | null = null;
  const templates = loadTemplates();
  const ocr = (): Promise<OcrService> => {
    if (!ocrService) {
      const workers = opts.config.scan.ocrWorkers || Math.min(2, availableParallelism());
      ocrPool = createOcrPool({ size: workers, onWarning: (m) => log('warn', m) });
      ocrService = ocrPool.then((pool) => createOcrService({ pool, templates, confidenceThreshold: opts.config.scan.confidenceThreshold }));
      // A failed start is retried at the next scan rather than remembered forever.
      ocrService.catch(() => {
        ocrPool = null;
        ocrService = null;
      });
    }
    return ocrService;
  };
  const scans = createScanService({ config: opts.config, catalog, templates, clock, events, log, dir: join(opts.dataDir, 'scan-sessions'), ocr });

  const intake = createIntakeService({
    db,
    clock,
    config: opts.config,
    catalog,
    calendar: { current: () => dayOffs.current().appointments },
    publicUrl,
    central,
    wakeSender: () => {
      sender?.wake();
      pushSync();
    },
    print: (ref, doc) => outcomeWithin(spooler.submit({ kind: 'receipt', ref, ticketId: null }, doc), opts.printWaitMs ?? 4000),
    scans: createScanIntake({ scans, dataDir: opts.dataDir }),
  });

  // Retention: once the central system has confirmed a dossier and the retention period has passed, the
  // kiosk keeps no personal data of it.
  const runRetention = () => {
    const report = purgeDelivered(db, {
      retainDays: opts.config.intake.retentionDays,
      now: clock.now().getTime(),
      purgeDossier: (code) => intake.purgePersonalData(code),
      audit: (r) => auditInsert.run(clock.now().toISOString(), r.actor, r.role, r.action, r.target, r.detail, 'retention'),
    });
    if (report.failed.length) log('warn', 'retention purge failed for some dossiers', { failed: report.failed.length });
    return report;
  };
  const retentionTimer = setInterval(() => {
    try {
      runRetention();
      queue.forgetOldHolders();
    } catch (err) {
      log('error', 'retention purge failed', { err: String(err) });
    }
  }, 3600_000);
  retentionTimer.unref();
  sender?.start();
  supervision.start();

  const auth = createAuth({
    clock,
    pins: { counter: opts.config.auth.counterPin, supervisor: opts.config.auth.supervisorPin, technician: opts.config.auth.technicianPin },
    users: opts.config.auth.users,
    tokenTtlMinutes: opts.config.auth.tokenTtlMinutes,
  });


  const handlers: Handlers = {
    ...createIntakeHandlers({ intake, syncConfigured: sender !== null, backlog: () => sender?.backlog() ?? { ...readBacklog(db), running: false } }),
    ...createSupervisorHandlers({ supervision, reports, queue }),
    ...createDisplayHandlers({ supervision }),
    ...createTechnicianHandlers({ devices, dayOffs, today: () => vnDay(clock.now()), reachDays }),
    ...createScanHandlers({ scans }),
    ...createQueueHandlers({ queue, catalog, config: opts.config, spooler, auth, printer, printerState: () => devices.printerState(), version: opts.version ?? '0.0.0', printWaitMs: opts.printWaitMs ?? 4000 }),
  };
  const dispatch = createDispatcher(handlers, {
    audit({ op, ctx, input, ok }) {
      auditInsert.run(clock.now().toISOString(), ctx.actor ?? ctx.role, ctx.role, op, auditTarget(input), ok ? 'ok' : 'refused', ctx.origin);
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
    intake,
    supervision,
    reports,
    sender,
    runRetention,
    events,
    dispatch,
    auth,
    devices,
    scans,
    dayOffs,
    log,
    printsSettled: () => spooler.idle(),
    async close() {
      clearInterval(retentionTimer);
      await supervision.close();
      await sender?.stop();
      await devices.close();
      await scans.close();
      const pool = ocrPool;
      // A pool that failed to start has nothing to close; its failure was reported when a scan asked for it.
      if (pool) await pool.then((p) => p.close(), () => undefined);
      await spooler.idle();
      db.close();
    },
  };
}
