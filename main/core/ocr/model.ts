import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Everything tesseract.js needs, all local paths inside node_modules: nothing is ever fetched. */
export interface OcrModelPaths {
  /** Folder holding `<lang>.traineddata[.gz]`. Never a URL (tesseract.js would download from it). */
  langPath: string;
  lang: string;
  gzip: boolean;
  /** The Node worker script shipped in tesseract.js. */
  workerPath: string;
  /** Folder of tesseract.js-core (the wasm build). */
  corePath: string;
}

export class OcrModelError extends Error {
  override name = 'OcrModelError';
}

// LSTM-only integer model: smallest file, the one tesseract.js itself picks for OEM 1.
const VIE_SUBDIR = '4.0.0_best_int';
const TESSDATA_LSTM = 17; // index of the LSTM network in the traineddata offset table

/** Default paths, resolved from this package's node_modules (never ../shared, never the network). */
export function defaultModelPaths(): OcrModelPaths {
  const require = createRequire(import.meta.url);
  const vieDir = dirname(require.resolve('@tesseract.js-data/vie/package.json'));
  const tessDir = dirname(require.resolve('tesseract.js/package.json'));
  const coreDir = dirname(require.resolve('tesseract.js-core/package.json'));
  return {
    langPath: join(vieDir, VIE_SUBDIR),
    lang: 'vie',
    gzip: true,
    workerPath: join(tessDir, 'src', 'worker-script', 'node', 'index.js'),
    corePath: coreDir,
  };
}

export function modelFile(paths: OcrModelPaths): string {
  return join(paths.langPath, `${paths.lang}.traineddata${paths.gzip ? '.gz' : ''}`);
}

/**
 * Checks the model before any worker is spawned. tesseract.js crashes the host process on some corrupt
 * files and hangs on a missing one, so a bad model must be caught here, with a reason a technician can act on.
 * Returns the uncompressed traineddata (the bench hands the same bytes to native tesseract).
 */
export function checkModel(paths: OcrModelPaths): Buffer {
  if (/^[a-z]+:\/\//i.test(paths.langPath)) {
    throw new OcrModelError(`OCR model path must be a local folder, not a URL: ${paths.langPath}`);
  }
  for (const [what, p] of [['worker script', paths.workerPath], ['tesseract core folder', paths.corePath]] as const) {
    if (!existsSync(p)) throw new OcrModelError(`OCR ${what} missing: ${p} (reinstall node_modules)`);
  }
  const file = modelFile(paths);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new OcrModelError(`OCR model missing: ${file} (package @tesseract.js-data/${paths.lang} not installed?)`);
  }
  let data: Buffer = readFileSync(file);
  if (paths.gzip) {
    if (data[0] !== 0x1f || data[1] !== 0x8b) throw new OcrModelError(`OCR model is not gzip data: ${file}`);
    try {
      data = gunzipSync(data);
    } catch (e) {
      throw new OcrModelError(`OCR model is corrupt (gunzip failed: ${(e as Error).message}): ${file}`);
    }
  }
  checkTraineddata(data, file);
  return data;
}

/** The traineddata header: int32 entry count, then one int64 offset per entry (-1 = absent), ascending. */
function checkTraineddata(data: Buffer, file: string): void {
  const bad = (why: string) => new OcrModelError(`OCR model is corrupt (${why}): ${file}`);
  if (data.length < 4) throw bad('file too short');
  const n = data.readInt32LE(0);
  if (n < TESSDATA_LSTM + 1 || n > 64 || data.length < 4 + n * 8) throw bad(`bad entry count ${n}`);
  let last = -1;
  for (let i = 0; i < n; i++) {
    const off = Number(data.readBigInt64LE(4 + i * 8));
    if (off === -1) continue;
    if (off < 4 + n * 8 || off >= data.length || off <= last) throw bad(`bad offset for entry ${i}`);
    last = off;
  }
  if (Number(data.readBigInt64LE(4 + TESSDATA_LSTM * 8)) === -1) throw bad('no LSTM network in the file');
}
