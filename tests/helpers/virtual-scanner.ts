import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPtyPair, type PtyPair } from './pty.ts';

/**
 * The device end of a scanner, written from the peer side of a socat pty pair: what a USB-COM scanner or
 * MRZ reader would put on the wire, in whatever chunks the test chooses.
 */
export interface VirtualScanner {
  /** Write bytes as one chunk. */
  write(bytes: Uint8Array | string): Promise<void>;
  /** Write bytes split at the given sizes (the rest as a final chunk), pausing between chunks. */
  writeSplit(bytes: Uint8Array | string, sizes: number[]): Promise<void>;
  /** A scan as a scanner sends it: payload (UTF-8) + suffix, optionally split. */
  scan(payload: string, options?: { suffix?: string; split?: number[] }): Promise<void>;
  close(): void;
}

const pause = () => new Promise((r) => setTimeout(r, 15)); // lets each chunk reach the reader on its own

export function openVirtualScanner(peerPath: string): VirtualScanner {
  const fd = openSync(peerPath, 'r+');
  let open = true;
  const toBytes = (b: Uint8Array | string) => (typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b));
  const writeAll = (buf: Buffer) => {
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off);
  };
  const v: VirtualScanner = {
    async write(bytes) {
      writeAll(toBytes(bytes));
      await pause();
    },
    async writeSplit(bytes, sizes) {
      const buf = toBytes(bytes);
      let at = 0;
      for (const n of sizes) {
        if (at >= buf.length) break;
        writeAll(buf.subarray(at, at + n));
        at += n;
        await pause();
      }
      if (at < buf.length) writeAll(buf.subarray(at));
      await pause();
    },
    async scan(payload, options = {}) {
      const bytes = Buffer.from(payload + (options.suffix ?? '\r\n'), 'utf8');
      if (options.split) await v.writeSplit(bytes, options.split);
      else await v.write(bytes);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
  return v;
}

/**
 * A scanner that can be unplugged and plugged back at the same path, like /dev/serial/by-id/…: the
 * stable path is a symlink we re-point at a fresh pty pair on every plug.
 */
export interface PluggableScanner {
  readonly devicePath: string;
  plug(): Promise<VirtualScanner>;
  unplug(): Promise<void>;
  dispose(): Promise<void>;
}

export function createPluggableScanner(): PluggableScanner {
  const dir = mkdtempSync(join(tmpdir(), 'letan-scanner-'));
  const devicePath = join(dir, 'by-id-scanner');
  let pair: PtyPair | null = null;
  let scanner: VirtualScanner | null = null;
  const unplug = async () => {
    scanner?.close();
    scanner = null;
    try {
      unlinkSync(devicePath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await pair?.close();
    pair = null;
  };
  return {
    devicePath,
    async plug() {
      await unplug();
      pair = await openPtyPair();
      symlinkSync(pair.devicePath, devicePath);
      scanner = openVirtualScanner(pair.peerPath);
      return scanner;
    },
    unplug,
    async dispose() {
      await unplug();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolve with the next event of that name satisfying `pred` (no time limit: the test timeout is the limit). */
export function nextEvent<T>(emitter: NodeJS.EventEmitter, name: string, pred: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const on = (v: T) => {
      if (!pred(v)) return;
      emitter.off(name, on);
      resolve(v);
    };
    emitter.on(name, on);
  });
}

/** Builds 64-byte HID POS scanned-data reports the way a Honeywell/Zebra scanner in HID POS mode sends them. */
export function hidPosReports(payload: Uint8Array, aim = ']Q1'): Buffer[] {
  const reports: Buffer[] = [];
  for (let at = 0; at < payload.length || reports.length === 0; at += 56) {
    const part = payload.subarray(at, at + 56);
    const r = Buffer.alloc(64);
    r[0] = 0x02;
    r[1] = part.length;
    r.write(aim, 2, 'latin1');
    Buffer.from(part).copy(r, 5);
    r[63] = at + 56 < payload.length ? 0x01 : 0x00;
    reports.push(r);
  }
  return reports;
}
