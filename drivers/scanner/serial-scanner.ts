import { EventEmitter } from 'node:events';
import type { DeviceRole, DeviceState, DeviceStatusEvent } from '../device/state.ts';
import { serialScannerConfigSchema, mrzReaderConfigSchema, type MrzReaderConfig, type SerialScannerConfig } from './config.ts';
import { MrzFramer, ScanFramer } from './framing.ts';
import { toScanEvent, type Parse, type ScanEvent, type ScannerDriver } from './scan-event.ts';
import { SerialLine, type SerialLineDeps } from './serial-line.ts';

export interface SerialDriverDeps extends SerialLineDeps {
  clock?: () => Date;
  parse?: Parse;
}

/** Shape of a serial port listing (serialport's PortInfo), as discovery reports it. */
export interface SerialDescriptor {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  manufacturer?: string | undefined;
}

// USB vendor IDs of scanner makers whose devices enumerate as CDC-ACM in "USB COM" mode.
const SCANNER_VENDORS = new Set(['0c2e' /* Honeywell */, '05e0' /* Zebra/Symbol */, '05f9' /* Datalogic */, '1eab' /* Newland */, '065a' /* Opticon */]);

function matchesIds(d: SerialDescriptor, vendorId: string | undefined, productId: string | undefined): boolean {
  const vid = d.vendorId?.toLowerCase();
  const pid = d.productId?.toLowerCase();
  return vid === vendorId && (productId === undefined || pid === productId);
}

abstract class SerialScanDriver extends EventEmitter implements ScannerDriver {
  abstract readonly role: DeviceRole;
  readonly id: string;
  readonly #line: SerialLine;
  readonly #clock: () => Date;
  readonly #parse: Parse | undefined;

  protected constructor(id: string, line: SerialLine, deps: SerialDriverDeps) {
    super();
    this.id = id;
    this.#line = line;
    this.#clock = deps.clock ?? (() => new Date());
    this.#parse = deps.parse;
    line.on('state', (state) => {
      const ev: DeviceStatusEvent = { deviceId: this.id, role: this.role, state, at: this.#clock().toISOString() };
      this.emit('state', ev);
    });
    line.on('frame', (payload) => {
      const ev: ScanEvent = toScanEvent(this.id, this.role, payload, null, this.#clock(), this.#parse);
      this.emit('scan', ev);
    });
  }

  get state(): DeviceState {
    return this.#line.state;
  }

  start(): void {
    this.#line.start();
  }

  stop(): Promise<void> {
    return this.#line.stop();
  }
}

/** USB-COM barcode/QR scanner: one frame per scan, terminated by the configured suffix. */
export class SerialScannerDriver extends SerialScanDriver {
  readonly role = 'qr-scanner' as const;
  readonly config: SerialScannerConfig;

  constructor(config: unknown, deps: SerialDriverDeps = {}) {
    const c = serialScannerConfigSchema.parse(config);
    const line = new SerialLine(
      {
        path: c.path,
        baudRate: c.baudRate,
        reopenIntervalMs: c.reopenIntervalMs,
        makeFramer: () => new ScanFramer({ terminators: c.suffixes, prefix: c.prefix, maxBytes: c.maxFrameBytes }),
      },
      deps,
    );
    super(c.id, line, deps);
    this.config = c;
  }

  /** Discovery hands us a port; we say whether this driver should drive it. */
  static supported(descriptor: SerialDescriptor, config?: Pick<SerialScannerConfig, 'vendorId' | 'productId'>): boolean {
    if (config?.vendorId) return matchesIds(descriptor, config.vendorId, config.productId);
    return descriptor.vendorId !== undefined && SCANNER_VENDORS.has(descriptor.vendorId.toLowerCase());
  }
}

/** MRZ reader: 2 or 3 lines per document, optionally framed by start/end bytes. */
export class MrzReaderDriver extends SerialScanDriver {
  readonly role = 'mrz-reader' as const;
  readonly config: MrzReaderConfig;

  constructor(config: unknown, deps: SerialDriverDeps = {}) {
    const c = mrzReaderConfigSchema.parse(config);
    const line = new SerialLine(
      {
        path: c.path,
        baudRate: c.baudRate,
        reopenIntervalMs: c.reopenIntervalMs,
        makeFramer: () =>
          new MrzFramer({ startBytes: c.startBytes, endBytes: c.endBytes, maxBytes: c.maxFrameBytes, idleFlushMs: c.groupIdleMs }),
      },
      deps,
    );
    super(c.id, line, deps);
    this.config = c;
  }

  /** MRZ readers share generic USB-serial chips, so only an explicit vendor/product id identifies one. */
  static supported(descriptor: SerialDescriptor, config?: Pick<MrzReaderConfig, 'vendorId' | 'productId'>): boolean {
    return config?.vendorId !== undefined && matchesIds(descriptor, config.vendorId, config.productId);
  }
}
