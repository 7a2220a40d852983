// OCR bench: our pipeline (tesseract.js, warm pool) and native Tesseract (Debian CLI, same traineddata,
// OMP_THREAD_LIMIT=1) side by side on one generated corpus, in one run. Run: npx tsx bench/ocr.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { isShortNumeric } from '../main/core/ocr/fields.ts';
import { checkModel, defaultModelPaths } from '../main/core/ocr/model.ts';
import { findPageQuad, rectifyImage } from '../main/core/ocr/perspective.ts';
import { createOcrPool } from '../main/core/ocr/pool.ts';
import { toGrey } from '../main/core/ocr/preprocess.ts';
import { createOcrService } from '../main/core/ocr/service.ts';
import { loadTemplates } from '../main/core/ocr/template.ts';
import { generateCorpus } from './corpus/generate.ts';

const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const TESSDATA = join(OUT, 'tessdata');

function levenshtein(a: string[], b: string[]): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return d[b.length]!;
}
/** Character error rate: edit distance / reference length, both NFC, whitespace runs as one space. */
function cer(got: string, want: string): number {
  const norm = (s: string) => [...s.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const w = norm(want);
  return levenshtein(norm(got), w) / Math.max(1, w.length);
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const ms = (x: number) => `${Math.round(x)} ms`;

function native(file: string): { text: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync('tesseract', [file, 'stdout', '-l', 'vie', '--tessdata-dir', TESSDATA, '--oem', '1', '--psm', '3'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    encoding: 'utf8',
  });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`native tesseract failed: ${r.stderr}`);
  return { text: r.stdout, ms: t };
}

/**
 * Start-up and memory measured in fresh processes (the main bench holds the corpus and sharp caches, which would
 * be charged to OCR). 'mem': one worker started, a 300 dpi form read twice, peak RSS. 'start': an N-worker pool
 * started cold — its own process, because V8 caches compiled wasm per process and a second pool starts warm.
 */
async function probe(mode: string, file: string) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const size = mode === 'start' ? availableParallelism() : 1;
  const t = performance.now();
  const pool = await createOcrPool({ size });
  const startMs = performance.now() - t;
  if (mode === 'mem') {
    const ocr = createOcrService({ pool, templates: loadTemplates() });
    for (let i = 0; i < 2; i++) await ocr.readPage(readFileSync(file), { templateId: 'khai-sinh' });
  }
  await pool.close();
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ startMs, peak }) + '\n');
}

/** Runs `probe` in a fresh process started the way bin/letan.js starts the kiosk core. */
function runProbe(mode: 'mem' | 'start', file: string): { startMs: number; peak: number } {
  // tsx registered from code, not `--import tsx`: worker threads then do not load tsx, as in production
  // (with `--import` each OCR worker pays ~100 ms for it).
  const entry = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(import.meta.url)});`;
  const pr = spawnSync(process.execPath, ['--input-type=module', '-e', entry], {
    encoding: 'utf8',
    env: { ...process.env, LETAN_OCR_PROBE: `${mode}:${file}` },
  });
  if (pr.status !== 0) throw new Error(`probe failed: ${pr.stderr}`);
  return JSON.parse(pr.stdout.trim().split('\n').at(-1)!) as { startMs: number; peak: number };
}

async function main() {
  mkdirSync(TESSDATA, { recursive: true });
  // Native gets exactly the model tesseract.js uses (gunzipped).
  writeFileSync(join(TESSDATA, 'vie.traineddata'), checkModel(defaultModelPaths()));
  const templates = loadTemplates();
  const corpus = await generateCorpus(join(OUT, 'corpus'), templates);

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

  let t = performance.now();
  const pool = await createOcrPool({ size: 1 });
  const startOne = performance.now() - t;
  const ocr = createOcrService({ pool, templates });
  // Warm-up (first job pays for wasm JIT tiers and allocations).
  await ocr.readPage(readFileSync(corpus[0]!.file));

  // Native's fixed cost per call (process start + model load) on a blank 10×10 image.
  const blank = join(OUT, 'blank.png');
  writeFileSync(blank, await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer());
  const nativeLoad = median([0, 1, 2].map(() => native(blank).ms));

  interface Row {
    id: string;
    quality: string;
    dpi: number;
    ours: number;
    engine: number;
    nat: number;
    cerOurs?: number;
    cerEngine?: number;
    cerNat?: number;
    fieldsOk?: string;
    skew: number;
    bin: boolean;
  }
  const rows: Row[] = [];
  const fieldTimes = { line: [] as number[], numeric: [] as number[] };
  const fieldHits = { line: [0, 0], numeric: [0, 0], checkbox: [0, 0] };
  const misses: string[] = [];
  for (const p of corpus) {
    let bytes: Buffer = readFileSync(p.file);
    const t0 = performance.now();
    if (p.camera) {
      const g = await toGrey(bytes);
      const quad = findPageQuad({ ...g, channels: 1 });
      if (!quad) throw new Error(`${p.id}: page not found in the photo`);
      bytes = await rectifyImage(bytes, quad);
    }
    const reading = await ocr.readPage(bytes, p.templateId ? { templateId: p.templateId } : {});
    const oursMs = performance.now() - t0;
    const eng = await pool.recognize({ image: readFileSync(p.file), psm: 3 });
    const nat = native(p.file);
    const row: Row = { id: p.id, quality: p.quality, dpi: p.dpi, ours: oursMs, engine: eng.ms, nat: nat.ms, skew: reading.page.skewDeg, bin: reading.page.binarised };
    if (p.text) {
      row.cerOurs = cer(reading.text, p.text);
      row.cerEngine = cer(eng.text, p.text);
      row.cerNat = cer(nat.text, p.text);
    }
    if (p.templateId && p.values && reading.fields) {
      let ok = 0;
      let n = 0;
      for (const f of templates.get(p.templateId)!.fields) {
        const want = p.values[f.name] ?? (f.type === 'checkbox' ? false : '');
        const got = reading.fields[f.name]!;
        const hit = typeof want === 'boolean' ? got.value === want : String(got.value) === want.normalize('NFC');
        const kind = f.type === 'checkbox' ? 'checkbox' : isShortNumeric(f.type) ? 'numeric' : 'line';
        fieldHits[kind][0]! += hit ? 1 : 0;
        fieldHits[kind][1]!++;
        if (kind !== 'checkbox' && got.ocrMs > 0) fieldTimes[kind].push(got.ocrMs);
        if (!hit) misses.push(`${p.id}/${f.name}: "${String(got.value)}" ≠ "${String(want)}"${got.flagged ? ` (flagged${got.suggestion ? `, suggests "${got.suggestion}"` : ''})` : ' (NOT flagged)'}`);
        ok += hit ? 1 : 0;
        n++;
      }
      row.fieldsOk = `${ok}/${n}`;
    }
    rows.push(row);
    process.stderr.write(`${p.id} done\n`);
  }
  await pool.close();

  clearInterval(sampler);
  const form300 = corpus.find((c) => c.id === 'form-khai-sinh-300')!.file;
  const mem = runProbe('mem', form300);
  const cold = runProbe('start', form300);
  const [probeStartOne, startN, peakOne] = [mem.startMs, cold.startMs, mem.peak];

  const textRows = rows.filter((r) => r.cerOurs !== undefined);
  const a4 = rows.filter((r) => r.dpi === 300 && !r.id.startsWith('form'));
  const cerOf = (q: string, k: 'cerOurs' | 'cerNat' | 'cerEngine') => mean(textRows.filter((r) => r.quality === q).map((r) => r[k]!));
  const warm = median(a4.map((r) => r.ours));
  const warmEngine = median(a4.map((r) => r.engine));
  const natA4 = median(a4.map((r) => r.nat));
  const lines: string[] = [];
  lines.push(`# OCR bench (${new Date().toISOString()}, ${availableParallelism()} cores, tesseract.js 7 vs native ${spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]})`);
  lines.push('');
  lines.push('| page | q | dpi | ours (pipeline) | ours (engine only) | native | CER ours | CER engine-only | CER native | fields exact | skew° | Sauvola |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    lines.push(
      `| ${r.id} | ${r.quality} | ${r.dpi} | ${ms(r.ours)} | ${ms(r.engine)} | ${ms(r.nat)} | ${r.cerOurs !== undefined ? pct(r.cerOurs) : '–'} | ${r.cerEngine !== undefined ? pct(r.cerEngine) : '–'} | ${r.cerNat !== undefined ? pct(r.cerNat) : '–'} | ${r.fieldsOk ?? '–'} | ${r.skew} | ${r.bin ? 'yes' : 'no'} |`,
    );
  }
  lines.push('');
  lines.push(`Native per-call fixed cost (process start + model load, blank image): ${ms(nativeLoad)}.`);
  lines.push('');
  const verdict = (ok: boolean) => (ok ? 'met' : '**MISSED**');
  const rate = (h: number[]) => `${h[0]}/${h[1]} (${pct(h[0]! / Math.max(1, h[1]!))})`;
  lines.push('| target | measured | |');
  lines.push('|---|---|---|');
  lines.push(`| warm full A4 page (300 dpi text pages, whole pipeline) ≤ 1.5 s | median ${ms(warm)} | ${verdict(warm <= 1500)} |`);
  lines.push(`| ≤ 1.2× native (engine only vs native per call) | ${(warmEngine / natA4).toFixed(2)}× (${ms(warmEngine)} vs ${ms(natA4)}) | ${verdict(warmEngine <= 1.2 * natA4)} |`);
  lines.push(`| ≤ 1.2× native (engine only vs native minus its load cost) | ${(warmEngine / (natA4 - nativeLoad)).toFixed(2)}× | ${verdict(warmEngine <= 1.2 * (natA4 - nativeLoad))} |`);
  lines.push(`| ≤ 150 ms per text-line field (recognition) | median ${ms(median(fieldTimes.line))}, mean ${ms(mean(fieldTimes.line))} (n=${fieldTimes.line.length}) | ${verdict(median(fieldTimes.line) <= 150)} |`);
  lines.push(`| ≤ 50 ms per short numeric field | median ${ms(median(fieldTimes.numeric))}, mean ${ms(mean(fieldTimes.numeric))} (n=${fieldTimes.numeric.length}) | ${verdict(median(fieldTimes.numeric) <= 50)} |`);
  lines.push(`| CER ≤ 1% clean | ours ${pct(cerOf('clean', 'cerOurs'))}, native ${pct(cerOf('clean', 'cerNat'))} | ${verdict(cerOf('clean', 'cerOurs') <= 0.01)} |`);
  lines.push(`| CER ≤ 3% noisy | ours ${pct(cerOf('noisy', 'cerOurs'))}, native ${pct(cerOf('noisy', 'cerNat'))} | ${verdict(cerOf('noisy', 'cerOurs') <= 0.03)} |`);
  lines.push(`| pool start-up ≤ 1 s (fresh processes, started like bin/letan.js) | 1 worker ${ms(probeStartOne)}, ${availableParallelism()} workers ${ms(startN)} (in the busy bench process: 1 worker ${ms(startOne)}) | ${verdict(probeStartOne <= 1000 && startN <= 1000)} |`);
  lines.push(`| RSS ≤ 250 MB with one worker (fresh process reading a 300 dpi form) | peak ${(peakOne / 2 ** 20).toFixed(0)} MB (whole bench process incl. corpus: ${(peakRss / 2 ** 20).toFixed(0)} MB) | ${verdict(peakOne <= 250 * 2 ** 20)} |`);
  lines.push('');
  lines.push(`Field exact match: text lines ${rate(fieldHits.line)}, short numeric ${rate(fieldHits.numeric)}, checkboxes ${rate(fieldHits.checkbox)}.`);
  if (misses.length) {
    lines.push('');
    lines.push('Misread fields:');
    for (const m of misses) lines.push(`- ${m}`);
  }
  const report = lines.join('\n') + '\n';
  writeFileSync(join(OUT, 'ocr-report.md'), report);
  process.stdout.write(report);
}

const probeArg = process.env.LETAN_OCR_PROBE;
if (probeArg) await probe(probeArg.slice(0, probeArg.indexOf(':')), probeArg.slice(probeArg.indexOf(':') + 1));
else await main();
