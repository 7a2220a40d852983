import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import type { Quad } from '../../drivers/camera/page-quad.ts';
import { homography } from '../../main/core/ocr/index.ts';
import { launchChromium } from './browser.ts';

// What a document camera sees: an A4 page lying on a dark desk, photographed at an angle through a pinhole
// camera (so the outline is one a real lens makes), a little uneven room light, colour, slightly soft. For the camera scan tests (the core's op
// and the fake video device Chromium plays in the e2e test).

export interface Pose {
  /** Page turned on the desk (degrees, clockwise on screen). */
  rollDeg: number;
  /** Camera looking at the page obliquely: rotation about the page's horizontal / vertical axis (degrees). */
  tiltDeg: number;
  yawDeg: number;
  /** Share of the frame's height the page spans when seen straight on. */
  fill: number;
  /** Horizontal field of view of the camera (degrees). */
  hfovDeg: number;
}

export const DEFAULT_POSE: Pose = { rollDeg: 3, tiltDeg: 14, yawDeg: -8, fill: 0.86, hfovDeg: 60 };

/** Where an A4 page's corners land in a width×height pinhole photo (principal point at the centre). */
export function projectA4(pose: Pose, W: number, H: number): Quad {
  const rad = Math.PI / 180;
  const f = W / 2 / Math.tan((pose.hfovDeg * rad) / 2);
  const [pw, ph] = [210, 297];
  // Distance at which the page, seen straight on, spans `fill` of the frame's height.
  const dist = (f * ph) / (pose.fill * H);
  const corners = [
    [-pw / 2, -ph / 2],
    [pw / 2, -ph / 2],
    [pw / 2, ph / 2],
    [-pw / 2, ph / 2],
  ];
  const [cr, sr] = [Math.cos(pose.rollDeg * rad), Math.sin(pose.rollDeg * rad)];
  const [ct, st] = [Math.cos(pose.tiltDeg * rad), Math.sin(pose.tiltDeg * rad)];
  const [cy, sy] = [Math.cos(pose.yawDeg * rad), Math.sin(pose.yawDeg * rad)];
  return corners.map(([x0, y0]) => {
    let x = x0! * cr - y0! * sr;
    let y = x0! * sr + y0! * cr;
    let z = 0;
    [y, z] = [y * ct - z * st, y * st + z * ct]; // tilt about x
    [x, z] = [x * cy + z * sy, -x * sy + z * cy]; // yaw about y
    z += dist;
    return { x: W / 2 + (f * x) / z, y: H / 2 + (f * y) / z };
  }) as Quad;
}

export interface CameraFrame {
  /** RGB, width×height×3. */
  rgb: Buffer;
  width: number;
  height: number;
  /** Where the page's corners landed, in frame pixels. */
  quad: Quad;
}

export async function cameraFrame(pagePng: Buffer, opts: { width?: number; height?: number; pose?: Partial<Pose> } = {}): Promise<CameraFrame> {
  const W = opts.width ?? 1920;
  const H = opts.height ?? 1080;
  const quad = projectA4({ ...DEFAULT_POSE, ...opts.pose }, W, H);
  // The page at about the size it appears in the frame (sampling a much larger page would alias).
  const onFrameHeight = Math.max(Math.hypot(quad[0].x - quad[3].x, quad[0].y - quad[3].y), Math.hypot(quad[1].x - quad[2].x, quad[1].y - quad[2].y));
  const page = await sharp(pagePng).greyscale().resize({ height: Math.round(onFrameHeight * 1.2) }).raw().toBuffer({ resolveWithObject: true });
  const pw = page.info.width;
  const ph = page.info.height;
  const h = homography(quad, [
    { x: 0, y: 0 },
    { x: pw - 1, y: 0 },
    { x: pw - 1, y: ph - 1 },
    { x: 0, y: ph - 1 },
  ]);
  const rgb = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      const o = (y * W + x) * 3;
      // Light falls off towards the frame's right edge.
      const light = 1 - 0.12 * (x / W);
      if (sx < 0 || sy < 0 || sx > pw - 1 || sy > ph - 1) {
        rgb[o] = 52 * light;
        rgb[o + 1] = 44 * light;
        rgb[o + 2] = 38 * light; // a brown desk
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(pw - 1, x0 + 1);
      const y1 = Math.min(ph - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const d = page.data;
      const v = (d[y0 * pw + x0]! * (1 - fx) + d[y0 * pw + x1]! * fx) * (1 - fy) + (d[y1 * pw + x0]! * (1 - fx) + d[y1 * pw + x1]! * fx) * fy;
      const g = (25 + v * 0.85) * light;
      rgb[o] = g;
      rgb[o + 1] = g * 0.98;
      rgb[o + 2] = g * 0.93; // warm room light on white paper
    }
  }
  const soft = await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).blur(0.6).raw().toBuffer();
  return { rgb: soft, width: W, height: H, quad };
}

export function frameJpeg(f: CameraFrame, quality = 85): Promise<Buffer> {
  return sharp(f.rgb, { raw: { width: f.width, height: f.height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/**
 * Chromium whose fake camera films `frame` (played from an MJPEG file written into `dir`), with the camera
 * permission granted, as the kiosk's document camera would be.
 */
export async function launchWithFakeCamera(dir: string, frame: CameraFrame): Promise<Browser> {
  const jpeg = await frameJpeg(frame, 90);
  const video = join(dir, 'camera.mjpeg');
  writeFileSync(video, Buffer.concat([jpeg, jpeg])); // two frames: Chromium loops the file
  return launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
}
