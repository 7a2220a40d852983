import sharp, { type Sharp } from 'sharp';

/** 8-bit single-channel image, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** ≈ 205 dpi across A4: tesseract's accuracy holds (150 dpi pages read well) and time falls with the pixel count. */
export const DEFAULT_MAX_WIDTH = 1700;

export interface PrepareOptions {
  /** Pages wider than this are scaled down first (tesseract is fastest near 200–300 dpi text). */
  maxWidth?: number;
  /** Mean |pixel − 3×3 median| above which the page counts as noisy and is binarised with Sauvola. */
  noiseThreshold?: number;
  /** Largest skew searched, degrees. */
  maxSkewDeg?: number;
  /** Crop to the inked area (plus a margin). Off for template pages is fine: registration absorbs it. */
  crop?: boolean;
}

export interface PreparedPage {
  png: Buffer;
  width: number;
  height: number;
  /** Skew found and removed, degrees (positive = the page was turned clockwise). */
  skewDeg: number;
  noise: number;
  binarised: boolean;
  /** Scale applied to the input (≤ 1). */
  scale: number;
}

export async function toGrey(input: Buffer | Sharp): Promise<GreyImage> {
  const s = Buffer.isBuffer(input) ? sharp(input) : input;
  const { data, info } = await s.greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

function rawSharp(img: GreyImage): Sharp {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  });
}

/** Median of three values. */
function med3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/**
 * 3×3 median of the interior pixel at index i (row width W): with each column's three values sorted, the median
 * of nine is the median of (largest column minimum, median of column medians, smallest column maximum).
 */
function median9(d: Uint8Array, W: number, i: number): number {
  let lo = 0;
  let hi = 255;
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let k = 0; k < 3; k++) {
    const j = i + k - 1;
    const a = d[j - W]!;
    const b = d[j]!;
    const c = d[j + W]!;
    const mn = a < b ? (a < c ? a : c) : b < c ? b : c;
    const mx = a > b ? (a > c ? a : c) : b > c ? b : c;
    if (mn > lo) lo = mn;
    if (mx < hi) hi = mx;
    const md = a + b + c - mn - mx;
    if (k === 0) m0 = md;
    else if (k === 1) m1 = md;
    else m2 = md;
  }
  return med3(lo, med3(m0, m1, m2), hi);
}

/**
 * Noise level: mean absolute difference between the page and its 3×3 median (clean print ≈ 1–4, sensor noise ≫).
 * Taken on a sparse grid (one pixel in six): the same estimate as over every pixel, at a fraction of the cost
 * on a 300 dpi page.
 */
export function estimateNoise(img: GreyImage): number {
  const { data, width: W, height: H } = img;
  let sum = 0;
  let count = 0;
  for (let y = 1; y < H - 1; y += 2) {
    for (let x = 1 + (y % 3); x < W - 1; x += 3) {
      const i = y * W + x;
      sum += Math.abs(data[i]! - median9(data, W, i));
      count++;
    }
  }
  return sum / Math.max(1, count);
}

/** 3×3 median filter (edge pixels kept as they are): removes salt-and-pepper specks before binarisation. */
export function median3(img: GreyImage): GreyImage {
  const { data, width: W, height: H } = img;
  const out = new Uint8Array(data);
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      const i = y * W + x;
      out[i] = median9(data, W, i);
    }
  }
  return { data: out, width: W, height: H };
}

/** Otsu's threshold over the histogram. */
export function otsu(img: GreyImage): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  const total = img.data.length;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/**
 * Skew by projection profiles: text lines give the sharpest row histogram (largest variance) when the
 * dark pixels are projected along the true line direction. Returns degrees; rotate by −angle to fix.
 */
export function estimateSkew(img: GreyImage, maxDeg = 5): number {
  const t = Math.min(otsu(img), 200);
  const xs: number[] = [];
  const ys: number[] = [];
  const step = Math.max(1, Math.floor(img.width / 800)); // ~800 px wide sample is plenty for the angle
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) {
      if (img.data[y * img.width + x]! < t) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const bins = new Float64Array(Math.ceil((img.height + img.width) / step) + 4);
  const score = (deg: number) => {
    const a = (deg * Math.PI) / 180;
    const s = Math.sin(a);
    const c = Math.cos(a);
    bins.fill(0);
    const off = img.width * Math.abs(s);
    for (let i = 0; i < xs.length; i++) {
      const yr = (ys[i]! * c - xs[i]! * s + off) / step;
      bins[Math.max(0, Math.min(bins.length - 1, Math.round(yr)))]!++;
    }
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < bins.length; i++) {
      sum += bins[i]!;
      sq += bins[i]! * bins[i]!;
    }
    return sq / bins.length - (sum / bins.length) ** 2;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -maxDeg; d <= maxDeg + 1e-9; d += 0.5) {
    const v = score(d);
    if (v > bestScore) [best, bestScore] = [d, v];
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.05) {
    const v = score(d);
    if (v > bestScore) [best, bestScore] = [d, v];
  }
  return Math.round(best * 100) / 100;
}

/**
 * Sauvola binarisation, T = m·(1 + k·(s/R − 1)), with the local mean m and deviation s taken over a
 * window of whole blocks: block sums keep memory small on 300 dpi pages (no full-size integral image).
 */
export function sauvola(img: GreyImage, opts: { window?: number; k?: number; R?: number } = {}): GreyImage {
  const { width: W, height: H, data } = img;
  const k = opts.k ?? 0.3;
  const R = opts.R ?? 128;
  const B = 8;
  const win = opts.window ?? Math.max(16, Math.round(W / 60));
  const r = Math.max(1, Math.round(win / B / 2));
  const bw = Math.ceil(W / B);
  const bh = Math.ceil(H / B);
  // Integral images over blocks (size (bw+1)·(bh+1)).
  const iS = new Float64Array((bw + 1) * (bh + 1));
  const iQ = new Float64Array((bw + 1) * (bh + 1));
  const iN = new Float64Array((bw + 1) * (bh + 1));
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0;
      let q = 0;
      let n = 0;
      for (let y = by * B; y < Math.min(H, by * B + B); y++) {
        for (let x = bx * B; x < Math.min(W, bx * B + B); x++) {
          const v = data[y * W + x]!;
          s += v;
          q += v * v;
          n++;
        }
      }
      const i = (by + 1) * (bw + 1) + bx + 1;
      const up = by * (bw + 1) + bx + 1;
      const left = i - 1;
      const diag = up - 1;
      iS[i] = s + iS[up]! + iS[left]! - iS[diag]!;
      iQ[i] = q + iQ[up]! + iQ[left]! - iQ[diag]!;
      iN[i] = n + iN[up]! + iN[left]! - iN[diag]!;
    }
  }
  const thr = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    const y0 = Math.max(0, by - r);
    const y1 = Math.min(bh, by + r + 1);
    for (let bx = 0; bx < bw; bx++) {
      const x0 = Math.max(0, bx - r);
      const x1 = Math.min(bw, bx + r + 1);
      const at = (a: Float64Array) => a[y1 * (bw + 1) + x1]! - a[y0 * (bw + 1) + x1]! - a[y1 * (bw + 1) + x0]! + a[y0 * (bw + 1) + x0]!;
      const n = at(iN);
      const m = at(iS) / n;
      const sd = Math.sqrt(Math.max(0, at(iQ) / n - m * m));
      thr[by * bw + bx] = m * (1 + k * (sd / R - 1));
    }
  }
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const by = Math.floor(y / B);
    for (let x = 0; x < W; x++) {
      out[y * W + x] = data[y * W + x]! > thr[by * bw + Math.floor(x / B)]! ? 255 : 0;
    }
  }
  return { data: out, width: W, height: H };
}

/** Bounding box of the ink (rows/columns with more than a trace of dark pixels), with a margin. */
export function contentBox(img: GreyImage, margin = 0.02): { left: number; top: number; width: number; height: number } {
  const t = Math.min(otsu(img), 160);
  const rows = new Uint32Array(img.height);
  const cols = new Uint32Array(img.width);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x]! < t) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  const first = (a: Uint32Array, min: number) => a.findIndex((v) => v > min);
  const last = (a: Uint32Array, min: number) => a.length - 1 - [...a].reverse().findIndex((v) => v > min);
  const rmin = Math.max(1, img.width * 0.002);
  const cmin = Math.max(1, img.height * 0.002);
  let top = first(rows, rmin);
  let left = first(cols, cmin);
  if (top < 0 || left < 0) return { left: 0, top: 0, width: img.width, height: img.height };
  let bottom = last(rows, rmin);
  let right = last(cols, cmin);
  const m = Math.round(Math.max(img.width, img.height) * margin);
  top = Math.max(0, top - m);
  left = Math.max(0, left - m);
  bottom = Math.min(img.height - 1, bottom + m);
  right = Math.min(img.width - 1, right + m);
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

export interface PreparedGrey extends Omit<PreparedPage, 'png'> {
  /** The cleaned page as raw 8-bit grey (what OCR reads; no PNG round trip). */
  grey: GreyImage;
}

/** Share of the page's height, in its middle, that the noise level is judged on. */
const NOISE_BAND = 0.25;

/**
 * Greyscale, scale, deskew, and (only for noisy input) Sauvola binarisation; optionally crop to content.
 * Decoding and scaling are one streamed libvips pass straight to raw grey, so the full-size decoded page is
 * never held (a 300 dpi A4 scan is 26 MB as RGB, 8.7 MB as grey). Noise is judged at the scan's own resolution
 * (scaling down averages it away) on a band across the middle, decoded on its own: only that band is kept.
 */
export async function prepareGrey(input: Buffer, options: PrepareOptions = {}): Promise<PreparedGrey> {
  const maxWidth = options.maxWidth ?? DEFAULT_MAX_WIDTH;
  const { autoOrient } = await sharp(input).metadata();
  const { width: W, height: H } = autoOrient;
  if (!W || !H) throw new Error('image has no size');
  const bandH = Math.max(1, Math.round(H * NOISE_BAND));
  // One decode after the other, not both at once: at once they peak higher in memory for a few ms less.
  const noise = estimateNoise(await toGrey(sharp(input).rotate().greyscale().extract({ left: 0, top: Math.floor((H - bandH) / 2), width: W, height: bandH })));
  const scale = Math.min(1, maxWidth / W);
  const decode = sharp(input).rotate().greyscale();
  let img = await toGrey(scale < 1 ? decode.resize({ width: Math.round(W * scale), kernel: 'lanczos3' }) : decode);
  const skewDeg = estimateSkew(img, options.maxSkewDeg ?? 5);
  if (Math.abs(skewDeg) >= 0.1) {
    img = await toGrey(rawSharp(img).rotate(-skewDeg, { background: { r: 255, g: 255, b: 255 } }));
  }
  const binarised = noise > (options.noiseThreshold ?? 6);
  if (binarised) img = sauvola(median3(img));
  if (options.crop) img = cropGrey(img, contentBox(img));
  return { grey: img, width: img.width, height: img.height, skewDeg, noise, binarised, scale };
}

/** `prepareGrey` with the page as PNG (for the dossier and the kiosk's page images). */
export async function preparePage(input: Buffer, options: PrepareOptions = {}): Promise<PreparedPage> {
  const { grey, ...rest } = await prepareGrey(input, options);
  return { ...rest, png: await rawSharp(grey).png({ compressionLevel: 1 }).toBuffer() };
}

/** A rectangle of the image, copied row by row. */
export function cropGrey(img: GreyImage, box: { left: number; top: number; width: number; height: number }): GreyImage {
  const left = Math.max(0, Math.min(img.width - 1, Math.floor(box.left)));
  const top = Math.max(0, Math.min(img.height - 1, Math.floor(box.top)));
  const width = Math.max(1, Math.min(img.width - left, Math.round(box.width)));
  const height = Math.max(1, Math.min(img.height - top, Math.round(box.height)));
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (top + y) * img.width + left;
    out.set(img.data.subarray(from, from + width), y * width);
  }
  return { data: out, width, height };
}

/**
 * The image as binary PGM (P5), optionally inside a white border. Tesseract reads it without decompressing
 * anything, and making it is one copy: cheaper than a PNG encode here plus a PNG decode in the wasm engine.
 */
export function toPgm(img: GreyImage, border = 0, rows?: { top: number; height: number }): Buffer {
  // A band of rows goes straight from the page into the PGM (no crop copy in between).
  const top = rows ? Math.max(0, Math.min(img.height - 1, rows.top)) : 0;
  const height = rows ? Math.max(1, Math.min(img.height - top, rows.height)) : img.height;
  const W = img.width + 2 * border;
  const H = height + 2 * border;
  const header = Buffer.from(`P5\n${W} ${H}\n255\n`, 'ascii');
  const out = Buffer.alloc(header.length + W * H, 255);
  header.copy(out, 0);
  for (let y = 0; y < height; y++) {
    const from = (top + y) * img.width;
    out.set(img.data.subarray(from, from + img.width), header.length + (y + border) * W + border);
  }
  return out;
}

/**
 * Erases a dotted leader ("……" or a dotted rule) left and right of the written answer in a field crop.
 * Tesseract otherwise reads the dots as letters ("vnLy") or as dot-below marks. Under the answer the dots are
 * kept: they cannot be told from a real dot-below there, and the answer covers them anyway.
 */
export function suppressLeader(img: GreyImage, dark = 128): GreyImage {
  const { width: W, height: H, data } = img;
  const maxRun = Math.max(3, Math.round(H * 0.08));
  const leader = new Uint8Array(H);
  for (let y = 0; y < H; y++) {
    let runs = 0;
    let run = 0;
    let longest = 0;
    let first = -1;
    let last = -1;
    for (let x = 0; x <= W; x++) {
      const d = x < W && data[y * W + x]! < dark;
      if (d) {
        run++;
        if (first < 0) first = x;
        last = x;
      } else if (run > 0) {
        runs++;
        longest = Math.max(longest, run);
        run = 0;
      }
    }
    if (runs >= 8 && longest <= maxRun && last - first > W * 0.6) leader[y] = 1;
  }
  if (!leader.includes(1)) return img;
  // Extend the band by one row each way (anti-aliased dot edges).
  const band = leader.map((v, y) => (v || leader[y - 1] || leader[y + 1] ? 1 : 0));
  let start = W;
  let end = -1;
  for (let y = 0; y < H; y++) {
    if (band[y]) continue;
    for (let x = 0; x < W; x++) {
      if (data[y * W + x]! < dark) {
        if (x < start) start = x;
        if (x > end) end = x;
      }
    }
  }
  const out = new Uint8Array(data);
  const gap = Math.round(H * 0.15);
  for (let y = 0; y < H; y++) {
    if (!band[y]) continue;
    for (let x = 0; x < W; x++) if (end < 0 || x < start - gap || x > end + gap) out[y * W + x] = 255;
  }
  return { data: out, width: W, height: H };
}

/**
 * A row to cut a tall page at: the middle of the blank band (no ink across the whole width) nearest the page's
 * middle, within its middle 40 %; null when there is none (a photo, ink on every row). Reading the two
 * halves one after the other halves tesseract's working memory, which the wasm heap keeps at its peak for good.
 */
export function blankCutRow(img: GreyImage, dark = 128): number | null {
  const { data, width: W, height: H } = img;
  const maxInk = Math.max(1, Math.round(W * 0.002));
  const from = Math.round(H * 0.3);
  const to = Math.round(H * 0.7);
  let best: number | null = null;
  let runStart = -1;
  for (let y = from; y <= to; y++) {
    let ink = 0;
    if (y < to) for (let i = y * W, end = i + W; i < end && ink <= maxInk; i++) if (data[i]! < dark) ink++;
    const blank = y < to && ink <= maxInk;
    if (blank && runStart < 0) runStart = y;
    if (!blank && runStart >= 0) {
      if (y - runStart >= 3) {
        const mid = Math.round((runStart + y - 1) / 2);
        if (best === null || Math.abs(mid - H / 2) < Math.abs(best - H / 2)) best = mid;
      }
      runStart = -1;
    }
  }
  return best;
}
