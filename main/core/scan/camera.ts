import sharp from 'sharp';
import { findPageQuad, pageAspect, quadProblem, scaleQuad, type Quad } from '../../../drivers/camera/page-quad.ts';
import { rectifiedSize, rectifyImage } from '../ocr/index.ts';

// A document-camera photo becomes a page image for the usual clean-up and OCR: straightened to the page's
// outline (the kiosk's, or one found here), at a size OCR and the form's template can work with.

export class CameraPhotoError extends Error {
  override name = 'CameraPhotoError';
}

/** Frames larger than this are not a kiosk camera's (and would cost too much memory to warp). */
const MAX_SIDE = 4096;
/** Width of the frame the outline is looked for in. */
const DETECT_WIDTH = 640;
/** A4 portrait, height / width. */
const A4_RATIO = 297 / 210;
/**
 * The straightened page is drawn at least this wide (A4 at ~210 dpi): a 1080p camera sees an A4 page at
 * ~90 dpi, and OCR reads far more of the form from an interpolated larger image (measured on a 1080p shot of
 * the khai sinh form: 3 of 17 fields right at the native ~700 px width, 8 at 1240 px, 12 at 1754 px).
 */
const MIN_PAGE_WIDTH = 1754;
const MAX_PAGE_WIDTH = 2480;

export interface CameraPage {
  /** The page image (PNG) for the session's page pipeline. */
  png: Buffer;
  rectified: boolean;
  quad: Quad | null;
  width: number;
  height: number;
}

/**
 * The output size for an outline: the page's true aspect (perspective undone), snapped to A4 when within 6 %
 * of it (a form's fields are placed by page fractions), as wide as the outline's longer horizontal edge and
 * at least MIN_PAGE_WIDTH.
 */
export function pageSizeFor(quad: Quad, photo: { width: number; height: number }): { width: number; height: number } {
  const raw = rectifiedSize(quad);
  let ratio = pageAspect(quad, photo.width, photo.height);
  if (Math.abs(ratio / A4_RATIO - 1) < 0.06) ratio = A4_RATIO;
  else if (Math.abs(ratio * A4_RATIO - 1) < 0.06) ratio = 1 / A4_RATIO; // A4 lying sideways
  const width = Math.min(MAX_PAGE_WIDTH, Math.max(MIN_PAGE_WIDTH, raw.width));
  return { width, height: Math.round(width * ratio) };
}

/** Straightens a camera JPEG to `given` (photo pixels) or to the page outline found in it. */
export async function cameraPage(jpeg: Buffer, given: Quad | null): Promise<CameraPage> {
  try {
    return await straighten(jpeg, given);
  } catch (err) {
    if (err instanceof CameraPhotoError) throw err;
    // libvips on a truncated or corrupt JPEG, a degenerate outline: the photo is the problem, not the kiosk.
    throw new CameraPhotoError(`image: cannot be straightened (${(err as Error).message})`);
  }
}

async function straighten(jpeg: Buffer, given: Quad | null): Promise<CameraPage> {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg[2] !== 0xff) throw new CameraPhotoError('image: not a JPEG');
  const meta = await sharp(jpeg).metadata();
  const { width: W, height: H } = meta;
  if (meta.format !== 'jpeg' || !W || !H) throw new CameraPhotoError('image: not a JPEG');
  if (W > MAX_SIDE || H > MAX_SIDE || W < 200 || H < 200) throw new CameraPhotoError(`image: ${W}×${H} is not a camera frame (200–${MAX_SIDE} px a side)`);
  // The sensor's orientation flag is not honoured here: quads are in the pixels as stored, like the canvas's.
  let quad = given;
  if (quad) {
    const why = quadProblem(quad, W, H);
    if (why) throw new CameraPhotoError(`quad: ${why}`);
  } else {
    const small = await sharp(jpeg).resize({ width: Math.min(DETECT_WIDTH, W) }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const found = findPageQuad({ data: small.data, width: small.info.width, height: small.info.height });
    quad = found && scaleQuad(found, W / small.info.width, H / small.info.height);
  }
  if (!quad) {
    // No outline: the whole photo is the page (a close-up that fills the frame, or a page on a light desk).
    const png = await sharp(jpeg).png().toBuffer();
    return { png, rectified: false, quad: null, width: W, height: H };
  }
  const size = pageSizeFor(quad, { width: W, height: H });
  const png = await rectifyImage(jpeg, quad, size);
  return { png, rectified: true, quad, width: size.width, height: size.height };
}
