// What a driver needs from a byte pipe. Transports only move bytes; swapping real for in-memory is one line.
export interface Transport {
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes have left (written and drained); rejects if the line is gone. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called when the line closes, with an error if it went away unasked (unplugged). */
  onClose(listener: (error?: Error) => void): () => void;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: 'open-failed' | 'not-open' | 'write-failed' | 'closed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A tiny per-instance listener set (no module-level state). */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...a: A) => void>();
  add(fn: (...a: A) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }
  emit(...a: A): void {
    for (const fn of [...this.set]) fn(...a);
  }
}
