// SerialPrinterDriver: the TicketPrinter the core drives. One job at a time; each job gets exactly one
// outcome and is never re-sent. Status comes from DLE EOT polling and/or ASB; the line coming back is
// noticed by retrying open() and the driver carries on by itself.
import { EventEmitter } from 'node:events';
import type { DeviceProblem, DeviceState, DeviceStatusEvent } from '../device/state.ts';
import type { PortDescriptor } from '../discovery/serial.ts';
import { SerialTransport } from '../transport/serial.ts';
import { TransportError, type Transport } from '../transport/transport.ts';
import type { PrintDocument, TicketPrinter } from './document.ts';
import { encode } from './encode.ts';
import { EncodeError, PrinterError, type PrinterErrorCode } from './errors.ts';
import * as cmd from './escpos.ts';
import { loadProfile, type PrinterProfile, type TextMode } from './profile.ts';
import { loadFontSet, type FontSet } from './raster.ts';
import { mergeProblems, parseAsb, parseRealtimeStatus, StatusFramer } from './status.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SerialPrinterDriverOptions {
  id: string;
  profile: PrinterProfile;
  transport: Transport;
  /** Configured serial path, used by supported(). */
  path?: string;
  textMode?: TextMode;
  pollIntervalMs?: number;
  reconnectIntervalMs?: number;
  statusTimeoutMs?: number;
  writeChunkBytes?: number;
  fonts?: FontSet;
  now?: () => Date;
  timers?: Timers;
}

const BLOCKING: DeviceProblem[] = ['paper-out', 'cover-open', 'offline', 'error'];

const PROBLEM_TEXT: Record<DeviceProblem, string> = {
  'paper-near-end': 'paper roll nearly empty',
  'paper-out': 'paper roll empty',
  'cover-open': 'cover open',
  offline: 'printer offline',
  error: 'printer reports an error (cutter jam, head temperature or unrecoverable fault)',
  jam: 'paper jam',
  'feeder-empty': 'feeder empty',
  unplugged: 'printer unplugged or serial line lost',
};

export function describeProblems(problems: DeviceProblem[]): string {
  return problems.map((p) => PROBLEM_TEXT[p]).join('; ');
}

function errorCodeFor(problems: DeviceProblem[]): PrinterErrorCode {
  if (problems.includes('paper-out')) return 'paper-out';
  if (problems.includes('cover-open')) return 'cover-open';
  return 'printer-error';
}

interface PendingQuery {
  n: 1 | 2 | 3 | 4;
  resolve: (byte: number) => void;
  reject: (e: PrinterError) => void;
}

export class SerialPrinterDriver extends EventEmitter<{ status: [DeviceStatusEvent] }> implements TicketPrinter {
  readonly id: string;
  readonly profile: PrinterProfile;
  private readonly transport: Transport;
  private readonly o: Required<Omit<SerialPrinterDriverOptions, 'path' | 'textMode' | 'fonts' | 'profile' | 'transport' | 'id'>>;
  private readonly textMode: TextMode | undefined;
  private readonly path: string | undefined;
  private fonts: FontSet | undefined;
  private state_: DeviceState = { kind: 'absent' };
  private asbProblems: DeviceProblem[] = [];
  private framer = new StatusFramer();
  private pending: PendingQuery[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private pollTimer: unknown;
  private reconnectTimer: unknown;
  private running = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(opts: SerialPrinterDriverOptions) {
    super();
    this.id = opts.id;
    this.profile = opts.profile;
    this.transport = opts.transport;
    this.path = opts.path;
    this.textMode = opts.textMode;
    this.fonts = opts.fonts;
    this.o = {
      pollIntervalMs: opts.pollIntervalMs ?? 3000,
      reconnectIntervalMs: opts.reconnectIntervalMs ?? 1000,
      statusTimeoutMs: opts.statusTimeoutMs ?? 1500,
      writeChunkBytes: opts.writeChunkBytes ?? 1024,
      now: opts.now ?? (() => new Date()),
      timers: opts.timers ?? {
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
    };
    this.unsubscribe.push(
      this.transport.onData((chunk) => this.onData(chunk)),
      this.transport.onClose((err) => this.onTransportClose(err)),
    );
  }

  get state(): DeviceState {
    return this.state_;
  }

  /** Whether a discovered port is this printer: the configured path, or a USB id the profile lists. */
  supported(d: PortDescriptor): boolean {
    if (this.path && d.path === this.path) return true;
    return supportedByProfile(this.profile, d);
  }

  /** Open the line and keep it: polls status, reconnects after the device comes back. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.fonts ??= loadFontSet();
    await this.tryConnect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.o.timers.clearTimeout(this.pollTimer);
    this.o.timers.clearTimeout(this.reconnectTimer);
    this.failPending('closed', 'driver stopped');
    for (const u of this.unsubscribe.splice(0)) u();
    await this.transport.close();
  }

  print(doc: PrintDocument): Promise<void> {
    return this.enqueue(() => this.runJob(doc));
  }

  /** Ask the printer now (technician page): the problems it reports. */
  checkStatus(): Promise<DeviceProblem[]> {
    return this.enqueue(async () => {
      const p = await this.queryProblems();
      this.applyProblems(p);
      return p;
    });
  }

  // ---- jobs -------------------------------------------------------------------------------------------

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    // The queue only orders jobs; each job's caller gets its own outcome from `run`.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runJob(doc: PrintDocument): Promise<void> {
    if (!this.running) throw new PrinterError('closed', `printer ${this.id}: driver is not started`);
    if (!this.transport.isOpen)
      throw new PrinterError('not-connected', `printer ${this.id} is not connected (${this.path ?? 'no path'}); waiting for it to come back`);
    const before = await this.queryProblems();
    this.applyProblems(before);
    const blocking = before.filter((p) => BLOCKING.includes(p));
    if (blocking.length > 0)
      throw new PrinterError(errorCodeFor(blocking), `printer ${this.id} not printing: ${describeProblems(blocking)}`);

    let bytes: Uint8Array;
    try {
      bytes = await encode(doc, this.profile, { textMode: this.textMode, fonts: this.fonts });
    } catch (e) {
      if (e instanceof EncodeError) throw new PrinterError('encode-failed', `ticket cannot be encoded: ${e.message}`, { cause: e });
      throw e;
    }

    for (let i = 0; i < bytes.length; i += this.o.writeChunkBytes) {
      try {
        await this.transport.write(bytes.subarray(i, i + this.o.writeChunkBytes));
      } catch (e) {
        const gone = !this.transport.isOpen || (e instanceof TransportError && e.code === 'closed');
        throw new PrinterError(
          gone ? 'disconnected' : 'write-failed',
          `printer ${this.id}: line lost after ${i} of ${bytes.length} bytes; the ticket is incomplete`,
          { cause: e },
        );
      }
    }
    // Bytes in OS buffers are not paper: confirm the printer is still there and did not run out.
    const after = await this.queryProblems().catch((e: unknown) => {
      if (e instanceof PrinterError && e.code === 'disconnected')
        throw new PrinterError('disconnected', `printer ${this.id}: line lost while printing; the ticket may be incomplete`, { cause: e });
      throw e;
    });
    this.applyProblems(after);
    const broke = after.filter((p) => BLOCKING.includes(p));
    if (broke.length > 0)
      throw new PrinterError(errorCodeFor(broke), `printer ${this.id}: ${describeProblems(broke)} while printing; the ticket may be incomplete`);
  }

  // ---- status -----------------------------------------------------------------------------------------

  /** DLE EOT 1..4 when the profile has it; otherwise the last ASB report. */
  private async queryProblems(): Promise<DeviceProblem[]> {
    if (!this.profile.status.dleEot) return this.asbProblems;
    if (!this.transport.isOpen) throw new PrinterError('disconnected', `printer ${this.id}: line is closed`);
    const ns = [1, 2, 3, 4] as const;
    const replies = ns.map(
      (n) => new Promise<number>((resolve, reject) => this.pending.push({ n, resolve, reject })),
    );
    const timer = this.o.timers.setTimeout(
      () => this.failPending('status-timeout', `printer ${this.id} did not answer DLE EOT within ${this.o.statusTimeoutMs} ms`),
      this.o.statusTimeoutMs,
    );
    try {
      // Awaited together so that replies failed by a lost line are never unhandled rejections.
      const [, bytes] = await Promise.all([
        this.transport.write(Uint8Array.from(ns.flatMap((n) => cmd.realtimeStatus(n)))),
        Promise.all(replies),
      ]);
      return mergeProblems(...bytes.map((b, i) => parseRealtimeStatus(ns[i]!, b)), this.asbProblems);
    } catch (e) {
      this.failPending('disconnected', `printer ${this.id}: line lost during status request`);
      if (e instanceof PrinterError) {
        if (e.code === 'status-timeout') this.setState({ kind: 'error', problems: ['offline'], message: e.message });
        throw e;
      }
      throw new PrinterError('disconnected', `printer ${this.id}: status request failed: ${(e as Error).message}`, { cause: e });
    } finally {
      this.o.timers.clearTimeout(timer);
    }
  }

  private failPending(code: PrinterErrorCode, message: string): void {
    for (const p of this.pending.splice(0)) p.reject(new PrinterError(code, message));
  }

  private onData(chunk: Uint8Array): void {
    for (const f of this.framer.push(chunk)) {
      if (f.kind === 'realtime') this.pending.shift()?.resolve(f.byte); // unasked replies are dropped
      else {
        this.asbProblems = parseAsb(f.bytes);
        if (!this.profile.status.dleEot || this.state_.kind !== 'absent') this.applyProblems(mergeProblems(this.asbProblems));
      }
    }
  }

  private applyProblems(problems: DeviceProblem[]): void {
    const blocking = problems.filter((p) => BLOCKING.includes(p));
    if (blocking.length > 0) this.setState({ kind: 'error', problems, message: describeProblems(problems) });
    else if (problems.length > 0) this.setState({ kind: 'warning', problems });
    else this.setState({ kind: 'ready' });
  }

  private setState(s: DeviceState): void {
    if (JSON.stringify(s) === JSON.stringify(this.state_)) return;
    this.state_ = s;
    this.emit('status', { deviceId: this.id, role: 'ticket-printer', state: s, at: this.o.now().toISOString() });
  }

  // ---- connection -------------------------------------------------------------------------------------

  private async tryConnect(): Promise<void> {
    if (!this.running || this.transport.isOpen) return;
    try {
      await this.transport.open();
    } catch {
      this.setState({ kind: 'absent' });
      this.scheduleReconnect();
      return;
    }
    this.framer = new StatusFramer();
    this.setState({ kind: 'connecting' });
    try {
      if (this.profile.status.asb) await this.transport.write(Uint8Array.from(cmd.enableAsb(true)));
      if (this.profile.status.dleEot) await this.checkStatus();
      else this.applyProblems(this.asbProblems);
    } catch (e) {
      // status-timeout already set the error state; a lost line is handled by the close listener
      if (!(e instanceof PrinterError)) throw e;
    }
    this.schedulePoll();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.o.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.o.timers.setTimeout(() => void this.tryConnect(), this.o.reconnectIntervalMs);
  }

  private schedulePoll(): void {
    if (!this.running || !this.profile.status.dleEot) return;
    this.o.timers.clearTimeout(this.pollTimer);
    this.pollTimer = this.o.timers.setTimeout(() => {
      if (!this.transport.isOpen) return;
      this.checkStatus()
        .catch((e: unknown) => {
          if (!(e instanceof PrinterError)) throw e; // state already updated for printer errors
        })
        .finally(() => this.schedulePoll());
    }, this.o.pollIntervalMs);
  }

  private onTransportClose(err?: Error): void {
    this.failPending('disconnected', `printer ${this.id}: line closed${err ? ` (${err.message})` : ''}`);
    this.o.timers.clearTimeout(this.pollTimer);
    if (!this.running) return;
    this.setState({
      kind: 'error',
      problems: ['unplugged'],
      message: `printer ${this.id} went away${err ? `: ${err.message}` : ''}; reconnecting`,
    });
    this.scheduleReconnect();
  }
}

export function supportedByProfile(profile: PrinterProfile, d: PortDescriptor): boolean {
  return (profile.usb ?? []).some(
    (u) => u.vendorId === d.vendorId?.toLowerCase() && u.productId === d.productId?.toLowerCase(),
  );
}

/** The usual construction: a shipped profile id + a serial path (+ options). */
export function createSerialPrinterDriver(
  opts: { id: string; profileId: string; path: string; baudRate?: number } & Omit<SerialPrinterDriverOptions, 'id' | 'profile' | 'transport' | 'path'>,
): SerialPrinterDriver {
  const profile = loadProfile(opts.profileId);
  const transport = new SerialTransport({
    path: opts.path,
    baudRate: opts.baudRate ?? profile.serial.baudRate,
    rtscts: profile.serial.rtscts,
  });
  return new SerialPrinterDriver({ ...opts, profile, transport });
}
