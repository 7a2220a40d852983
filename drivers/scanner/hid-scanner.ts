import { EventEmitter } from 'node:events';
import type { DeviceState, DeviceStatusEvent } from '../device/state.ts';
import { createHidDescriptorReader, type ReadFile } from '../discovery/hid.ts';
import { hidScannerConfigSchema, type HidScannerConfig } from './config.ts';
import { resolveHidPosLayout, type ResolvedHidLayout } from './hid-layout.ts';
import { DEFAULT_HID_POS_LAYOUT, HidPosReportError, createHidPosAssembler, type HidPosAssembler } from './hid-pos.ts';
import { toScanEvent, type Parse, type ScannerDriver } from './scan-event.ts';

/** What node-hid's `devices()` reports for one interface. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** The part of node-hid's `HID` object we use: 'data' (Buffer per input report), 'error', close(). */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
}

export interface HidDriverDeps {
  listDevices?: () => Promise<HidDeviceInfo[]>;
  openDevice?: (path: string) => Promise<HidDeviceLike>;
  clock?: () => Date;
  parse?: Parse;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Reads the sysfs report descriptor (Linux); default fs.promises.readFile. */
  readFile?: ReadFile;
  /** Default process.platform; only 'linux' publishes report descriptors. */
  platform?: string;
}

const HID_POS_USAGE_PAGE = 0x8c;

// node-hid is loaded only when the real device is used, so importing this module never loads a native addon.
async function nodeHidList(): Promise<HidDeviceInfo[]> {
  const hid = await import('node-hid');
  return hid.devicesAsync();
}
async function nodeHidOpen(path: string): Promise<HidDeviceLike> {
  const hid = await import('node-hid');
  return new hid.HID(path);
}

/**
 * HID POS barcode scanner (usage page 0x8C). Emits 'state' (DeviceStatusEvent), 'scan' (ScanEvent),
 * 'layout' (ResolvedHidLayout, each time the device is opened: config, its report descriptor, or the default)
 * and 'reportError' (string, no payload data) for reports that do not follow that layout.
 */
export class HidScannerDriver extends EventEmitter implements ScannerDriver {
  readonly role = 'qr-scanner' as const;
  readonly id: string;
  readonly config: HidScannerConfig;
  #state: DeviceState | null = null;
  #device: HidDeviceLike | null = null;
  #assembler: HidPosAssembler;
  #timer: unknown = null;
  #running = false;
  #everOpened = false;
  #layout: ResolvedHidLayout | null = null;
  readonly #readDescriptor: (devicePath: string) => Promise<Uint8Array | null>;
  readonly #d: Required<Omit<HidDriverDeps, 'parse' | 'readFile' | 'platform'>> & { parse: Parse | undefined };

  constructor(config: unknown, deps: HidDriverDeps = {}) {
    super();
    this.config = hidScannerConfigSchema.parse(config);
    this.id = this.config.id;
    this.#d = {
      listDevices: deps.listDevices ?? nodeHidList,
      openDevice: deps.openDevice ?? nodeHidOpen,
      clock: deps.clock ?? (() => new Date()),
      parse: deps.parse,
      setTimer: deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout)),
    };
    this.#readDescriptor = createHidDescriptorReader({
      ...(deps.readFile ? { readFile: deps.readFile } : {}),
      ...(deps.platform ? { platform: deps.platform } : {}),
    });
    this.#assembler = createHidPosAssembler(this.config.layout ?? DEFAULT_HID_POS_LAYOUT, this.config.maxPayloadBytes);
  }

  /** Discovery hands us an interface; HID POS scanners say so by their usage page. */
  static supported(info: HidDeviceInfo, config?: Pick<HidScannerConfig, 'vendorId' | 'productId'>): boolean {
    if (config && (hex(info.vendorId) !== config.vendorId || hex(info.productId) !== config.productId)) return false;
    return info.usagePage === HID_POS_USAGE_PAGE;
  }

  get state(): DeviceState {
    return this.#state ?? { kind: 'absent' };
  }

  /** The layout reports are read with since the device was last opened; null before the first open. */
  get layout(): ResolvedHidLayout | null {
    return this.#layout;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#attempt();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== null) this.#d.clearTimer(this.#timer);
    this.#timer = null;
    this.#detach();
  }

  #set(state: DeviceState): void {
    const same = this.#state !== null && JSON.stringify(state) === JSON.stringify(this.#state);
    this.#state = state;
    if (same) return;
    const ev: DeviceStatusEvent = { deviceId: this.id, role: this.role, state, at: this.#d.clock().toISOString() };
    this.emit('state', ev);
  }

  #retryLater(): void {
    if (!this.#running) return;
    this.#timer = this.#d.setTimer(() => {
      this.#timer = null;
      void this.#attempt();
    }, this.config.reopenIntervalMs);
  }

  #find(list: HidDeviceInfo[]): HidDeviceInfo | undefined {
    const c = this.config;
    const candidates = list.filter(
      (d) => hex(d.vendorId) === c.vendorId && hex(d.productId) === c.productId && d.path !== undefined &&
        (c.serialNumber === undefined || d.serialNumber === c.serialNumber),
    );
    // A scanner may expose a keyboard interface too; the POS interface is the one to read.
    return candidates.find((d) => d.usagePage === HID_POS_USAGE_PAGE) ?? candidates.find((d) => d.usagePage === undefined);
  }

  async #attempt(): Promise<void> {
    if (!this.#running) return;
    let found: HidDeviceInfo | undefined;
    try {
      found = this.#find(await this.#d.listDevices());
    } catch (e) {
      this.#set({ kind: 'error', problems: ['error'], message: `cannot list HID devices: ${(e as Error).message}` });
      this.#retryLater();
      return;
    }
    if (!found?.path) {
      if (this.#state?.kind !== 'error') this.#set({ kind: 'absent' });
      this.#retryLater();
      return;
    }
    this.#set({ kind: 'connecting' });
    // Read before opening: a replugged scanner may have been switched to another mode (another descriptor).
    const layout = await resolveHidPosLayout(this.config.layout, found.path, this.#readDescriptor);
    if (!this.#running) return;
    let device: HidDeviceLike;
    try {
      device = await this.#d.openDevice(found.path);
    } catch (e) {
      this.#set({ kind: 'error', problems: ['error'], message: `cannot open HID device: ${(e as Error).message}` });
      this.#retryLater();
      return;
    }
    if (!this.#running) {
      device.close();
      return;
    }
    this.#device = device;
    this.#layout = layout;
    this.#assembler = createHidPosAssembler(layout.layout, this.config.maxPayloadBytes);
    this.emit('layout', layout);
    device.on('data', (report) => this.#onReport(report));
    device.on('error', (err) => {
      if (this.#device !== device) return;
      this.#detach();
      this.#set(this.#everOpened ? { kind: 'error', problems: ['unplugged'], message: `HID read failed (unplugged?): ${err.message}` } : { kind: 'absent' });
      this.#retryLater();
    });
    this.#everOpened = true;
    this.#set({ kind: 'ready' });
  }

  #onReport(report: Buffer): void {
    let scan;
    try {
      scan = this.#assembler.push(report);
    } catch (e) {
      if (!(e instanceof HidPosReportError)) throw e;
      this.#assembler.reset();
      this.emit('reportError', e.message);
      return;
    }
    if (scan) this.emit('scan', toScanEvent(this.id, this.role, scan.payload, scan.aim || null, this.#d.clock(), this.#d.parse));
  }

  #detach(): void {
    const device = this.#device;
    this.#device = null;
    if (!device) return;
    device.removeAllListeners('data');
    try {
      device.close();
    } catch (e) {
      // Closing a device that is already gone throws in node-hid; it is gone either way.
      this.emit('reportError', `close failed: ${(e as Error).message}`);
    }
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(4, '0');
}
