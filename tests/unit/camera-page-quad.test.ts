import { describe, expect, it } from 'vitest';
import { findPageQuad, greyFromRgba, pageAspect, quadProblem, scaleQuad, type Quad } from '../../drivers/camera/page-quad.ts';
import { pageSizeFor } from '../../main/core/scan/camera.ts';
import { DEFAULT_POSE, projectA4 } from '../helpers/camera-photo.ts';

/** A W×H desk (grey 40) with a filled convex quad (grey 220) and optional small bright patch. */
function scene(W: number, H: number, q: Quad, patch?: { x: number; y: number; s: number }): Uint8Array {
  const out = new Uint8Array(W * H).fill(40);
  const inside = (x: number, y: number) =>
    q.every((a, i) => {
      const b = q[(i + 1) % 4]!;
      return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) >= 0;
    });
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (inside(x + 0.5, y + 0.5)) out[y * W + x] = 220;
  if (patch) for (let y = patch.y; y < patch.y + patch.s; y++) for (let x = patch.x; x < patch.x + patch.s; x++) out[y * W + x] = 250;
  return out;
}

describe('document camera page outline (pure, shared by kiosk screen and core)', () => {
  const W = 640;
  const H = 360;
  const q: Quad = [
    { x: 210, y: 20 },
    { x: 440, y: 35 },
    { x: 420, y: 340 },
    { x: 190, y: 330 },
  ];

  it('finds the page’s four corners, ignoring a brighter patch elsewhere on the desk', () => {
    const found = findPageQuad({ data: scene(W, H, q, { x: 560, y: 20, s: 40 }), width: W, height: H })!;
    expect(found).not.toBeNull();
    found.forEach((p, i) => expect(Math.hypot(p.x - q[i]!.x, p.y - q[i]!.y)).toBeLessThan(3));
  });

  it('finds nothing on a blank desk, a page too small, or no contrast', () => {
    expect(findPageQuad({ data: new Uint8Array(W * H).fill(40), width: W, height: H })).toBeNull();
    const small: Quad = [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 80 }, { x: 10, y: 80 }];
    expect(findPageQuad({ data: scene(W, H, small), width: W, height: H })).toBeNull();
    const flat = scene(W, H, q).map((v) => (v === 220 ? 60 : v));
    expect(findPageQuad({ data: flat, width: W, height: H })).toBeNull();
  });

  it('turns canvas RGBA into grey and scales an outline between frame sizes', () => {
    const g = greyFromRgba(Uint8ClampedArray.from([255, 255, 255, 255, 255, 0, 0, 255, 0, 0, 0, 255]), 3, 1);
    expect([...g.data]).toEqual([255, 76, 0]);
    expect(scaleQuad(q, 3)[2]).toEqual({ x: 1260, y: 1020 });
  });

  it('says why an outline cannot be a page', () => {
    expect(quadProblem(q, W, H)).toBeNull();
    expect(quadProblem([q[0], q[1], q[2], { x: -1, y: 300 }], W, H)).toMatch(/outside the 640×360 image/);
    expect(quadProblem([q[1], q[0], q[3], q[2]], W, H)).toMatch(/not a convex quadrilateral/); // counter-clockwise
    expect(quadProblem([q[0], q[2], q[1], q[3]], W, H)).toMatch(/not a convex quadrilateral/); // bow tie
    expect(quadProblem([q[0], { x: 215, y: 21 }, { x: 214, y: 30 }, { x: 209, y: 29 }], W, H)).toMatch(/too small/);
  });

  it('recovers an A4 page’s aspect through perspective, where the edge lengths alone do not', () => {
    for (const pose of [DEFAULT_POSE, { ...DEFAULT_POSE, tiltDeg: 25, yawDeg: 10, rollDeg: -6, fill: 0.7 }, { ...DEFAULT_POSE, tiltDeg: 0, yawDeg: 0, rollDeg: 0 }]) {
      const quad = projectA4(pose, 1920, 1080);
      expect(pageAspect(quad, 1920, 1080)).toBeCloseTo(297 / 210, 2);
      expect(pageSizeFor(quad, { width: 1920, height: 1080 })).toEqual({ width: 1754, height: 2481 });
    }
    // A parallelogram (no perspective): the mean edge lengths' ratio.
    const flat: Quad = [{ x: 100, y: 100 }, { x: 300, y: 100 }, { x: 300, y: 400 }, { x: 100, y: 400 }];
    expect(pageAspect(flat, 1920, 1080)).toBeCloseTo(1.5, 6);
    expect(pageSizeFor(flat, { width: 1920, height: 1080 })).toEqual({ width: 1754, height: 2631 });
  });
});
