// The real transport: serialport's SerialPort with the real (native) binding. A new SerialPort per open(),
// so a port that went away can simply be opened again when the device comes back.
import { SerialPort } from 'serialport';
import { Listeners, TransportError, type Transport } from './transport.ts';

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  rtscts?: boolean;
}

/**
 * Errors that mean the device itself is gone (unplugged, pty peer closed), not a refused write. Writes fail
 * with a Node error code; the native tcdrain fails with only strerror's text ("Input/output error, cannot drain").
 */
const GONE_CODES = new Set(['EIO', 'ENXIO', 'ENODEV', 'EBADF']);
const GONE_TEXT = /Input\/output error|No such device|Bad file descriptor/;
function lineGone(err: Error): boolean {
  const e = err as Error & { code?: string; disconnect?: boolean; disconnected?: boolean };
  return Boolean(e.disconnect || e.disconnected || (e.code && GONE_CODES.has(e.code))) || GONE_TEXT.test(err.message);
}

export class SerialTransport implements Transport {
  private port: SerialPort | undefined;
  /** Why this transport closed the port itself (the device went away mid-write), for the close listeners. */
  private goneReason: Error | undefined;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();

  constructor(private readonly opts: SerialTransportOptions) {}

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = new SerialPort({
      path: this.opts.path,
      baudRate: this.opts.baudRate,
      rtscts: this.opts.rtscts ?? false,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err ? reject(new TransportError('open-failed', `cannot open ${this.opts.path}: ${err.message}`, { cause: err })) : resolve(),
      ),
    );
    this.port = port;
    port.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
    // Without an 'error' listener a late write error would crash the process.
    port.on('error', () => undefined /* surfaced through write() rejections and the close event */);
    port.once('close', (err: Error | null) => {
      if (this.port === port) this.port = undefined;
      port.removeAllListeners('data');
      this.closed.emit(err ?? this.goneReason);
      this.goneReason = undefined;
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new TransportError('not-open', `${this.opts.path} is not open`);
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: Error | null) => {
        if (settled) return;
        settled = true;
        port.off('close', onClose);
        if (!err) return resolve();
        if (!lineGone(err)) return reject(new TransportError('write-failed', `write to ${this.opts.path} failed: ${err.message}`, { cause: err }));
        // tcdrain on an unplugged device fails with EIO without serialport closing the port: close it here,
        // so the driver sees the line gone (and reconnects) instead of a port that looks open but is dead.
        if (port.isOpen) {
          this.goneReason = err;
          port.close(() => undefined);
        }
        reject(new TransportError('closed', `${this.opts.path} went away during write: ${err.message}`, { cause: err }));
      };
      const onClose = (err: Error | null) => finish(Object.assign(err ?? new Error('port closed during write'), { disconnect: true }));
      port.once('close', onClose);
      port.write(Buffer.from(bytes), (err) => {
        if (err) return finish(err);
        port.drain((e) => finish(e));
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.closed.add(listener);
  }
}
