import { EventEmitter } from 'node:events';
import { realpathSync } from 'node:fs';
import type { Transform } from 'node:stream';
import { SerialPort } from 'serialport';
import type { DeviceState } from '../device/state.ts';

/**
 * A serial line that keeps itself open: opens `path`, pipes bytes through a fresh framer, and when the
 * device goes away (read error, close) waits for the path to reappear and reopens it. Moves bytes only;
 * what a frame means is the owner's business. Emits 'state' (DeviceState) and 'frame' (string).
 */
export interface SerialLineDeps {
  /** Opens the port (real binding by default; tests may pass a mock). */
  openPort?: (path: string, baudRate: number) => SerialPortLike;
  /** The device node behind `path` (symlinks resolved), or null when it is not there. */
  resolve?: (path: string) => string | null;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface SerialPortLike extends NodeJS.EventEmitter {
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  pipe<T extends NodeJS.WritableStream>(dest: T): T;
  unpipe(dest?: NodeJS.WritableStream): this;
  readonly isOpen: boolean;
}

export interface SerialLineOptions {
  path: string;
  baudRate: number;
  reopenIntervalMs: number;
  makeFramer: () => Transform;
}

export class SerialLine extends EventEmitter<{ state: [DeviceState]; frame: [string]; overflow: [number] }> {
  // null until start() reports the first state, so that first state is always emitted.
  #state: DeviceState | null = null;
  #port: SerialPortLike | null = null;
  #framer: Transform | null = null;
  #timer: unknown = null;
  #running = false;
  #everOpened = false;
  readonly #o: SerialLineOptions;
  readonly #openPort: NonNullable<SerialLineDeps['openPort']>;
  readonly #resolve: NonNullable<SerialLineDeps['resolve']>;
  #openedNode: string | null = null;
  readonly #setTimer: NonNullable<SerialLineDeps['setTimer']>;
  readonly #clearTimer: NonNullable<SerialLineDeps['clearTimer']>;

  constructor(options: SerialLineOptions, deps: SerialLineDeps = {}) {
    super();
    this.#o = options;
    this.#openPort = deps.openPort ?? ((path, baudRate) => new SerialPort({ path, baudRate, autoOpen: false }));
    this.#resolve = deps.resolve ?? resolveNode;
    this.#setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  get state(): DeviceState {
    return this.#state ?? { kind: 'absent' };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attempt();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
    const port = this.#detach();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  #set(state: DeviceState): void {
    const same = JSON.stringify(state) === JSON.stringify(this.#state);
    this.#state = state;
    if (!same) this.emit('state', state);
  }

  #retryLater(): void {
    if (!this.#running) return;
    this.#timer = this.#setTimer(() => {
      this.#timer = null;
      this.#attempt();
    }, this.#o.reopenIntervalMs);
  }

  #lost(message: string): void {
    const port = this.#detach();
    // Release the file descriptor; its own 'close' is ignored because the port is already detached.
    if (port?.isOpen) port.close(() => undefined);
    this.#set(
      this.#everOpened
        ? { kind: 'error', problems: ['unplugged'], message }
        : { kind: 'absent' },
    );
    this.#retryLater();
  }

  #attempt(): void {
    if (!this.#running) return;
    const node = this.#resolve(this.#o.path);
    if (node === null) {
      // Not there (yet, or any more): stay in the state we are in, look again later.
      if (this.#state?.kind !== 'error') this.#set({ kind: 'absent' });
      this.#retryLater();
      return;
    }
    this.#set({ kind: 'connecting' });
    let port: SerialPortLike;
    try {
      port = this.#openPort(this.#o.path, this.#o.baudRate);
    } catch (e) {
      this.#set({ kind: 'error', problems: ['error'], message: `cannot create port: ${(e as Error).message}` });
      this.#retryLater();
      return;
    }
    this.#port = port;
    port.on('error', (err: Error) => {
      if (this.#port === port) this.#lost(`serial error: ${err.message}`);
    });
    port.on('close', () => {
      if (this.#port === port) this.#lost('device closed (unplugged?)');
    });
    port.open((err) => {
      if (this.#port !== port) {
        // Stopped or superseded while opening: do not leak the descriptor.
        if (!err && port.isOpen) port.close(() => undefined);
        return;
      }
      if (err) {
        this.#detach();
        this.#set({ kind: 'error', problems: ['error'], message: `cannot open: ${err.message}` });
        this.#retryLater();
        return;
      }
      if (!this.#running) {
        void this.stop();
        return;
      }
      const framer = this.#o.makeFramer();
      framer.on('data', (frame: string) => this.emit('frame', frame));
      framer.on('overflow', (n: number) => this.emit('overflow', n));
      port.pipe(framer);
      this.#framer = framer;
      this.#everOpened = true;
      this.#openedNode = node;
      this.#set({ kind: 'ready' });
      this.#watch(port);
    });
  }

  /**
   * The kernel does not always wake a blocked reader when a device goes (a pty's other end closing gives
   * POLLHUP, which libuv does not report as readable), so also watch the path: udev removes
   * /dev/ttyACM* and its by-id link on unplug, and a quick replug may land on a different node.
   */
  #watch(port: SerialPortLike): void {
    this.#timer = this.#setTimer(() => {
      this.#timer = null;
      if (this.#port !== port || !this.#running) return;
      const node = this.#resolve(this.#o.path);
      if (node === null || node !== this.#openedNode) this.#lost('device path went away (unplugged)');
      else this.#watch(port);
    }, this.#o.reopenIntervalMs);
  }

  /** Forget the current port; a new framer is made on reopen so half a frame never joins the next one. */
  #detach(): SerialPortLike | null {
    const port = this.#port;
    this.#port = null;
    if (port && this.#framer) port.unpipe(this.#framer);
    this.#framer?.removeAllListeners('data');
    this.#framer?.destroy();
    this.#framer = null;
    return port;
  }
}

function resolveNode(path: string): string | null {
  try {
    return realpathSync(path);
  } catch (e) {
    // ENOENT (or a dangling by-id link) simply means "not plugged in"; anything else is worth seeing.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}
