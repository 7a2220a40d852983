// Every device the config names, as running drivers: started at boot, changed at run time without a restart
// (applyDevices stops and starts only what changed), their status pushed as 'device' events and kept as a
// history, their scans pushed to the kiosk window only, and their frames shown (masked) to technicians.
import type { Database } from 'better-sqlite3';
import type { DeviceRole, DeviceState, DeviceStatusEvent } from '../../../drivers/device/state.ts';
import type { TicketPrinter } from '../../../drivers/printer/document.ts';
import { createSerialPrinterDriver } from '../../../drivers/printer/driver.ts';
import { PrinterError } from '../../../drivers/printer/errors.ts';
import { loadProfile, type PrinterProfile } from '../../../drivers/printer/profile.ts';
import { testPage } from '../../../drivers/printer/test-page.ts';
import type { ScannerConfig } from '../../../drivers/scanner/config.ts';
import { HidScannerDriver } from '../../../drivers/scanner/hid-scanner.ts';
import type { ScanEvent, ScannerDriver } from '../../../drivers/scanner/scan-event.ts';
import { MrzReaderDriver, SerialScannerDriver } from '../../../drivers/scanner/serial-scanner.ts';
import { AppError } from '../../contract/result.ts';
import { ConfigError } from '../config/load.ts';
import { DevicesConfig, type DevicesConfigValue, type DocumentScannerConfigValue, type PrinterConfigValue } from '../config/schema.ts';
import { createSimulatedPrinter } from '../printing/simulated-printer.ts';
import type { Clock } from '../util/clock.ts';
import type { EventHub } from '../util/events.ts';
import { ConfigWriteError, writeDevicesSection } from './config-file.ts';
import { scanimageList } from './discovery.ts';
import { DocumentScannerWatch } from './document-scanner.ts';
import { createDeviceHistory, type HistoryEntry } from './history.ts';
import { createDeviceMonitor } from './monitor.ts';

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

/** The part of a driver the manager needs: status events out, start and stop. */
export interface DriverHandle {
  readonly id: string;
  on(event: 'state', l: (e: DeviceStatusEvent) => void): unknown;
  on(event: 'scan', l: (e: ScanEvent) => void): unknown;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

export interface PrinterHandle extends DriverHandle {
  printer: TicketPrinter;
  profile: PrinterProfile;
}

export interface DeviceFactories {
  printer(c: PrinterConfigValue): PrinterHandle;
  scanner(c: ScannerConfig): DriverHandle;
  documentScanner(c: DocumentScannerConfigValue): DriverHandle;
}

/** The real drivers. */
export const realFactories: DeviceFactories = {
  printer(c) {
    const driver = createSerialPrinterDriver({
      id: c.id,
      profileId: c.profile,
      path: c.path,
      ...(c.baudRate ? { baudRate: c.baudRate } : {}),
      ...(c.textMode !== 'auto' ? { textMode: c.textMode } : {}),
    });
    return {
      id: c.id,
      printer: driver,
      profile: driver.profile,
      on(event: 'state' | 'scan', l: (e: never) => void) {
        // The printer driver calls its status event 'status'; it has no scans.
        if (event === 'state') driver.on('status', l as (e: DeviceStatusEvent) => void);
        return this;
      },
      start: () => driver.start(),
      stop: () => driver.stop(),
    };
  },
  scanner(c): ScannerDriver {
    if (c.kind === 'serial-scanner') return new SerialScannerDriver(c);
    if (c.kind === 'mrz-reader') return new MrzReaderDriver(c);
    return new HidScannerDriver(c);
  },
  documentScanner: (c) => new DocumentScannerWatch(c, () => scanimageList()),
};

export interface DeviceStatus {
  deviceId: string;
  role: DeviceRole;
  /** Which driver: printer, serial-scanner, mrz-reader, hid-pos-scanner, document-scanner. */
  kind: string;
  /** Where it is: serial path, USB vendor:product, or SANE device name. */
  target: string;
  state: DeviceState['kind'];
  problems: string[];
  message: string | null;
  since: string;
}

export interface ApplyResult {
  started: string[];
  stopped: string[];
  unchanged: string[];
  configPath: string;
}

interface Running {
  id: string;
  role: DeviceRole;
  kind: string;
  target: string;
  key: string;
  handle: DriverHandle;
  printer?: PrinterHandle;
  state: DeviceState;
  since: string;
}

export interface DeviceManagerDeps {
  config: DevicesConfigValue;
  db: Database;
  clock: Clock;
  events: EventHub;
  log: Log;
  /** The config file the core was started with; device changes are written back to it. Null: changes refused. */
  configPath: string | null;
  /** A printer the caller brings (tests, embedding); the configured one is then not driven. */
  printerOverride?: () => TicketPrinter | null;
  factories?: Partial<DeviceFactories>;
  /** Told the new devices section after a successful apply (the core keeps config.devices current). */
  onApplied?: (devices: DevicesConfigValue) => void;
}

type Entry = { id: string; role: DeviceRole; kind: string; target: string; key: string; make: () => DriverHandle | PrinterHandle; isPrinter: boolean };

function entriesOf(c: DevicesConfigValue, f: DeviceFactories, withPrinter: boolean): Entry[] {
  const out: Entry[] = [];
  if (c.printer && withPrinter) {
    const p = c.printer;
    out.push({ id: p.id, role: 'ticket-printer', kind: 'printer', target: p.path, key: JSON.stringify(p), make: () => f.printer(p), isPrinter: true });
  }
  for (const s of c.scanners) {
    const target = s.kind === 'hid-pos-scanner' ? `usb ${s.vendorId}:${s.productId}` : s.path;
    const role: DeviceRole = s.kind === 'mrz-reader' ? 'mrz-reader' : 'qr-scanner';
    out.push({ id: s.id, role, kind: s.kind, target, key: JSON.stringify(s), make: () => f.scanner(s), isPrinter: false });
  }
  if (c.documentScanner) {
    const d = c.documentScanner;
    out.push({ id: d.id, role: 'document-scanner', kind: 'document-scanner', target: d.device, key: JSON.stringify(d), make: () => f.documentScanner(d), isPrinter: false });
  }
  return out;
}

export function createDeviceManager(deps: DeviceManagerDeps) {
  const factories: DeviceFactories = { ...realFactories, ...deps.factories };
  const history = createDeviceHistory(deps.db);
  const monitor = createDeviceMonitor({ clock: deps.clock, emit: (e) => deps.events.emit(e, 'technician') });
  const running = new Map<string, Running>();
  const simulated = createSimulatedPrinter();
  let current = deps.config;
  let applying: Promise<unknown> = Promise.resolve();
  const now = () => deps.clock.now().toISOString();

  const pushDevice = (r: { deviceId: string; role: DeviceRole; state: DeviceState }, message?: string) => {
    deps.events.emit({
      type: 'device',
      deviceId: r.deviceId,
      role: r.role,
      state: r.state.kind,
      problems: 'problems' in r.state ? r.state.problems : [],
      ...(r.state.kind === 'error' ? { message: r.state.message } : message ? { message } : {}),
    });
  };

  const onState = (r: Running) => (e: DeviceStatusEvent) => {
    if (running.get(r.id) !== r) return; // a stopped driver's last words
    r.state = e.state;
    r.since = e.at;
    history.record(e);
    pushDevice({ deviceId: e.deviceId, role: e.role, state: e.state });
  };

  const onScan = (r: Running) => (scan: ScanEvent) => {
    if (running.get(r.id) !== r) return;
    // Personal data: to the kiosk window only, never to a log line.
    deps.events.emit(
      {
        type: 'scan',
        deviceId: scan.deviceId,
        role: scan.role === 'mrz-reader' ? 'mrz-reader' : 'qr-scanner',
        identity: scan.identity,
        text: scan.identity ? null : scan.payload,
        error: scan.error ? { field: scan.error.field, message: scan.error.message, messageVi: scan.error.messageVi } : null,
      },
      'kiosk',
    );
    monitor.record(scan);
  };

  const startEntry = (e: Entry): void => {
    let handle: DriverHandle | PrinterHandle;
    try {
      handle = e.make();
    } catch (err) {
      // A profile that does not load, a config a driver refuses: shown as the device's error, the rest runs on.
      const state: DeviceState = { kind: 'error', problems: ['error'], message: `cannot create driver: ${(err as Error).message}` };
      history.record({ deviceId: e.id, role: e.role, state, at: now() });
      pushDevice({ deviceId: e.id, role: e.role, state });
      deps.log('error', 'device driver could not be created', { deviceId: e.id, err: (err as Error).message });
      return;
    }
    const r: Running = { id: e.id, role: e.role, kind: e.kind, target: e.target, key: e.key, handle, state: { kind: 'absent' }, since: now(), ...(e.isPrinter ? { printer: handle as PrinterHandle } : {}) };
    running.set(e.id, r);
    handle.on('state', onState(r));
    handle.on('scan', onScan(r));
    try {
      const started = handle.start();
      if (started instanceof Promise) started.catch((err: unknown) => deps.log('error', 'device driver failed to start', { deviceId: e.id, err: String(err) }));
    } catch (err) {
      deps.log('error', 'device driver failed to start', { deviceId: e.id, err: String(err) });
    }
  };

  const stopRunning = async (r: Running, removed: boolean): Promise<void> => {
    running.delete(r.id);
    try {
      await r.handle.stop();
    } catch (err) {
      deps.log('warn', 'device driver did not stop cleanly', { deviceId: r.id, err: String(err) });
    }
    if (removed) {
      const state: DeviceState = { kind: 'absent' };
      history.record({ deviceId: r.id, role: r.role, state, at: now() }, 'removed from the configuration');
      pushDevice({ deviceId: r.id, role: r.role, state }, 'removed from the configuration');
    }
  };

  const withPrinter = !deps.printerOverride;

  return {
    start(): void {
      for (const e of entriesOf(current, factories, withPrinter)) startEntry(e);
    },

    config(): DevicesConfigValue {
      return current;
    },

    configPath(): string | null {
      return deps.configPath;
    },

    /** The ticket printer the spooler prints on: the configured driver, or the simulated one when none. */
    printer(): TicketPrinter | null {
      if (deps.printerOverride) return deps.printerOverride();
      const p = [...running.values()].find((r) => r.printer);
      if (p?.printer) return p.printer.printer;
      return current.printer ? null : simulated;
    },

    printerState(): DeviceState {
      const p = [...running.values()].find((r) => r.role === 'ticket-printer');
      return p ? p.state : current.printer && withPrinter ? { kind: 'error', problems: ['error'], message: 'printer driver could not be created' } : { kind: 'ready' };
    },

    printerSimulated(): boolean {
      return !deps.printerOverride && !current.printer;
    },

    statuses(): DeviceStatus[] {
      return [...running.values()].map((r) => ({
        deviceId: r.id,
        role: r.role,
        kind: r.kind,
        target: r.target,
        state: r.state.kind,
        problems: 'problems' in r.state ? [...r.state.problems] : [],
        message: r.state.kind === 'error' ? r.state.message : null,
        since: r.since,
      }));
    },

    history(deviceId: string, limit?: number): HistoryEntry[] {
      return history.recent(deviceId, limit);
    },

    monitor,

    /**
     * Validates a new devices section, writes it to the config file (atomically) and restarts only the devices
     * whose settings changed. Refused, with nothing changed, when the core has no config file to write to.
     */
    applyDevices(input: unknown): Promise<ApplyResult> {
      const run = async (): Promise<ApplyResult> => {
        const parsed = DevicesConfig.safeParse(input);
        if (!parsed.success) {
          const first = parsed.error.issues.map((i) => `devices.${i.path.join('.')}: ${i.message}`).join('; ');
          throw new AppError('bad_request', `device settings are invalid — ${first}`, 'Cấu hình thiết bị không hợp lệ.');
        }
        if (!deps.configPath) {
          throw new AppError(
            'conflict',
            'device changes cannot be saved: this core was started without a config file (letan start --config FILE, or LETAN_CONFIG for the kiosk shell); nothing was changed',
            'Không lưu được thay đổi thiết bị: hệ thống chạy không có tệp cấu hình (--config). Chưa thay đổi gì.',
          );
        }
        try {
          writeDevicesSection(deps.configPath, parsed.data);
        } catch (err) {
          if (err instanceof ConfigError) throw new AppError('bad_request', err.message, 'Cấu hình thiết bị không hợp lệ.');
          if (err instanceof ConfigWriteError) throw new AppError('unavailable', `${err.message}; nothing was changed`, 'Không ghi được tệp cấu hình. Chưa thay đổi gì.');
          throw err;
        }
        const next = parsed.data;
        const wanted = new Map(entriesOf(next, factories, withPrinter).map((e) => [e.id, e]));
        const result: ApplyResult = { started: [], stopped: [], unchanged: [], configPath: deps.configPath };
        for (const r of [...running.values()]) {
          const w = wanted.get(r.id);
          if (w && w.key === r.key) continue;
          await stopRunning(r, !w);
          result.stopped.push(r.id);
        }
        current = next;
        for (const e of wanted.values()) {
          if (running.has(e.id)) {
            result.unchanged.push(e.id);
            continue;
          }
          startEntry(e);
          result.started.push(e.id);
        }
        deps.onApplied?.(next);
        deps.log('info', 'device settings applied', { started: result.started, stopped: result.stopped });
        return result;
      };
      const p = applying.then(run, run);
      // The chain only orders applies; each caller gets its own outcome from `p`.
      applying = p.catch(() => undefined);
      return p;
    },

    /** The technician's test page on the ticket printer (the simulated one when none is configured). */
    async printTestPage(): Promise<{ deviceId: string; profile: string; simulated: boolean }> {
      const p = [...running.values()].find((r) => r.printer);
      if (deps.printerOverride) throw new AppError('conflict', 'the ticket printer is provided by the embedding program, not by the device settings', 'Máy in không do cấu hình thiết bị quản lý.');
      if (!p?.printer) {
        if (current.printer) throw new AppError('unavailable', `printer ${current.printer.id} has no running driver (see its status)`, 'Máy in chưa sẵn sàng.');
        const profile = loadProfile('generic-80');
        await simulated.print(testPage(profile, { at: deps.clock.now() }));
        return { deviceId: simulated.id, profile: profile.id, simulated: true };
      }
      try {
        await p.printer.printer.print(testPage(p.printer.profile, { at: deps.clock.now() }));
      } catch (err) {
        if (err instanceof PrinterError) throw new AppError('unavailable', err.message, 'Không in được trang thử. Xem trạng thái máy in.');
        throw err;
      }
      return { deviceId: p.id, profile: p.printer.profile.id, simulated: false };
    },

    async close(): Promise<void> {
      await applying;
      for (const r of [...running.values()]) await stopRunning(r, false);
    },
  };
}
export type DeviceManager = ReturnType<typeof createDeviceManager>;
