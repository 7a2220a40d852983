// In-memory transport: the test or simulator plays the device through `device`.
import { Listeners, TransportError, type Transport } from './transport.ts';

export interface MemoryDevice {
  /** Everything the driver wrote, in order. */
  readonly written: Uint8Array[];
  /** Called with each write, so a fake printer can answer (e.g. DLE EOT). */
  onWrite(listener: (bytes: Uint8Array) => void): () => void;
  /** Send bytes to the driver. */
  send(bytes: Uint8Array): void;
  /** Simulate the cable being pulled. */
  unplug(): void;
  /** Let the next open() succeed again (after unplug) or fail. */
  setPresent(present: boolean): void;
}

export class MemoryTransport implements Transport {
  private open_ = false;
  private present = true;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();
  private readonly writes = new Listeners<[Uint8Array]>();
  readonly device: MemoryDevice;

  constructor() {
    const written: Uint8Array[] = [];
    this.writes.add((b) => written.push(b));
    this.device = {
      written,
      onWrite: (l) => this.writes.add(l),
      send: (bytes) => {
        if (this.open_) this.data.emit(bytes);
      },
      unplug: () => {
        this.present = false;
        if (this.open_) {
          this.open_ = false;
          this.closed.emit(new Error('device unplugged'));
        }
      },
      setPresent: (p) => {
        this.present = p;
      },
    };
  }

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (!this.present) throw new TransportError('open-failed', 'memory device is not present');
    this.open_ = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) throw new TransportError('not-open', 'memory device is not open');
    this.writes.emit(bytes.slice());
    await Promise.resolve();
    if (!this.open_) throw new TransportError('write-failed', 'memory device went away during write');
  }

  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    this.closed.emit(undefined);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.closed.add(listener);
  }
}
