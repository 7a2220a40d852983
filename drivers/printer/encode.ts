// PrintDocument -> ESC/POS bytes for one profile. Pure apart from the raster step (async, via sharp).
// Vietnamese text goes through the profile's Vietnamese code page when that page holds every character
// of the line; otherwise the line is rasterised. Nothing ever degrades to '?'.
import type { Align, PrintBlock, PrintDocument } from './document.ts';
import { codePage, CODE_PAGE_IDS, type CodePage, type CodePageId } from './codepages/index.ts';
import * as cmd from './escpos.ts';
import { EncodeError } from './errors.ts';
import type { PrinterProfile, TextMode } from './profile.ts';
import { layoutText, loadFontSet, renderQr, renderTextLine, wrapByWidth, type Bitmap, type FontSet } from './raster.ts';

export interface EncodeOptions {
  /** Config override of profile.text.mode. */
  textMode?: TextMode;
  /** Fonts for raster lines; loaded on demand if not given (keep one per driver to save ~10 ms a ticket). */
  fonts?: FontSet;
}

/** How each printed text line went out: useful for tests, the bench and the technician page. */
export interface LineReport {
  text: string;
  via: 'ascii' | CodePageId | 'raster';
}

export interface Encoded {
  bytes: Uint8Array;
  lines: LineReport[];
}

/** Font A is 12 dots wide; raster text at size 1 is drawn 24 px high like Font A. */
const FONT_A_WIDTH = 12;
const RASTER_SIZE_PX = 24;

function isPlainAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/** Greedy wrap by character count (code-page lines: one byte cell per character). */
function wrapByColumns(text: string, columns: number): string[] {
  return wrapByWidth((s) => [...s.normalize('NFC')].length, text, columns);
}

export function vietnameseCodePageOf(profile: PrinterProfile): CodePageId | undefined {
  return profile.text.vietnameseCodePage ?? profile.codePages.find((c) => c.id !== 'pc437')?.id;
}

class Writer {
  readonly out: number[] = [];
  readonly lines: LineReport[] = [];
  private align: Align = 'left';
  private bold = false;
  private size = 0x00;
  private page = 0;
  private readonly pages = new Map<CodePageId, CodePage>();
  private fontSet: FontSet | undefined;

  constructor(
    readonly profile: PrinterProfile,
    private readonly mode: TextMode,
    fonts: FontSet | undefined,
  ) {
    this.fontSet = fonts;
  }

  push(bytes: number[] | Uint8Array): void {
    for (const b of bytes) this.out.push(b);
  }
  fonts(): FontSet {
    this.fontSet ??= loadFontSet();
    return this.fontSet;
  }
  cp(id: CodePageId): CodePage {
    let p = this.pages.get(id);
    if (!p) this.pages.set(id, (p = codePage(id)));
    return p;
  }
  setAlign(a: Align): void {
    if (a !== this.align) this.push(cmd.align(a));
    this.align = a;
  }
  setBold(on: boolean): void {
    if (on !== this.bold) this.push(cmd.bold(on));
    this.bold = on;
  }
  setSize(w: number, h: number): void {
    const n = ((w - 1) << 4) | (h - 1);
    if (n !== this.size) this.push(cmd.charSize(w, h));
    this.size = n;
  }
  setPage(id: CodePageId): void {
    const entry = this.profile.codePages.find((c) => c.id === id);
    if (!entry) throw new EncodeError(`profile ${this.profile.id} has no code page ${id}`);
    if (entry.page !== this.page) this.push(cmd.selectCodePage(entry.page));
    this.page = entry.page;
  }
  image(bmp: Bitmap): void {
    this.push(cmd.rasterImage(bmp.width / 8, bmp.height, bmp.data));
  }

  /** Which code page a text block asks for, or 'raster'. */
  private targetOf(block: Extract<PrintBlock, { kind: 'text' }>): CodePageId | 'raster' {
    const r = block.render ?? this.mode;
    if (r === 'raster') return 'raster';
    if (typeof r === 'object') {
      if (!(CODE_PAGE_IDS as readonly string[]).includes(r.codePage))
        throw new EncodeError(`unknown code page "${r.codePage}"; known: ${CODE_PAGE_IDS.join(', ')}`);
      return r.codePage as CodePageId;
    }
    return vietnameseCodePageOf(this.profile) ?? 'raster';
  }

  async text(block: Extract<PrintBlock, { kind: 'text' }>): Promise<void> {
    const size = block.size ?? 1;
    const bold = block.bold ?? false;
    this.setAlign(block.align ?? 'left');
    const target = this.targetOf(block);
    if (target !== 'raster') {
      for (const line of wrapByColumns(block.text, Math.floor(this.profile.paper.columns / size))) {
        const ascii = isPlainAscii(line);
        const bytes = ascii ? Uint8Array.from(line, (c) => c.charCodeAt(0)) : this.cp(target).encode(line);
        if (bytes) {
          this.setBold(bold);
          this.setSize(size, size);
          if (!ascii) this.setPage(target);
          this.push(bytes);
          this.push([cmd.LF]);
          this.lines.push({ text: line, via: ascii ? 'ascii' : target });
        } else {
          await this.rasterLines(line, size, bold); // the page cannot hold this line
        }
      }
      return;
    }
    await this.rasterLines(block.text, size, bold);
  }

  async rasterLines(text: string, size: number, bold: boolean): Promise<void> {
    const fonts = this.fonts();
    const sizePx = RASTER_SIZE_PX * size;
    const max = this.profile.paper.dots;
    for (const line of wrapByWidth((s) => layoutText(fonts, s, sizePx, bold).width, text, max)) {
      this.image(await renderTextLine(fonts, line, { sizePx, bold, maxWidth: max }));
      this.lines.push({ text: line, via: 'raster' });
    }
  }

  async big(text: string): Promise<void> {
    let scale = this.profile.bigTextScale;
    while (scale > 1 && [...text].length * FONT_A_WIDTH * scale > this.profile.paper.dots) scale--;
    this.setAlign('center');
    if (isPlainAscii(text)) {
      this.setBold(true);
      this.setSize(scale, scale);
      this.push(Uint8Array.from(text, (c) => c.charCodeAt(0)));
      this.push([cmd.LF]);
      this.setSize(1, 1);
      this.setBold(false);
      this.lines.push({ text, via: 'ascii' });
    } else {
      const fonts = this.fonts();
      const bmp = await renderTextLine(fonts, text, { sizePx: RASTER_SIZE_PX * scale, bold: true, maxWidth: this.profile.paper.dots });
      this.image(bmp);
      this.lines.push({ text, via: 'raster' });
    }
  }

  qr(data: string, moduleSize: number): void {
    if (data.length === 0) throw new EncodeError('QR data is empty');
    this.setAlign('center');
    const utf8 = new TextEncoder().encode(data);
    if (this.profile.qr.native) {
      if (utf8.length > 7089) throw new EncodeError(`QR data is ${utf8.length} bytes; the printer holds at most 7089`);
      this.push(cmd.qrNative(utf8, Math.max(1, Math.min(16, moduleSize))));
    } else {
      this.image(renderQr(data, moduleSize, this.profile.paper.dots));
    }
  }

  barcode(data: string): void {
    if (!/^[\x20-\x7e]{1,80}$/.test(data))
      throw new EncodeError(`CODE128 data must be 1–80 printable ASCII characters, got ${JSON.stringify(data.slice(0, 40))}`);
    this.setAlign('center');
    this.push(cmd.code128(Uint8Array.from(data, (c) => c.charCodeAt(0))));
  }

  cut(): void {
    if (this.profile.cutter === 'none') this.push(cmd.feedLines(4)); // to the tear bar
    else this.push(cmd.cut(this.profile.cutter));
  }
}

/** Encode a document and report how each text line went out. */
export async function encodeWithReport(doc: PrintDocument, profile: PrinterProfile, opts: EncodeOptions = {}): Promise<Encoded> {
  const w = new Writer(profile, opts.textMode ?? profile.text.mode, opts.fonts);
  w.push(cmd.initialize());
  if (profile.text.cancelKanji) w.push(cmd.cancelKanji());
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text':
        await w.text(block);
        break;
      case 'big':
        await w.big(block.text);
        break;
      case 'qr':
        w.qr(block.data, block.moduleSize ?? 6);
        break;
      case 'barcode':
        w.barcode(block.data);
        break;
      case 'rule':
        w.setAlign('left');
        w.setSize(1, 1);
        w.push(Uint8Array.from('-'.repeat(profile.paper.columns), (c) => c.charCodeAt(0)));
        w.push([cmd.LF]);
        break;
      case 'feed':
        w.push(cmd.feedLines(block.lines));
        break;
      case 'cut':
        w.cut();
        break;
    }
  }
  return { bytes: Uint8Array.from(w.out), lines: w.lines };
}

/** The encoder entry point: document + profile -> bytes for the wire. */
export async function encode(doc: PrintDocument, profile: PrinterProfile, opts: EncodeOptions = {}): Promise<Uint8Array> {
  return (await encodeWithReport(doc, profile, opts)).bytes;
}
