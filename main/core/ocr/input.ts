import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

export class PageInputError extends Error {
  override name = 'PageInputError';
}

export type InputKind = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'pnm' | 'webp';

/** What the bytes are, by magic number (file names from scanners are not trusted). */
export function sniffKind(b: Uint8Array): InputKind | null {
  const s = (n: number) => String.fromCharCode(...b.subarray(0, n));
  if (s(5) === '%PDF-') return 'pdf';
  if (b[0] === 0x89 && s(4).slice(1) === 'PNG') return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (s(4) === 'II*\0' || s(4) === 'MM\0*') return 'tiff';
  if (b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x36) return 'pnm';
  if (s(4) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'webp';
  return null;
}

/** Rasterises a PDF with poppler's pdftoppm (one greyscale PNG per page). */
export async function pdfToPngs(pdf: Buffer, dpi = 300): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'letan-pdf-'));
  try {
    const src = join(dir, 'in.pdf');
    await writeFile(src, pdf);
    try {
      await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', src, join(dir, 'p')], { timeout: 120_000 });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string };
      if (err.code === 'ENOENT') throw new PageInputError('pdftoppm not installed (Debian package poppler-utils)');
      throw new PageInputError(`PDF could not be read: ${(err.stderr ?? err.message).trim().split('\n')[0]}`);
    }
    const files = (await readdir(dir)).filter((f) => f.startsWith('p') && f.endsWith('.png')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (files.length === 0) throw new PageInputError('PDF has no pages');
    return Promise.all(files.map((f) => readFile(join(dir, f))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Splits any supported input into page images (multi-page TIFF and PDF give several). */
export async function inputToPages(bytes: Buffer): Promise<Buffer[]> {
  const kind = sniffKind(bytes);
  if (!kind) throw new PageInputError('unsupported file type (expected PDF, PNG, JPEG, TIFF, PNM or WebP)');
  if (kind === 'pdf') return pdfToPngs(bytes);
  try {
    const meta = await sharp(bytes).metadata();
    const n = kind === 'tiff' ? (meta.pages ?? 1) : 1;
    if (n === 1) {
      return [kind === 'png' || kind === 'jpeg' ? bytes : await sharp(bytes).png().toBuffer()];
    }
    return Promise.all(Array.from({ length: n }, (_, page) => sharp(bytes, { page }).png().toBuffer()));
  } catch (e) {
    if (e instanceof PageInputError) throw e;
    throw new PageInputError(`image could not be decoded: ${(e as Error).message}`);
  }
}
