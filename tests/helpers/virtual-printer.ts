// A virtual ESC/POS printer: interprets the byte stream the way a TM-T88-class firmware would (text in the
// selected code page decoded back to Unicode, GS ! sizes, raster images, QR, CODE128, cut), keeps the
// printed tickets and answers DLE EOT / ASB with a configurable status. Runs on the peer end of a pty.
import iconv from 'iconv-lite';
import { SerialPort } from 'serialport';
import { decodeBytes, type CodePageId } from '../../drivers/printer/codepages/index.ts';
import type { PrinterProfile } from '../../drivers/printer/profile.ts';

export type PrintedItem =
  | { kind: 'text'; text: string; via: CodePageId | `other:${string}` | 'unknown-page'; bytes: number[]; width: number; height: number; bold: boolean; align: number }
  | { kind: 'raster'; widthDots: number; height: number; data: Uint8Array; align: number }
  | { kind: 'qr'; data: string; moduleSize: number }
  | { kind: 'barcode'; system: number; data: string }
  | { kind: 'feed'; lines: number };

export interface PrintedTicket {
  items: PrintedItem[];
  cut: 'full' | 'partial' | 'tear';
}

/** Epson pages other libraries select (for the bench's comparison), decoded with iconv-lite. */
const EPSON_OTHER_PAGES: Readonly<Record<number, string>> = { 2: 'cp850', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858' };

export interface VirtualStatus {
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  offline: boolean;
}

/** The byte-stream interpreter, usable without any port (unit tests feed it split chunks). */
export class EscPosInterpreter {
  readonly tickets: PrintedTicket[] = [];
  items: PrintedItem[] = [];
  readonly unknown: string[] = [];
  status: VirtualStatus = { paperNearEnd: false, paperOut: false, coverOpen: false, offline: false };
  asbEnabled = false;
  /** bytes received that were not DLE EOT / GS a (i.e. print data) */
  printBytes = 0;
  private buf: number[] = [];
  private line: number[] = [];
  private page = 0;
  private align = 0;
  private bold = false;
  private size = 0;
  private qrData = '';
  private qrModule = 3;

  constructor(
    private readonly profile: PrinterProfile,
    /** where replies (DLE EOT, ASB) go */
    private readonly reply: (bytes: number[]) => void = () => undefined,
  ) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.buf.push(b);
    for (;;) {
      const first = this.buf[0];
      const used = this.step();
      if (used === 0) break;
      if (first !== 0x10) this.printBytes += used;
      this.buf.splice(0, used);
    }
  }

  /** Printers without a cutter: the citizen tears the ticket off; ends the current ticket. */
  tear(): void {
    if (this.line.length || this.items.length) this.endTicket('tear');
  }

  setStatus(s: Partial<VirtualStatus>): void {
    this.status = { ...this.status, ...s };
    if (this.asbEnabled) this.reply(this.asb());
  }

  /** Lines of text (raster lines shown as [raster WxH]) of a ticket, for readable assertions. */
  static textOf(t: PrintedTicket | { items: PrintedItem[] }): string[] {
    return t.items.flatMap((i) =>
      i.kind === 'text' ? [i.text] : i.kind === 'raster' ? [`[raster ${i.widthDots}x${i.height}]`] : [],
    );
  }

  private realtime(n: number): number {
    const s = this.status;
    const offline = s.offline || s.paperOut || s.coverOpen;
    switch (n) {
      case 1:
        return 0x12 | (offline ? 0x08 : 0);
      case 2:
        return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
      case 3:
        return 0x12;
      default:
        return 0x12 | (s.paperNearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    }
  }

  private asb(): number[] {
    const s = this.status;
    const offline = s.offline || s.paperOut || s.coverOpen;
    return [
      0x10 | (offline ? 0x08 : 0) | (s.coverOpen ? 0x20 : 0),
      0x00,
      (s.paperNearEnd || s.paperOut ? 0x03 : 0) | (s.paperOut ? 0x0c : 0),
      0x00,
    ];
  }

  private flushLine(): void {
    const id = this.profile.codePages.find((c) => c.page === this.page)?.id;
    const other = EPSON_OTHER_PAGES[this.page];
    // ASCII is the same on every page; only the upper half depends on the selected page.
    const text = id
      ? decodeBytes(id, Uint8Array.from(this.line))
      : other
        ? iconv.decode(Buffer.from(this.line), other).normalize('NFC')
        : this.line.map((b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
    this.items.push({
      kind: 'text',
      text,
      via: id ?? (other ? `other:${other}` : 'unknown-page'),
      bytes: this.line,
      width: (this.size >> 4) + 1,
      height: (this.size & 0x0f) + 1,
      bold: this.bold,
      align: this.align,
    });
    this.line = [];
  }

  private endTicket(cut: PrintedTicket['cut']): void {
    if (this.line.length) this.flushLine();
    this.tickets.push({ items: this.items, cut });
    this.items = [];
  }

  /** Interpret one command at the head of buf; 0 = need more bytes. */
  private step(): number {
    const b = this.buf;
    const at = (i: number) => b[i];
    const c0 = at(0);
    if (c0 === undefined) return 0;
    const need = (n: number) => (b.length >= n ? n : 0);
    if (c0 === 0x10) {
      if (b.length < 3) return 0;
      if (at(1) === 0x04) this.reply([this.realtime(at(2)!)]);
      else this.unknown.push(`DLE ${at(1)}`);
      return 3;
    }
    if (c0 === 0x0a) {
      if (this.line.length) this.flushLine();
      else this.items.push({ kind: 'feed', lines: 1 });
      return 1;
    }
    if (c0 === 0x1b) {
      const c1 = at(1);
      if (c1 === undefined) return 0;
      if (c1 === 0x40) {
        this.page = 0;
        this.align = 0;
        this.bold = false;
        this.size = 0;
        return 2;
      }
      if (c1 === 0x32 || c1 === 0x3c) return 2; // ESC 2 (default line spacing), ESC < (home)
      if (c1 === 0x24 || c1 === 0x5c) return need(4); // ESC $ / ESC \ positions: ignored
      if (b.length < 3) return 0;
      const n = at(2)!;
      // Setting commands with one parameter the model ignores (spacing, font, underline, upside-down…)
      if ([0x20, 0x21, 0x2d, 0x33, 0x3d, 0x4a, 0x4d, 0x52, 0x56, 0x7b, 0x47].includes(c1)) return 3;
      if (c1 === 0x74) this.page = n;
      else if (c1 === 0x61) this.align = n;
      else if (c1 === 0x45) this.bold = n === 1;
      else if (c1 === 0x64) {
        if (this.line.length) this.flushLine();
        this.items.push({ kind: 'feed', lines: n });
      } else this.unknown.push(`ESC ${c1}`);
      return 3;
    }
    if (c0 === 0x1c) {
      if (b.length < 2) return 0;
      const c1 = at(1)!;
      if (c1 === 0x28) {
        if (b.length < 5) return 0;
        return need(5 + at(3)! + at(4)! * 256);
      }
      if (c1 === 0x53) return need(4); // FS S: Kanji spacing
      if (c1 === 0x2d || c1 === 0x43 || c1 === 0x57 || c1 === 0x21) return need(3);
      if (c1 !== 0x2e && c1 !== 0x26) this.unknown.push(`FS ${c1}`);
      return 2;
    }
    if (c0 === 0x1d) {
      const c1 = at(1);
      if (c1 === undefined) return 0;
      if (c1 === 0x38 && at(2) === 0x4c) {
        if (b.length < 7) return 0;
        return need(7 + at(3)! + at(4)! * 256 + at(5)! * 65536 + at(6)! * 16777216); // GS 8 L: graphics, not modelled
      }
      if (c1 === 0x76) {
        if (b.length < 8) return 0;
        const xBytes = at(4)! + at(5)! * 256;
        const y = at(6)! + at(7)! * 256;
        const total = 8 + xBytes * y;
        if (b.length < total) return 0;
        if (this.line.length) this.flushLine();
        this.items.push({ kind: 'raster', widthDots: xBytes * 8, height: y, data: Uint8Array.from(b.slice(8, total)), align: this.align });
        return total;
      }
      if (c1 === 0x28 && at(2) !== 0x6b) {
        if (b.length < 5) return 0;
        return need(5 + at(3)! + at(4)! * 256); // other GS ( functions: ignored
      }
      if (c1 === 0x4c || c1 === 0x57 || c1 === 0x50 || c1 === 0x24) return need(4); // margins, width, motion units
      if (c1 === 0x28 && at(2) === 0x6b) {
        if (b.length < 5) return 0;
        const len = at(3)! + at(4)! * 256;
        const total = 5 + len;
        if (b.length < total) return 0;
        const fn = at(6);
        if (fn === 0x43) this.qrModule = at(7)!;
        if (fn === 0x50) this.qrData = Buffer.from(b.slice(8, total)).toString('utf8');
        if (fn === 0x51) this.items.push({ kind: 'qr', data: this.qrData, moduleSize: this.qrModule });
        return total;
      }
      if (c1 === 0x6b) {
        if (b.length < 4) return 0;
        const m = at(2)!;
        const n = at(3)!;
        if (b.length < 4 + n) return 0;
        let data = Buffer.from(b.slice(4, 4 + n)).toString('latin1');
        if (m === 73) data = data.replace(/^\{[ABC]/, '').replace(/\{\{/g, '{');
        this.items.push({ kind: 'barcode', system: m, data });
        return 4 + n;
      }
      if (c1 === 0x56) {
        if (b.length < 3) return 0;
        const m = at(2)!;
        if (m === 65 || m === 66) {
          if (b.length < 4) return 0;
          this.endTicket(m === 65 ? 'full' : 'partial');
          return 4;
        }
        this.endTicket(m === 0 || m === 48 ? 'full' : 'partial');
        return 3;
      }
      if (b.length < 3) return 0;
      const n = at(2)!;
      if (c1 === 0x21) this.size = n;
      else if (c1 === 0x61) {
        this.asbEnabled = n !== 0;
        if (this.asbEnabled) this.reply(this.asb());
      } else if (![0x68, 0x77, 0x48, 0x42, 0x66, 0x72, 0x62].includes(c1)) this.unknown.push(`GS ${c1}`);
      return 3;
    }
    if (c0 < 0x20) {
      this.unknown.push(`control 0x${c0.toString(16)}`);
      return 1;
    }
    this.line.push(c0);
    return need(1);
  }
}

export interface VirtualPrinter {
  readonly interpreter: EscPosInterpreter;
  readonly tickets: PrintedTicket[];
  setStatus(s: Partial<VirtualStatus>): void;
  /** Called with the running total of bytes received; lets a test pull the cable mid-ticket. */
  onReceived(listener: (total: number) => void): void;
  close(): Promise<void>;
}

/** Open the peer end of a pty with the real serialport binding and play the printer there. */
export async function startVirtualPrinter(peerPath: string, profile: PrinterProfile): Promise<VirtualPrinter> {
  const port = new SerialPort({ path: peerPath, baudRate: profile.serial.baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('error', () => undefined); // the pty vanishing under us is part of the tests
  const interpreter = new EscPosInterpreter(profile, (bytes) => {
    if (port.isOpen) port.write(Buffer.from(bytes));
  });
  const listeners: Array<(n: number) => void> = [];
  let total = 0;
  port.on('data', (chunk: Buffer) => {
    total += chunk.length;
    interpreter.push(chunk);
    for (const l of listeners) l(total);
  });
  return {
    interpreter,
    tickets: interpreter.tickets,
    setStatus: (s) => interpreter.setStatus(s),
    onReceived: (l) => listeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
