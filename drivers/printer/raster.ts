// Text and QR to 1-bit bitmaps for GS v 0. Glyph outlines come from Be Vietnam Pro (shipped as WOFF
// subsets by @fontsource) through opentype.js, and sharp rasterises the resulting SVG. We lay glyphs out
// ourselves so that a missing glyph is known (never a silent system-font fallback).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import QRCode from 'qrcode';
import sharp from 'sharp';

/** Packed 1-bit image, MSB first, `width / 8` bytes per row, 1 = black. width is a multiple of 8. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface FontSet {
  regular: opentype.Font[];
  bold: opentype.Font[];
}

// Ascent/descent as a fraction of the em: stacked Vietnamese capitals (Ấ, Ỗ) reach ~1.13 em.
const ASCENT_EM = 1.16;
const DESCENT_EM = 0.28;

function fontDir(): string {
  const require = createRequire(import.meta.url);
  // The package's exports map hides the font files; LICENSE is exported and sits beside files/.
  return join(dirname(require.resolve('@fontsource/be-vietnam-pro/LICENSE')), 'files');
}

function parseFont(path: string): opentype.Font {
  const b = readFileSync(path);
  return opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
}

/** Load the Be Vietnam Pro subsets (latin, latin-ext, vietnamese) in regular and bold. ~10 ms; keep one per driver. */
export function loadFontSet(): FontSet {
  const dir = fontDir();
  const load = (w: number) =>
    ['latin', 'vietnamese', 'latin-ext'].map((s) => parseFont(join(dir, `be-vietnam-pro-${s}-${w}-normal.woff`)));
  return { regular: load(400), bold: load(700) };
}

interface Placed {
  font: opentype.Font;
  glyph: opentype.Glyph;
  x: number;
}

export interface TextLayout {
  width: number;
  placed: Placed[];
  /** characters no font in the set holds (drawn as the .notdef box, never as '?') */
  missing: string[];
}

export function layoutText(fonts: FontSet, text: string, sizePx: number, bold: boolean): TextLayout {
  const set = bold ? fonts.bold : fonts.regular;
  const first = set[0];
  if (!first) throw new Error('empty font set');
  const placed: Placed[] = [];
  const missing: string[] = [];
  let x = 0;
  let prev: Placed | undefined;
  for (const ch of text.normalize('NFC')) {
    let font = set.find((f) => f.charToGlyphIndex(ch) > 0);
    if (!font) {
      if (!missing.includes(ch)) missing.push(ch);
      font = first;
    }
    const glyph = font.charToGlyph(ch);
    const scale = sizePx / font.unitsPerEm;
    if (prev && prev.font === font) x += font.getKerningValue(prev.glyph, glyph) * scale;
    const p = { font, glyph, x };
    placed.push(p);
    x += (glyph.advanceWidth ?? 0) * scale;
    prev = p;
  }
  return { width: Math.ceil(x), placed, missing };
}

export function lineHeight(sizePx: number): number {
  return Math.ceil(sizePx * (ASCENT_EM + DESCENT_EM));
}

function pack(grey: Uint8Array, width: number, height: number, stride: number): Bitmap {
  const bytesPerRow = stride / 8;
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if ((grey[y * width + x] ?? 255) < 128) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
  return { width: stride, height, data };
}

/** Render one line of text to a bitmap as wide as the text (rounded up to 8 dots), at most maxWidth. */
export async function renderTextLine(
  fonts: FontSet,
  text: string,
  opts: { sizePx: number; bold: boolean; maxWidth: number },
): Promise<Bitmap> {
  const layout = layoutText(fonts, text, opts.sizePx, opts.bold);
  const height = lineHeight(opts.sizePx);
  const width = Math.max(8, Math.min(opts.maxWidth, (layout.width + 7) & ~7));
  const baseline = Math.round(opts.sizePx * ASCENT_EM);
  const d = layout.placed.map((p) => p.glyph.getPath(p.x, baseline, opts.sizePx).toPathData(2)).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  const grey = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
  return pack(grey, width, height, width);
}

/** Greedy word wrap by measured width; a single over-long word is cut by characters. */
export function wrapByWidth(measure: (s: string) => number, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (measure(rest) > maxWidth) {
      const chars = [...rest];
      let n = chars.length - 1;
      while (n > 1 && measure(chars.slice(0, n).join('')) > maxWidth) n--;
      lines.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** QR as a bitmap: `moduleDots` per module, 4-module quiet zone, error correction M. */
export function renderQr(data: string, moduleDots: number, maxWidth: number): Bitmap {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  let m = moduleDots;
  while (m > 1 && (n + 2 * quiet) * m > maxWidth) m--;
  const size = (n + 2 * quiet) * m;
  const stride = (size + 7) & ~7;
  const bytesPerRow = stride / 8;
  const out = new Uint8Array(bytesPerRow * size);
  for (let y = 0; y < size; y++) {
    const my = Math.floor(y / m) - quiet;
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / m) - quiet;
      if (mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx))
        out[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width: stride, height: size, data: out };
}
