import { Transform, type TransformCallback } from 'node:stream';
import { createFrameSplitter, decodeFrame, type FrameSplitterOptions } from './frame-splitter.ts';
import { createMrzGrouper } from './mrz-grouper.ts';

/**
 * Byte stream → one string per scan, for serial (USB-COM) scanners. Object-mode output. Emits
 * 'overflow' (count) when it drops an over-long frame; never errors on content.
 */
export class ScanFramer extends Transform {
  readonly #splitter;

  constructor(options: FrameSplitterOptions) {
    super({ readableObjectMode: true });
    this.#splitter = createFrameSplitter(options);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const { frames, overflows } = this.#splitter.push(chunk);
    for (const f of frames) this.push(decodeFrame(f));
    if (overflows > 0) this.emit('overflow', overflows);
    done();
  }
}

export interface MrzFramerOptions {
  /** Block start byte(s) some readers send (e.g. STX = [0x02]). */
  startBytes?: readonly number[] | undefined;
  /** Block end byte(s) (e.g. ETX = [0x03]). Without them, lines are grouped by shape. */
  endBytes?: readonly number[] | undefined;
  maxBytes: number;
  /**
   * Line-grouping mode only: a document still incomplete this long after its last line is emitted as it is,
   * so a failed read gets an answer (the parser's error) instead of waiting for the next document.
   */
  idleFlushMs?: number | undefined;
}

/** Byte stream → one multi-line MRZ string per document. Object-mode output. */
export class MrzFramer extends Transform {
  readonly #splitter;
  readonly #grouper;
  readonly #idleMs: number | undefined;
  #idle: NodeJS.Timeout | null = null;

  constructor(options: MrzFramerOptions) {
    super({ readableObjectMode: true });
    const block = options.endBytes !== undefined && options.endBytes.length > 0;
    this.#splitter = createFrameSplitter({
      terminators: block ? [options.endBytes!] : [[0x0d], [0x0a]],
      prefix: options.startBytes,
      maxBytes: options.maxBytes,
    });
    this.#grouper = block ? null : createMrzGrouper();
    this.#idleMs = options.idleFlushMs;
  }

  #armIdle(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (this.#grouper === null || this.#idleMs === undefined) return;
    const grouper = this.#grouper;
    this.#idle = setTimeout(() => {
      this.#idle = null;
      const pending = grouper.flush();
      if (pending !== null && !this.destroyed) this.push(pending);
    }, this.#idleMs);
  }

  override _flush(done: TransformCallback): void {
    if (this.#idle) clearTimeout(this.#idle);
    const pending = this.#grouper?.flush() ?? null;
    if (pending !== null) this.push(pending);
    done();
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    if (this.#idle) clearTimeout(this.#idle);
    done(err);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const { frames, overflows } = this.#splitter.push(chunk);
    for (const f of frames) {
      const text = decodeFrame(f);
      if (this.#grouper === null) {
        const block = text.replace(/^[\r\n]+|[\r\n]+$/g, '');
        if (block !== '') this.push(block);
      } else {
        for (const block of this.#grouper.push(text)) this.push(block);
      }
    }
    if (overflows > 0) this.emit('overflow', overflows);
    this.#armIdle();
    done();
  }
}
