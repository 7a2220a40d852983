// OCR bench: our pipeline (tesseract.js, warm pool) and native Tesseract (Debian CLI, same traineddata,
// OMP_THREAD_LIMIT=1) side by side on one generated corpus, in one run. Run: npx tsx bench/ocr.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
 * Resident memory of this process's WebAssembly heaps (tesseract's, one per worker): V8 reserves each wasm
 * memory as several GB of address space; the part in use is the read-write mapping just before the
 * inaccessible rest of the reservation. A wasm heap never shrinks, so its size at the end of a run is its peak.
 */
function wasmRss(): number {
  let total = 0;
  let prev = { end: '', rss: 0, writable: false };
  let cur = { start: '', end: '', writable: false, size: 0 };
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const map = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    if (map) cur = { start: map[1]!, end: map[2]!, writable: map[3]!.startsWith('rw'), size: 0 };
    const size = /^Size:\s+(\d+) kB/.exec(line);
    if (size) cur.size = Number(size[1]);
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      // A ≥ 4 GB inaccessible reservation right after a read-write mapping: that mapping is a wasm heap.
      if (!cur.writable && cur.size >= 4 * 2 ** 20 && prev.writable && prev.end === cur.start) total += prev.rss * 1024;
      prev = { end: cur.end, rss: Number(rss[1]), writable: cur.writable };
    }
  }
  return total;
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
  // 'wasm-start': one worker started, nothing read: the size of tesseract's wasm heap with the model loaded.
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const pool = await createOcrPool({ size });
  const startMs = performance.now() - t;
  const started = process.memoryUsage().rss;
  if (mode === 'mem') {
    const ocr = createOcrService({ pool, templates: loadTemplates() });
    for (let i = 0; i < 2; i++) await ocr.readPage(readFileSync(file), { templateId: 'khai-sinh' });
  }
  // Peak taken first: parsing /proc/self/smaps allocates megabytes of strings, which are not OCR's.
  clearInterval(sampler);
  const result = { startMs, peak, before, started, wasm: mode === 'start' ? 0 : wasmRss() };
  await pool.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Runs `probe` in a fresh process started the way bin/letan.js starts the kiosk core. */
interface ProbeResult {
  startMs: number;
  peak: number;
  /** RSS before the pool and after it started; wasm heap RSS at the end. */
  before: number;
  started: number;
  wasm: number;
}
function runProbe(mode: 'mem' | 'start' | 'wasm-start', file: string): ProbeResult {
  // tsx registered from code, not `--import tsx`: worker threads then do not load tsx, as in production
  // (with `--import` each OCR worker pays ~100 ms for it).
  const entry = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(import.meta.url)});`;
  const pr = spawnSync(process.execPath, ['--input-type=module', '-e', entry], {
    encoding: 'utf8',
    env: { ...process.env, LETAN_OCR_PROBE: `${mode}:${file}` },
  });
  if (pr.status !== 0) throw new Error(`probe failed: ${pr.stderr}`);
  return JSON.parse(pr.stdout.trim().split('\n').at(-1)!) as ProbeResult;
}

async function main() {
  mkdirSync(TESSDATA, { recursive: true });
  // Native gets exactly the model tesseract.js uses (gunzipped).
  writeFileSync(join(TESSDATA, 'vie.traineddata'), checkModel(defaultModelPaths()));
  const templates = loadTemplates();
  const corpus = await generateCorpus(join(OUT, 'corpus'), templates);

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

  const t = performance.now();
  const pool = await createOcrPool({ size: 1 });
  const startOne = performance.now() - t;
  // The kiosk's pool: scan.ocrWorkers defaults to one worker per core, at most 2 (main/core/core.ts).
  const prodSize = Math.min(2, availableParallelism());
  const pool2 = await createOcrPool({ size: prodSize });
  const ocr = createOcrService({ pool, templates });
  const ocr2 = createOcrService({ pool: pool2, templates });
  // The same pipeline never cutting a page in two: shows what the cut at a blank band costs in CER.
  const whole = createOcrService({ pool, templates, splitPixels: Infinity });
  // Warm-up (first job pays for wasm JIT tiers and allocations): every worker of both pools.
  for (const s of [ocr, ocr2, whole]) await s.readPage(readFileSync(corpus[0]!.file));

  // Native's fixed cost per call (process start + model load) on a blank 10×10 image.
  const blank = join(OUT, 'blank.png');
  writeFileSync(blank, await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer());
  const nativeLoad = median([0, 1, 2].map(() => native(blank).ms));

  interface Row {
    id: string;
    quality: string;
    dpi: number;
    ours: number;
    ours2: number;
    whole?: number;
    engine: number;
    nat: number;
    cerOurs?: number;
    cerOurs2?: number;
    cerWhole?: number;
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
  const opts = (p: (typeof corpus)[number]) => (p.templateId ? { templateId: p.templateId } : {});
  /** Whole pipeline from the file's bytes (camera pages rectified first), timed. */
  const pipeline = async (svc: typeof ocr, p: (typeof corpus)[number]) => {
    let bytes: Buffer = readFileSync(p.file);
    const t0 = performance.now();
    if (p.camera) {
      const g = await toGrey(bytes);
      const quad = findPageQuad({ ...g, channels: 1 });
      if (!quad) throw new Error(`${p.id}: page not found in the photo`);
      bytes = await rectifyImage(bytes, quad);
    }
    const reading = await svc.readPage(bytes, opts(p));
    return { reading, ms: performance.now() - t0 };
  };
  for (const p of corpus) {
    const two = await pipeline(ocr2, p);
    const { reading, ms: oursMs } = await pipeline(ocr, p);
    const eng = await pool.recognize({ image: readFileSync(p.file), psm: 3 });
    const nat = native(p.file);
    const row: Row = { id: p.id, quality: p.quality, dpi: p.dpi, ours: oursMs, ours2: two.ms, engine: eng.ms, nat: nat.ms, skew: reading.page.skewDeg, bin: reading.page.binarised };
    if (p.text) {
      const w = await pipeline(whole, p);
      row.whole = w.ms;
      row.cerWhole = cer(w.reading.text, p.text);
      row.cerOurs2 = cer(two.reading.text, p.text);
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
  await pool2.close();

  clearInterval(sampler);
  const form300 = corpus.find((c) => c.id === 'form-khai-sinh-300')!.file;
  // Two memory probes: RSS in a fresh process varies by a few MB from run to run.
  const mems = [runProbe('mem', form300), runProbe('mem', form300)];
  const mem = mems.reduce((a, b) => (b.peak > a.peak ? b : a));
  const cold = runProbe('start', form300);
  const wasmStarted = runProbe('wasm-start', form300).wasm;
  const [probeStartOne, startN, peakOne] = [mem.startMs, cold.startMs, mem.peak];

  const textRows = rows.filter((r) => r.cerOurs !== undefined);
  const a4 = rows.filter((r) => r.dpi === 300 && !r.id.startsWith('form'));
  const cerOf = (q: string, k: 'cerOurs' | 'cerOurs2' | 'cerWhole' | 'cerNat' | 'cerEngine') => mean(textRows.filter((r) => r.quality === q).map((r) => r[k]!));
  const warm = median(a4.map((r) => r.ours));
  const warm2 = median(a4.map((r) => r.ours2));
  const warmWhole = median(a4.filter((r) => r.whole !== undefined).map((r) => r.whole!));
  const warmEngine = median(a4.map((r) => r.engine));
  const natA4 = median(a4.map((r) => r.nat));
  const lines: string[] = [];
  const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
  lines.push(`# OCR bench (${new Date().toISOString()}, ${availableParallelism()} cores, load average at the end ${load} (other work on the shared cores slows parallel reads), tesseract.js 7 vs native ${spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]})`);
  lines.push('');
  const opt = (x: number | undefined, f: (x: number) => string) => (x !== undefined ? f(x) : '–');
  lines.push(`| page | q | dpi | pipeline, ${prodSize} workers | pipeline, 1 worker | pipeline, 1 worker, never cut | engine only | native | CER ours | CER never cut | CER engine-only | CER native | fields exact | skew° | Sauvola |`);
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    lines.push(
      `| ${r.id} | ${r.quality} | ${r.dpi} | ${ms(r.ours2)} | ${ms(r.ours)} | ${opt(r.whole, ms)} | ${ms(r.engine)} | ${ms(r.nat)} | ${opt(r.cerOurs2, pct)} | ${opt(r.cerWhole, pct)} | ${opt(r.cerEngine, pct)} | ${opt(r.cerNat, pct)} | ${r.fieldsOk ?? '–'} | ${r.skew} | ${r.bin ? 'yes' : 'no'} |`,
    );
  }
  const cerMismatch = textRows.filter((r) => r.cerOurs !== r.cerOurs2).map((r) => r.id);
  if (cerMismatch.length) lines.push('', `Text differs between the 1- and ${prodSize}-worker pipelines on: ${cerMismatch.join(', ')}.`);
  lines.push('');
  lines.push(`Native per-call fixed cost (process start + model load, blank image): ${ms(nativeLoad)}.`);
  lines.push('');
  const verdict = (ok: boolean) => (ok ? 'met' : '**MISSED**');
  const rate = (h: number[]) => `${h[0]}/${h[1]} (${pct(h[0]! / Math.max(1, h[1]!))})`;
  lines.push('| target | measured | |');
  lines.push('|---|---|---|');
  lines.push(`| warm full A4 page (300 dpi text pages, whole pipeline, kiosk pool of ${prodSize}) ≤ 1.5 s | median ${ms(warm2)} | ${verdict(warm2 <= 1500)} |`);
  lines.push(`| warm full A4 page, pool of 1 (scan.ocrWorkers = 1) | median ${ms(warm)} (never cut: ${ms(warmWhole)}) | ${verdict(warm <= 1500)} |`);
  lines.push(`| ≤ 1.2× native (whole pipeline, pool of ${prodSize}, vs native per call) | ${(warm2 / natA4).toFixed(2)}× (${ms(warm2)} vs ${ms(natA4)}) | ${verdict(warm2 <= 1.2 * natA4)} |`);
  lines.push(`| ≤ 1.2× native (whole pipeline, pool of 1, vs native per call) | ${(warm / natA4).toFixed(2)}× | ${verdict(warm <= 1.2 * natA4)} |`);
  lines.push(`| ≤ 1.2× native (engine only vs native per call) | ${(warmEngine / natA4).toFixed(2)}× (${ms(warmEngine)} vs ${ms(natA4)}) | ${verdict(warmEngine <= 1.2 * natA4)} |`);
  lines.push(`| ≤ 1.2× native (engine only vs native minus its load cost) | ${(warmEngine / (natA4 - nativeLoad)).toFixed(2)}× | ${verdict(warmEngine <= 1.2 * (natA4 - nativeLoad))} |`);
  lines.push(`| ≤ 150 ms per text-line field (recognition) | median ${ms(median(fieldTimes.line))}, mean ${ms(mean(fieldTimes.line))} (n=${fieldTimes.line.length}) | ${verdict(median(fieldTimes.line) <= 150)} |`);
  lines.push(`| ≤ 50 ms per short numeric field | median ${ms(median(fieldTimes.numeric))}, mean ${ms(mean(fieldTimes.numeric))} (n=${fieldTimes.numeric.length}) | ${verdict(median(fieldTimes.numeric) <= 50)} |`);
  for (const [q, max] of [['clean', 0.01], ['noisy', 0.03]] as const) {
    const worst = Math.max(cerOf(q, 'cerOurs'), cerOf(q, 'cerOurs2'));
    lines.push(`| CER ≤ ${max * 100}% ${q} | ours ${pct(cerOf(q, 'cerOurs2'))} (${prodSize} workers), ${pct(cerOf(q, 'cerOurs'))} (1 worker), never cut ${pct(cerOf(q, 'cerWhole'))}, native ${pct(cerOf(q, 'cerNat'))} | ${verdict(worst <= max)} |`);
  }
  lines.push(`| pool start-up ≤ 1 s (fresh processes, started like bin/letan.js) | 1 worker ${ms(probeStartOne)}, ${availableParallelism()} workers ${ms(startN)} (in the busy bench process: 1 worker ${ms(startOne)}) | ${verdict(probeStartOne <= 1000 && startN <= 1000)} |`);
  const MB = (x: number) => `${(x / 2 ** 20).toFixed(0)} MB`;
  lines.push(`| RSS ≤ 250 MB with one worker (fresh process reading a 300 dpi form, worse of 2 probes) | peak ${MB(peakOne)} (probes: ${mems.map((m) => MB(m.peak)).join(', ')}; whole bench process incl. corpus: ${MB(peakRss)}) | ${verdict(peakOne <= 250 * 2 ** 20)} |`);
  lines.push('');
  lines.push(
    `Memory with one worker (the probe that peaked): ${MB(mem.before)} before the pool (Node, tsx, sharp/libvips, tesseract.js loaded), ` +
      `${MB(mem.started)} once the worker is up (+${MB(mem.started - mem.before)}; wasm heap ${MB(wasmStarted)} in a probe that reads nothing), peak ${MB(mem.peak)} reading; ` +
      `tesseract's wasm heap at the end ${MB(mem.wasm)} (it never shrinks: this is its peak), so reading grew it by ${MB(mem.wasm - wasmStarted)}.`,
  );
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
