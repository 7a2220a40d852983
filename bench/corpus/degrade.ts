import sharp from 'sharp';
import { homography, type Quad } from '../../main/core/ocr/perspective.ts';

// Scanner and camera faults applied to clean synthetic pages. Deterministic: noise comes from a seeded PRNG,
// so the corpus and the tests are the same on every run.

export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Turns the page by `deg` (positive = clockwise), white corners. */
export async function skew(png: Buffer, deg: number): Promise<Buffer> {
  return sharp(png).rotate(deg, { background: '#fff' }).png().toBuffer();
}

export async function blur(png: Buffer, sigma: number): Promise<Buffer> {
  return sharp(png).blur(sigma).png().toBuffer();
}

/** Gaussian sensor noise (std dev `sigma` grey levels) plus a sprinkle of salt-and-pepper specks. */
export async function noise(png: Buffer, sigma: number, seed = 1, specks = 0.002): Promise<Buffer> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const rnd = prng(seed);
  for (let i = 0; i < data.length; i++) {
    // Box–Muller.
    const g = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    let v = data[i]! + g * sigma;
    const r = rnd();
    if (r < specks / 2) v = 0;
    else if (r < specks) v = 255;
    data[i] = Math.max(0, Math.min(255, Math.round(v)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer();
}

export async function jpegArtefacts(png: Buffer, quality: number): Promise<Buffer> {
  const jpg = await sharp(png).jpeg({ quality }).toBuffer();
  return sharp(jpg).png().toBuffer();
}

/** Re-samples to another resolution (e.g. a 300 dpi page as a 150 dpi scan). */
export async function rescale(png: Buffer, factor: number): Promise<Buffer> {
  const m = await sharp(png).metadata();
  return sharp(png).resize({ width: Math.round(m.width! * factor) }).png().toBuffer();
}

/**
 * A document-camera shot: the page lies on a dark desk, seen at an angle (the page's corners land on
 * `quad`, fractions of the photo). Returns the photo and the quad in photo pixels.
 */
export async function cameraShot(
  png: Buffer,
  quadFrac: Quad = [
    { x: 0.1, y: 0.06 },
    { x: 0.88, y: 0.1 },
    { x: 0.93, y: 0.95 },
    { x: 0.05, y: 0.92 },
  ],
  scale = 1.1,
): Promise<{ photo: Buffer; quad: Quad }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const W = Math.round(info.width * scale);
  const H = Math.round(info.height * scale);
  const quad = quadFrac.map((p) => ({ x: p.x * W, y: p.y * H })) as Quad;
  const pageRect: Quad = [
    { x: 0, y: 0 },
    { x: info.width - 1, y: 0 },
    { x: info.width - 1, y: info.height - 1 },
    { x: 0, y: info.height - 1 },
  ];
  // Inverse map: photo pixel → page pixel, so each photo pixel samples the page (or the desk).
  const h = homography(quad, pageRect);
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = Math.round((h[0]! * x + h[1]! * y + h[2]!) / w);
      const sy = Math.round((h[3]! * x + h[4]! * y + h[5]!) / w);
      const inside = sx >= 0 && sy >= 0 && sx < info.width && sy < info.height;
      // Desk is dark grey; the page is a little dimmer than a flatbed scan (room light).
      out[y * W + x] = inside ? Math.round(30 + data[sy * info.width + sx]! * 0.82) : 45;
    }
  }
  const photo = await sharp(out, { raw: { width: W, height: H, channels: 1 } }).blur(0.8).png().toBuffer();
  return { photo, quad };
}
