// Finding the page in a document-camera frame: pure functions over pixel arrays, shared by the kiosk's
// renderer (outline shown to the citizen right after the shot) and the core (when the photo comes without an
// outline). No Node or DOM imports. The logic follows main/core/ocr/perspective.ts findPageQuad (that module
// imports sharp, so the renderer cannot use it), with Otsu's threshold and the largest bright region, so a
// light patch elsewhere on the desk does not pull a corner away from the page.

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

export interface GreyFrame {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** A page must cover at least this share of the frame to count as found. */
export const MIN_PAGE_SHARE = 0.12;

/** RGBA (canvas ImageData) to grey, BT.601 weights. */
export function greyFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyFrame {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) out[i] = (rgba[j]! * 299 + rgba[j + 1]! * 587 + rgba[j + 2]! * 114 + 500) / 1000;
  return { data: out, width, height };
}

/** Otsu's threshold and the gap between the two classes' means. */
function otsu(data: Uint8Array | Uint8ClampedArray): { t: number; gap: number } {
  const hist = new Float64Array(256);
  for (const v of data) hist[v]!++;
  const n = data.length;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let wB = 0;
  let sumB = 0;
  let best = -1;
  let t = 128;
  let gap = 0;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      t = v;
      gap = mF - mB;
    }
  }
  return { t, gap };
}

/** Labels of the largest 4-connected region of `mask`, as a 0/1 array. */
function largestRegion(mask: Uint8Array, W: number, H: number): { region: Uint8Array; size: number } {
  const label = new Int32Array(W * H);
  const stack = new Int32Array(W * H);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start]) continue;
    next++;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const x = i % W;
      if (x > 0 && mask[i - 1] && !label[i - 1]) (label[i - 1] = next), (stack[top++] = i - 1);
      if (x < W - 1 && mask[i + 1] && !label[i + 1]) (label[i + 1] = next), (stack[top++] = i + 1);
      if (i >= W && mask[i - W] && !label[i - W]) (label[i - W] = next), (stack[top++] = i - W);
      if (i < W * (H - 1) && mask[i + W] && !label[i + W]) (label[i + W] = next), (stack[top++] = i + W);
    }
    if (size > bestSize) [bestSize, bestLabel] = [size, next];
  }
  const region = new Uint8Array(W * H);
  for (let i = 0; i < region.length; i++) region[i] = label[i] === bestLabel && bestLabel > 0 ? 1 : 0;
  return { region, size: bestSize };
}

/**
 * The light page on a darker desk, in the frame's pixels; null when there is no page-sized light region
 * (no contrast, page too small, or its outline not a sensible quadrilateral). Give it a small frame
 * (≈ 400–700 px across): the cost is linear in pixels and the corners only need to be right to a pixel or two
 * after scaling up.
 */
export function findPageQuad(grey: GreyFrame): Quad | null {
  const { data, width: W, height: H } = grey;
  if (W < 16 || H < 16 || data.length !== W * H) return null;
  const { t, gap } = otsu(data);
  if (gap < 40) return null; // page and desk too alike to tell apart
  const mask = new Uint8Array(W * H);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i]! > t ? 1 : 0;
  // Dark print on the page splits nothing: the paper around the letters keeps the page one region.
  const { region, size } = largestRegion(mask, W, H);
  if (size < W * H * MIN_PAGE_SHARE) return null;
  let [mTl, mTr, mBr, mBl] = [Infinity, -Infinity, -Infinity, Infinity];
  const q: Point[] = [
    { x: 0, y: 0 },
    { x: 0, y: 0 },
    { x: 0, y: 0 },
    { x: 0, y: 0 },
  ];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!region[y * W + x]) continue;
      const s = x + y;
      const d = x - y;
      if (s < mTl) (mTl = s), (q[0] = { x, y });
      if (d > mTr) (mTr = d), (q[1] = { x: x + 1, y });
      if (s > mBr) (mBr = s), (q[2] = { x: x + 1, y: y + 1 });
      if (d < mBl) (mBl = d), (q[3] = { x, y: y + 1 });
    }
  }
  const quad = q as Quad;
  return quadProblem(quad, W, H) === null ? quad : null;
}

/** The quad in another resolution of the same frame (the small detection frame → the full photo). */
export function scaleQuad(q: Quad, sx: number, sy: number = sx): Quad {
  return q.map((p) => ({ x: p.x * sx, y: p.y * sy })) as Quad;
}

export function quadArea(q: Quad): number {
  let a = 0;
  for (let i = 0; i < 4; i++) {
    const p = q[i]!;
    const n = q[(i + 1) % 4]!;
    a += p.x * n.y - n.x * p.y;
  }
  return Math.abs(a) / 2;
}

/**
 * Why `q` cannot be a page in a width×height photo, or null when it can: every corner inside the photo,
 * corners in clockwise order (top-left first) forming a convex quadrilateral, covering a page-sized share.
 */
export function quadProblem(q: Quad, width: number, height: number): string | null {
  for (const p of q) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return 'corner is not a number';
    if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) return `corner (${p.x}, ${p.y}) outside the ${width}×${height} image`;
  }
  // Image coordinates (y down): clockwise on screen means every cross product is positive.
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const c = q[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (!(cross > 0)) return 'corners are not a convex quadrilateral in order top-left, top-right, bottom-right, bottom-left';
  }
  if (quadArea(q) < width * height * MIN_PAGE_SHARE * 0.8) return 'outline too small for a page';
  return null;
}

/**
 * The page's height/width from its photographed outline, undoing perspective (Zhang & He, "Whiteboard
 * scanning", 2007): with the principal point at the photo's centre and square pixels, the outline fixes the
 * camera's focal length and the rectangle's true aspect. Outlines that are (nearly) parallelograms carry no
 * perspective; their aspect is the mean edge lengths'.
 */
export function pageAspect(q: Quad, width: number, height: number): number {
  const [tl, tr, br, bl] = q;
  const u0 = width / 2;
  const v0 = height / 2;
  // Homogeneous, centred: m1 tl, m2 tr, m3 bl, m4 br.
  const m = (p: Point): [number, number, number] => [p.x - u0, p.y - v0, 1];
  const m1 = m(tl);
  const m2 = m(tr);
  const m3 = m(bl);
  const m4 = m(br);
  const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const c14 = cross(m1, m4);
  const k2 = dot(c14, m3) / dot(cross(m2, m4), m3);
  const k3 = dot(c14, m2) / dot(cross(m3, m4), m2);
  const n2 = m2.map((v, i) => k2 * v - m1[i]!);
  const n3 = m3.map((v, i) => k3 * v - m1[i]!);
  const plain = () => {
    const d = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
    return (d(tl, bl) + d(tr, br)) / (d(tl, tr) + d(bl, br));
  };
  if (!Number.isFinite(k2) || !Number.isFinite(k3) || Math.abs(n2[2]! * n3[2]!) < 1e-9) return plain();
  const f2 = -(n2[0]! * n3[0]! + n2[1]! * n3[1]!) / (n2[2]! * n3[2]!);
  if (!(f2 > 0) || !Number.isFinite(f2)) return plain();
  const norm = (n: number[]) => (n[0]! ** 2 + n[1]! ** 2) / f2 + n[2]! ** 2;
  const r = Math.sqrt(norm(n3) / norm(n2));
  return Number.isFinite(r) && r > 0 ? r : plain();
}
