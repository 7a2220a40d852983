import { cleanValue, readSpec, validateField } from './fields.ts';
import { indexLexicon, lexiconHint, loadLexicon, type Lexicon } from './lexicon.ts';
import type { OcrPool, OcrResult, OcrWord } from './pool.ts';
import { blankCutRow, cropGrey, prepareGrey, suppressLeader, toPgm, type GreyImage, type PrepareOptions } from './preprocess.ts';
import { registerPage, regionToPixels, type Registration } from './register.ts';
import type { FormField, FormTemplate } from './template.ts';

export interface FieldReading {
  value: string | boolean;
  /** 0–100. */
  confidence: number;
  valid: boolean;
  /** Why it is invalid or flagged (Vietnamese, for the citizen and the counter clerk). */
  reason?: string;
  /** Needs a person to look: invalid, below the confidence threshold, or a near-miss of a known name. */
  flagged: boolean;
  /** The value with a known family or place name's spelling where the read one differs only by marks. */
  suggestion?: string;
  /** Wall time for this field, including waiting for a free worker. */
  ms: number;
  /** Recognition time alone (0 when no OCR was needed: checkbox, empty line). */
  ocrMs: number;
}

export interface PageReading {
  /** Full text of the page (searchable text kept with the dossier), NFC. */
  text: string;
  confidence: number;
  ms: number;
  page: { width: number; height: number; skewDeg: number; noise: number; binarised: boolean };
  template?: { id: string; registration: Registration };
  fields?: Record<string, FieldReading>;
}

export interface OcrServiceOptions {
  pool: OcrPool;
  templates: Map<string, FormTemplate>;
  prepare?: PrepareOptions;
  /** Fields read with less confidence are flagged (default 70). */
  confidenceThreshold?: number;
  /** Family and place names that confident misreads are checked against (default: assets/lexicon). */
  lexicon?: Lexicon;
  now?: () => number;
  /**
   * Whole pages above this many pixels are read in two halves cut at a blank band (Infinity: never). Default
   * 0.5 MP when the pool has two or more workers (both halves read at once), 2 MP with one (for memory).
   */
  splitPixels?: number;
}

export interface OcrService {
  readPage(image: Buffer, options?: { templateId?: string }): Promise<PageReading>;
  templateIds(): string[];
}

export class OcrInputError extends Error {
  override name = 'OcrInputError';
}

const EMPTY = { left: 0, top: 0, width: 0, height: 0 };

/** Ink rows of a crop: an empty answer line has at most the dotted leader (one or two rows). */
function looksEmpty(img: GreyImage): boolean {
  let inkRows = 0;
  for (let y = 0; y < img.height; y++) {
    let dark = 0;
    for (let x = 0; x < img.width; x++) if (img.data[y * img.width + x]! < 128) dark++;
    if (dark >= 2) inkRows++;
  }
  return inkRows < Math.max(4, img.height * 0.15);
}

/** Share of dark pixels inside the box (its border trimmed off). */
function boxInk(img: GreyImage): number {
  const mx = Math.floor(img.width * 0.25);
  const my = Math.floor(img.height * 0.25);
  let dark = 0;
  let n = 0;
  for (let y = my; y < img.height - my; y++) {
    for (let x = mx; x < img.width - mx; x++) {
      if (img.data[y * img.width + x]! < 128) dark++;
      n++;
    }
  }
  return n ? dark / n : 0;
}

const CHECK_THRESHOLD = 0.08;

/** Pages above this many pixels are read in two halves when a blank band allows (about A4 at 150 dpi and up). */
const SPLIT_PIXELS = 2_000_000;
/**
 * With two or more workers, pages from this size up are cut too (a few lines of text at 200 dpi): both halves
 * are read at once, and tesseract's time goes with the lines of text, not the pixels. With one worker a cut
 * only costs time (two layout passes), so there it is kept for memory, above SPLIT_PIXELS.
 */
const PARALLEL_SPLIT_PIXELS = 500_000;

/**
 * Reads a whole page. A tall page is cut at a blank band and read as two halves: tesseract's memory peaks at
 * half (the wasm heap never shrinks, so this sets the worker's size), and with two workers both halves run at
 * once. The text, the words (moved back into page pixels) and the confidence are put together again.
 */
async function readWholePage(pool: OcrPool, page: GreyImage, words: boolean, splitPixels: number): Promise<OcrResult> {
  const cut = page.width * page.height > splitPixels ? blankCutRow(page) : null;
  if (cut === null) return pool.recognize({ image: toPgm(page), psm: 3, words });
  // Each half goes from the page rows straight into its PGM; the job holds the only reference.
  const [top, bottom] = await Promise.all([
    pool.recognize({ image: toPgm(page, 0, { top: 0, height: cut }), psm: 3, words }),
    pool.recognize({ image: toPgm(page, 0, { top: cut, height: page.height - cut }), psm: 3, words }),
  ]);
  const lines = top.words.reduce((n, w) => Math.max(n, w.lineIndex + 1), 0);
  const moved = bottom.words.map((w): OcrWord => ({
    ...w,
    bbox: { x0: w.bbox.x0, x1: w.bbox.x1, y0: w.bbox.y0 + cut, y1: w.bbox.y1 + cut },
    baselineY: w.baselineY + cut,
    lineIndex: w.lineIndex + lines,
  }));
  // Mean word confidence over both halves, weighted by how much text each holds.
  const [a, b] = [top.text.trim().length, bottom.text.trim().length];
  return {
    text: [top.text.trimEnd(), bottom.text.trimStart()].filter((t) => t !== '').join('\n'),
    confidence: a + b > 0 ? (top.confidence * a + bottom.confidence * b) / (a + b) : 0,
    words: [...top.words, ...moved],
    ms: top.ms + bottom.ms,
  };
}

/** The OCR service the core creates once (with the pool) and shares between kiosk, counter and CLI. */
export function createOcrService(options: OcrServiceOptions): OcrService {
  const { pool, templates } = options;
  const threshold = options.confidenceThreshold ?? 70;
  const now = options.now ?? (() => performance.now());
  const splitPixels = options.splitPixels ?? (pool.size > 1 ? PARALLEL_SPLIT_PIXELS : SPLIT_PIXELS);
  const lexicon = indexLexicon(options.lexicon ?? loadLexicon());

  async function readField(f: FormField, page: GreyImage, box: typeof EMPTY): Promise<FieldReading> {
    const t0 = now();
    const crop = cropGrey(page, box);
    if (f.type === 'checkbox') {
      const ink = boxInk(crop);
      const checked = ink > CHECK_THRESHOLD;
      const confidence = Math.round(100 * Math.min(1, Math.abs(ink - CHECK_THRESHOLD) / CHECK_THRESHOLD));
      return { value: checked, confidence, valid: true, flagged: confidence < threshold, ms: now() - t0, ocrMs: 0 };
    }
    if (looksEmpty(crop)) {
      const v = validateField(f, '');
      return { value: '', confidence: 100, valid: v.valid, ...(v.reason ? { reason: v.reason } : {}), flagged: !v.valid, ms: now() - t0, ocrMs: 0 };
    }
    // A white border: tesseract reads a line better when it does not touch the image edge.
    const image = toPgm(suppressLeader(crop), 10);
    let r: OcrResult = await pool.recognize({ image, ...readSpec(f.type) });
    let value = cleanValue(f.type, r.text);
    if (value === '') {
      // Ink but no text: a line-mode read can miss a lone short token (a single digit); read it as one word.
      const again = await pool.recognize({ image, ...readSpec(f.type), psm: 8 });
      r = { ...again, ms: r.ms + again.ms };
      value = cleanValue(f.type, r.text);
    }
    const v = validateField(f, value);
    const confidence = Math.round(r.confidence);
    // Confidence says nothing about one wrong mark (NGUYÊN for NGUYỄN is read at 90+): the name lists do.
    const hint = v.valid ? lexiconHint(f.type, value, lexicon) : null;
    const reason = v.reason ?? hint?.reason;
    return {
      value,
      confidence,
      valid: v.valid,
      ...(reason ? { reason } : {}),
      flagged: !v.valid || confidence < threshold || hint !== null,
      ...(hint ? { suggestion: hint.suggestion } : {}),
      ms: now() - t0,
      ocrMs: r.ms,
    };
  }

  return {
    templateIds: () => [...templates.keys()],
    async readPage(image, opts = {}) {
      const t0 = now();
      const template = opts.templateId !== undefined ? templates.get(opts.templateId) : undefined;
      if (opts.templateId !== undefined && !template) throw new OcrInputError(`unknown form template "${opts.templateId}"`);
      let prepared;
      try {
        prepared = await prepareGrey(image, { ...options.prepare, crop: options.prepare?.crop ?? !template });
      } catch (e) {
        throw new OcrInputError(`unreadable image: ${(e as Error).message}`);
      }
      const full = await readWholePage(pool, prepared.grey, template !== undefined, splitPixels);
      const reading: PageReading = {
        text: full.text.normalize('NFC').trim(),
        confidence: Math.round(full.confidence),
        ms: 0,
        page: {
          width: prepared.width,
          height: prepared.height,
          skewDeg: prepared.skewDeg,
          noise: Math.round(prepared.noise * 100) / 100,
          binarised: prepared.binarised,
        },
      };
      if (template) {
        const size = { width: prepared.width, height: prepared.height };
        const registration = registerPage(template, full.words, size);
        const entries = await Promise.all(
          template.fields.map(async (f) => [f.name, await readField(f, prepared.grey, regionToPixels(registration.transform, f.region, size))] as const),
        );
        reading.template = { id: template.id, registration };
        reading.fields = Object.fromEntries(entries);
      }
      reading.ms = now() - t0;
      return reading;
    },
  };
}
