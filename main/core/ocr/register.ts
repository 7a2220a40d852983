import type { OcrWord } from './pool.ts';
import { ANCHOR_WORDS, anchorsOf, anchorWords, normWord, type FormTemplate, type Region } from './template.ts';

/** x' = a·u + b·v + c, y' = d·u + e·v + f: template units (u, v) → page pixels. */
export type Affine = [number, number, number, number, number, number];

export interface Registration {
  method: 'affine' | 'similarity' | 'translation' | 'none';
  anchorsFound: number;
  anchorsTotal: number;
  /** Root-mean-square distance of the anchors from where the fit puts them, pixels. */
  rmsPx: number;
  transform: Affine;
}

interface Pair {
  u: number;
  v: number;
  x: number;
  y: number;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

function wordMatches(ocr: string, want: string): boolean {
  const got = normWord(ocr);
  return got === want || (want.length >= 4 && editDistance(got, want) <= 1);
}

/** Finds each anchor's first word on the page; an anchor seen twice (ambiguous) is skipped. */
export function matchAnchors(t: FormTemplate, words: OcrWord[]): Pair[] {
  const pairs: Pair[] = [];
  const clean = words.filter((w) => normWord(w.text).length > 0);
  for (const a of anchorsOf(t)) {
    const want = anchorWords(a.text).slice(0, ANCHOR_WORDS);
    const hits: OcrWord[] = [];
    for (let i = 0; i + want.length <= clean.length; i++) {
      let misses = 0;
      for (let j = 0; j < want.length && misses <= 1; j++) {
        const w = clean[i + j]!;
        if (w.lineIndex !== clean[i]!.lineIndex || !wordMatches(w.text, want[j]!)) misses++;
      }
      // One misread word is tolerated in long anchors, none in short ones.
      if (misses === 0 || (misses === 1 && want.length >= 4 && wordMatches(clean[i]!.text, want[0]!))) hits.push(clean[i]!);
    }
    if (hits.length === 1) pairs.push({ u: a.x, v: a.y, x: hits[0]!.bbox.x0, y: hits[0]!.baselineY });
  }
  return pairs;
}

function solve3(m: number[][], r: number[]): number[] | null {
  const [a, b, c] = m as [number[], number[], number[]];
  const det = (M: number[][]) =>
    M[0]![0]! * (M[1]![1]! * M[2]![2]! - M[1]![2]! * M[2]![1]!) -
    M[0]![1]! * (M[1]![0]! * M[2]![2]! - M[1]![2]! * M[2]![0]!) +
    M[0]![2]! * (M[1]![0]! * M[2]![1]! - M[1]![1]! * M[2]![0]!);
  const D = det([a, b, c]);
  if (Math.abs(D) < 1e-12) return null;
  const col = (i: number) => [a, b, c].map((row, k) => row.map((v, j) => (j === i ? r[k]! : v)));
  return [det(col(0)) / D, det(col(1)) / D, det(col(2)) / D];
}

function fitAffine(p: Pair[]): Affine | null {
  // Normal equations for [u v 1]·[a b c]ᵀ = x (and the same for y).
  const M = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const rx = [0, 0, 0];
  const ry = [0, 0, 0];
  for (const q of p) {
    const row = [q.u, q.v, 1];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) M[i]![j]! += row[i]! * row[j]!;
      rx[i]! += row[i]! * q.x;
      ry[i]! += row[i]! * q.y;
    }
  }
  const sx = solve3(M, rx);
  const sy = solve3(M, ry);
  if (!sx || !sy) return null;
  return [sx[0]!, sx[1]!, sx[2]!, sy[0]!, sy[1]!, sy[2]!];
}

/** Uniform scale + translation (page already deskewed) from two or more anchors. */
function fitSimilarity(p: Pair[], aspect: number): Affine {
  // Template units are page fractions, so one scale s maps u·s·aspect… use per-axis scale from the spread.
  const mu = p.reduce((s, q) => s + q.u, 0) / p.length;
  const mv = p.reduce((s, q) => s + q.v, 0) / p.length;
  const mx = p.reduce((s, q) => s + q.x, 0) / p.length;
  const my = p.reduce((s, q) => s + q.y, 0) / p.length;
  let num = 0;
  let den = 0;
  for (const q of p) {
    num += (q.u - mu) * (q.x - mx) * aspect + (q.v - mv) * (q.y - my);
    den += ((q.u - mu) * aspect) ** 2 + (q.v - mv) ** 2;
  }
  const s = den > 0 ? num / den : 0; // pixels per page height
  return [s * aspect, 0, mx - s * aspect * mu, 0, s, my - s * mv];
}

export function applyAffine(t: Affine, u: number, v: number): { x: number; y: number } {
  return { x: t[0] * u + t[1] * v + t[2], y: t[3] * u + t[4] * v + t[5] };
}

function rms(t: Affine, p: Pair[]): number {
  if (p.length === 0) return 0;
  const s = p.reduce((acc, q) => {
    const m = applyAffine(t, q.u, q.v);
    return acc + (m.x - q.x) ** 2 + (m.y - q.y) ** 2;
  }, 0);
  return Math.sqrt(s / p.length);
}

const A4_ASPECT = 210 / 297; // page width / height, for the fallbacks that assume the scan is the whole page

/**
 * Maps the template onto the page from its anchors: affine with ≥ 3 (after dropping outliers), uniform
 * scale with 2, a shift with 1, and the whole-image assumption with none.
 */
export function registerPage(t: FormTemplate, words: OcrWord[], page: { width: number; height: number }): Registration {
  const total = anchorsOf(t).length;
  let pairs = matchAnchors(t, words);
  const whole: Affine = [page.width, 0, 0, 0, page.height, 0];
  if (pairs.length >= 3) {
    let fit = fitAffine(pairs);
    if (fit) {
      // Drop anchors far from the consensus (a label misread as another), then refit.
      const tol = Math.max(page.width, page.height) * 0.01;
      const kept = pairs.filter((q) => {
        const m = applyAffine(fit!, q.u, q.v);
        return Math.hypot(m.x - q.x, m.y - q.y) < Math.max(tol, rms(fit!, pairs) * 2);
      });
      if (kept.length >= 3 && kept.length < pairs.length) {
        const refit = fitAffine(kept);
        if (refit) [fit, pairs] = [refit, kept];
      }
      return { method: 'affine', anchorsFound: pairs.length, anchorsTotal: total, rmsPx: rms(fit, pairs), transform: fit };
    }
  }
  const aspect = A4_ASPECT;
  if (pairs.length >= 2) {
    const fit = fitSimilarity(pairs, aspect);
    return { method: 'similarity', anchorsFound: pairs.length, anchorsTotal: total, rmsPx: rms(fit, pairs), transform: fit };
  }
  if (pairs.length === 1) {
    const q = pairs[0]!;
    const fit: Affine = [page.width, 0, q.x - page.width * q.u, 0, page.height, q.y - page.height * q.v];
    return { method: 'translation', anchorsFound: 1, anchorsTotal: total, rmsPx: 0, transform: fit };
  }
  return { method: 'none', anchorsFound: 0, anchorsTotal: total, rmsPx: 0, transform: whole };
}

/** The field's region in page pixels (clamped to the page), with a small margin around it. */
export function regionToPixels(
  t: Affine,
  r: Region,
  page: { width: number; height: number },
  pad = 0.004,
): { left: number; top: number; width: number; height: number } {
  const corners = [
    applyAffine(t, r.x - pad, r.y - pad),
    applyAffine(t, r.x + r.w + pad, r.y - pad),
    applyAffine(t, r.x + r.w + pad, r.y + r.h + pad),
    applyAffine(t, r.x - pad, r.y + r.h + pad),
  ];
  const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))));
  const top = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))));
  const right = Math.min(page.width, Math.ceil(Math.max(...corners.map((c) => c.x))));
  const bottom = Math.min(page.height, Math.ceil(Math.max(...corners.map((c) => c.y))));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}
