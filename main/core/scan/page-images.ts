import sharp from 'sharp';
import { preparePage, toGrey } from '../ocr/preprocess.ts';

const A4_WIDTH_INCHES = 8.2677;

export interface PageImages {
  /** Greyscale, deskewed (and binarised when noisy), at most ~205 dpi across A4, with its dpi recorded: goes into the PDF. */
  clean: Buffer;
  /** What the citizen sees large on screen. */
  view: Buffer;
  thumb: Buffer;
  /** Share of dark pixels; a blank sheet (the back of a one-sided page in a duplex feeder) has next to none. */
  ink: number;
}

/** Cleans a scanned page up for the dossier and makes the images the kiosk shows. */
export async function pageImages(raw: Buffer): Promise<PageImages> {
  const meta = await sharp(raw).metadata();
  if (!meta.width || !meta.height) throw new Error('page image has no size');
  const prepared = await preparePage(raw, { crop: false });
  const dpiIn = meta.density && meta.density > 50 ? meta.density : meta.width / A4_WIDTH_INCHES;
  const clean = await sharp(prepared.png)
    .withMetadata({ density: Math.max(50, Math.round(dpiIn * prepared.scale)) })
    .png({ compressionLevel: 6 })
    .toBuffer();
  const view = await sharp(prepared.png).resize({ width: 1000, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  const thumb = await sharp(prepared.png).resize({ width: 240, withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
  return { clean, view, thumb, ink: await inkShare(prepared.png) };
}

async function inkShare(png: Buffer): Promise<number> {
  const small = await toGrey(sharp(png).resize({ width: 400, withoutEnlargement: true }));
  let dark = 0;
  for (const v of small.data) if (v < 128) dark++;
  return dark / Math.max(1, small.data.length);
}

/** Below this share of dark pixels a page counts as blank and is not kept. */
export const BLANK_INK = 0.00005; // a single short word on A4 is ~0.0001
