import { availableParallelism } from 'node:os';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { checkModel, defaultModelPaths, OcrModelError, type OcrModelPaths } from './model.ts';

/** Tesseract page-segmentation modes we use (numbers are tesseract's own). */
export type Psm = 3 | 4 | 6 | 7 | 8 | 11 | 13;

export interface OcrJob {
  /** PNG/JPEG/TIFF bytes. */
  image: Buffer;
  psm: Psm;
  /** Only these characters may be output ('' or undefined = any). */
  whitelist?: string;
  /** Also return word boxes (needed to register a page against a template). */
  words?: boolean;
}

export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: OcrBox;
  /** Baseline y of the word's line, at the word's centre (pixels). */
  baselineY: number;
  lineIndex: number;
}

export interface OcrResult {
  text: string;
  /** 0–100, tesseract's mean word confidence. */
  confidence: number;
  words: OcrWord[];
  ms: number;
}

export interface OcrPoolOptions {
  /** Number of warm workers; defaults to the number of cores. */
  size?: number;
  model?: OcrModelPaths;
  /** A worker that is not ready by then is abandoned and the pool start fails. */
  createTimeoutMs?: number;
  /** A job running longer is abandoned and its worker replaced. */
  jobTimeoutMs?: number;
  /** Warnings for the technician log (never personal data). */
  onWarning?: (message: string) => void;
}

export interface OcrPool {
  readonly size: number;
  recognize(job: OcrJob): Promise<OcrResult>;
  /** Workers currently alive and ready. */
  readyCount(): number;
  /** Kills worker i's thread from outside, as a crash would (for tests and the technician page). */
  simulateCrash(index: number): Promise<void>;
  close(): Promise<void>;
}

export class OcrError extends Error {
  override name = 'OcrError';
}

interface Slot {
  worker: Tesseract.Worker | null;
  busy: boolean;
  params: string; // last psm|whitelist sent, to skip redundant setParameters
  replacing: Promise<void> | null;
}

interface Pending {
  job: OcrJob;
  resolve: (r: OcrResult) => void;
  reject: (e: Error) => void;
  retried: boolean;
}

function threadOf(w: Tesseract.Worker): ThreadWorker | undefined {
  return (w as unknown as { worker?: ThreadWorker }).worker;
}

/**
 * Creates one worker with the local model; fails fast (model check, error handler, time-out) instead of hanging.
 * `modelChecked`: the caller has just run `checkModel` (a pool checks once, not once per worker).
 */
export async function createOcrWorker(model: OcrModelPaths, timeoutMs: number, modelChecked = false): Promise<Tesseract.Worker> {
  if (!modelChecked) checkModel(model);
  let settled = false;
  return new Promise<Tesseract.Worker>((resolve, reject) => {
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new OcrModelError(why));
    };
    const timer = setTimeout(() => fail(`OCR worker not ready after ${timeoutMs} ms (model ${model.langPath})`), timeoutMs);
    Tesseract.createWorker(model.lang, Tesseract.OEM.LSTM_ONLY, {
      langPath: model.langPath,
      gzip: model.gzip,
      cacheMethod: 'none',
      workerPath: model.workerPath,
      corePath: model.corePath,
      workerBlobURL: false,
      // During start-up an error means the model did not load; afterwards job errors also reject the job itself.
      errorHandler: (e: unknown) => fail(`OCR worker failed to start: ${String(e)}`),
    })
      .then(async (w) => {
        if (settled) {
          await w.terminate(); // too late: the caller already gave up on it
          return;
        }
        await w.setParameters({ user_defined_dpi: '300' });
        settled = true;
        clearTimeout(timer);
        resolve(w);
      })
      .catch((e: unknown) => fail(`OCR worker failed to start: ${String(e)}`));
  });
}

/** Starts `size` warm workers. Call once at core start-up; `close()` at shutdown. */
export async function createOcrPool(options: OcrPoolOptions = {}): Promise<OcrPool> {
  const model = options.model ?? defaultModelPaths();
  const size = Math.max(1, options.size ?? availableParallelism());
  const createTimeoutMs = options.createTimeoutMs ?? 15_000;
  const jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
  const warn = options.onWarning ?? (() => undefined);
  checkModel(model); // once, before spawning anything
  let closed = false;
  const queue: Pending[] = [];

  // All workers start at once: each one's start-up is mostly waiting on its own thread.
  const workers = await Promise.all(Array.from({ length: size }, () => createOcrWorker(model, createTimeoutMs, true))).catch(
    async (e: unknown) => {
      throw e instanceof Error ? e : new OcrError(String(e));
    },
  );
  const slots: Slot[] = workers.map((w) => ({ worker: w, busy: false, params: '', replacing: null }));

  const watch = (slot: Slot, w: Tesseract.Worker) => {
    threadOf(w)?.once('exit', () => {
      if (closed || slot.worker !== w) return;
      warn('OCR worker exited unexpectedly; replacing it');
      slot.worker = null;
      slot.params = '';
      replace(slot);
    });
  };
  const replace = (slot: Slot) => {
    if (slot.replacing || closed) return;
    slot.replacing = createOcrWorker(model, createTimeoutMs)
      .then((w) => {
        if (closed) return void w.terminate();
        slot.worker = w;
        watch(slot, w);
      })
      .catch((e: unknown) => warn(`OCR worker could not be replaced: ${String(e)}`))
      .finally(() => {
        slot.replacing = null;
        pump();
      });
  };
  slots.forEach((s) => s.worker && watch(s, s.worker));

  const run = async (slot: Slot, w: Tesseract.Worker, job: OcrJob): Promise<OcrResult> => {
    const t0 = performance.now();
    const params = `${job.psm}|${job.whitelist ?? ''}`;
    if (slot.params !== params) {
      await w.setParameters({
        tessedit_pageseg_mode: String(job.psm) as Tesseract.PSM,
        tessedit_char_whitelist: job.whitelist ?? '',
      });
      slot.params = params;
    }
    const { data } = await w.recognize(job.image, {}, { text: true, blocks: job.words === true });
    return {
      text: data.text,
      confidence: data.confidence,
      words: job.words ? wordsOf(data) : [],
      ms: performance.now() - t0,
    };
  };

  const pump = () => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      const w = slot.worker;
      if (slot.busy || !w) continue;
      const p = queue.shift()!;
      slot.busy = true;
      let timer: NodeJS.Timeout | undefined;
      let onExit: (() => void) | undefined;
      const died = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new OcrError(`OCR job took longer than ${jobTimeoutMs} ms`)), jobTimeoutMs);
        onExit = () => reject(new OcrError('OCR worker died during the job'));
        threadOf(w)?.once('exit', onExit);
      });
      died.catch(() => undefined); // settled through Promise.race below; this only marks it handled
      Promise.race([run(slot, w, p.job), died])
        .then(p.resolve, (e: unknown) => {
          const err = e instanceof Error ? e : new OcrError(String(e));
          const workerGone = slot.worker !== w || /died|longer than/.test(err.message);
          if (workerGone && slot.worker === w) {
            slot.worker = null;
            void w.terminate();
            replace(slot);
          }
          if (workerGone && !p.retried && !closed) {
            queue.unshift({ ...p, retried: true }); // the page was fine; the worker was not
          } else {
            p.reject(err);
          }
        })
        .finally(() => {
          clearTimeout(timer);
          if (onExit) threadOf(w)?.off('exit', onExit);
          slot.busy = false;
          pump();
        });
    }
  };

  return {
    size,
    recognize(job) {
      if (closed) return Promise.reject(new OcrError('OCR pool is closed'));
      return new Promise<OcrResult>((resolve, reject) => {
        queue.push({ job, resolve, reject, retried: false });
        pump();
      });
    },
    readyCount: () => slots.filter((s) => s.worker !== null).length,
    async simulateCrash(index) {
      const w = slots[index]?.worker;
      const t = w ? threadOf(w) : undefined;
      if (!t) throw new OcrError(`no live OCR worker at index ${index}`);
      await t.terminate();
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new OcrError('OCR pool closed'));
      await Promise.all(slots.map((s) => s.replacing));
      await Promise.all(slots.map((s) => s.worker?.terminate()));
      slots.forEach((s) => (s.worker = null));
    },
  };
}

function wordsOf(page: Tesseract.Page): OcrWord[] {
  const out: OcrWord[] = [];
  let lineIndex = 0;
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const b = line.baseline;
        for (const w of line.words) {
          const cx = (w.bbox.x0 + w.bbox.x1) / 2;
          const slope = b.x1 !== b.x0 ? (b.y1 - b.y0) / (b.x1 - b.x0) : 0;
          out.push({
            text: w.text,
            confidence: w.confidence,
            bbox: { ...w.bbox },
            baselineY: b.x1 > b.x0 ? b.y0 + slope * (cx - b.x0) : w.bbox.y1,
            lineIndex,
          });
        }
        lineIndex++;
      }
    }
  }
  return out;
}
