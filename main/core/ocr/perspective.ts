import sharp from 'sharp';

// Document-camera geometry, pure and usable from Node or the renderer: a page photographed at an angle is a
// quadrilateral; the homography maps the upright output rectangle onto it and the warp samples through it.

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/** 3×3 matrix, row-major, h[8] = 1. */
export type Homography = Float64Array;

export class GeometryError extends Error {
  override name = 'GeometryError';
}

/** Solves A·x = b (n×n) by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    if (Math.abs(M[p]![c]!) < 1e-12) throw new GeometryError('degenerate quadrilateral (three corners in a line?)');
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

/** The homography H with H·src[i] ∝ dst[i] for the four point pairs. */
export function homography(src: Quad, dst: Quad): Homography {
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = src[i]!;
    const { x: u, y: v } = dst[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  return Float64Array.from([...solve(A, b), 1]);
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Output size that keeps the page's resolution: the longer of each pair of opposite edges. */
export function rectifiedSize(q: Quad): { width: number; height: number } {
  return {
    width: Math.round(Math.max(dist(q[0], q[1]), dist(q[3], q[2]))),
    height: Math.round(Math.max(dist(q[0], q[3]), dist(q[1], q[2]))),
  };
}

export interface PixelBuffer {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: number;
}

/**
 * Warps the quadrilateral `quad` of `src` to an upright width×height image (bilinear sampling; outside the
 * source is white). Pure: works on any interleaved buffer, e.g. canvas ImageData with channels = 4.
 */
export function warpPerspective(src: PixelBuffer, quad: Quad, width: number, height: number): PixelBuffer {
  const C = src.channels;
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  const h = homography(rect, quad); // output pixel → source pixel
  const out = new Uint8Array(width * height * C);
  const sw = src.width;
  const sh = src.height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      const o = (y * width + x) * C;
      if (sx < 0 || sy < 0 || sx > sw - 1 || sy > sh - 1) {
        out.fill(255, o, o + C);
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(sw - 1, x0 + 1);
      const y1 = Math.min(sh - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < C; c++) {
        const a = src.data[(y0 * sw + x0) * C + c]!;
        const b = src.data[(y0 * sw + x1) * C + c]!;
        const d = src.data[(y1 * sw + x0) * C + c]!;
        const e = src.data[(y1 * sw + x1) * C + c]!;
        out[o + c] = Math.round((a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy);
      }
    }
  }
  return { data: out, width, height, channels: C };
}

/**
 * Finds a light page on a darker background: threshold (midway between background and page levels), then
 * the page corners as the extreme foreground points along the two diagonals. Good enough for a document
 * camera over a dark mat; returns null when no page-sized light region is found.
 */
export function findPageQuad(grey: PixelBuffer): Quad | null {
  if (grey.channels !== 1) throw new GeometryError('findPageQuad needs a greyscale buffer');
  const { data, width: W, height: H } = grey;
  let lo = 255;
  let hi = 0;
  const step = Math.max(1, Math.floor(Math.max(W, H) / 600));
  const hist = new Uint32Array(256);
  for (let y = 0; y < H; y += step) for (let x = 0; x < W; x += step) hist[data[y * W + x]!]!++;
  const total = hist.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (lo === 255 && acc > total * 0.05) lo = v;
    if (acc > total * 0.9) {
      hi = v;
      break;
    }
  }
  if (hi - lo < 40) return null; // no contrast between page and background
  const t = (lo + hi) / 2;
  let tl: Point | null = null;
  let tr: Point | null = null;
  let br: Point | null = null;
  let bl: Point | null = null;
  let count = 0;
  let [mTl, mTr, mBr, mBl] = [Infinity, -Infinity, -Infinity, Infinity];
  for (let y = 0; y < H; y += step) {
    for (let x = 0; x < W; x += step) {
      if (data[y * W + x]! <= t) continue;
      count++;
      const s = x + y;
      const d = x - y;
      if (s < mTl) [mTl, tl] = [s, { x, y }];
      if (s > mBr) [mBr, br] = [s, { x, y }];
      if (d > mTr) [mTr, tr] = [d, { x, y }];
      if (d < mBl) [mBl, bl] = [d, { x, y }];
    }
  }
  if (!tl || !tr || !br || !bl || count * step * step < W * H * 0.15) return null;
  return [tl, tr, br, bl];
}

/** Rectifies a photographed page with sharp for decoding/encoding; `quad` in source pixels. */
export async function rectifyImage(input: Buffer, quad: Quad, size = rectifiedSize(quad)): Promise<Buffer> {
  const { data, info } = await sharp(input).raw().toBuffer({ resolveWithObject: true });
  const out = warpPerspective({ data, width: info.width, height: info.height, channels: info.channels }, quad, size.width, size.height);
  return sharp(Buffer.from(out.data.buffer, out.data.byteOffset, out.data.length), {
    raw: { width: out.width, height: out.height, channels: out.channels as 1 | 3 | 4 },
  })
    .png()
    .toBuffer();
}
