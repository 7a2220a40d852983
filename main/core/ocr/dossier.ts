import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { PageReading } from './service.ts';

const PT_PER_INCH = 72;

/**
 * One PDF for the dossier, one scanned page per PDF page at the scan's physical size (from its dpi, or
 * fitted to A4 when the image carries none). Colour pages are stored as JPEG, greyscale/bilevel as PNG.
 */
export async function buildDossierPdf(pages: Buffer[], options: { readings?: PageReading[]; title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(options.title ?? 'Hồ sơ');
  doc.setProducer('letan');
  doc.setCreationDate(new Date(0)); // reproducible bytes; the dossier record holds the real time
  doc.setModificationDate(new Date(0));
  for (const [i, bytes] of pages.entries()) {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) throw new Error(`page ${i + 1} has no size`);
    const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
    const img = colour
      ? await doc.embedJpg(await sharp(bytes).flatten({ background: '#fff' }).jpeg({ quality: 85 }).toBuffer())
      : await doc.embedPng(await sharp(bytes).greyscale().png().toBuffer());
    const dpi = meta.density && meta.density > 50 ? meta.density : (meta.width / 8.2677);
    const w = (meta.width / dpi) * PT_PER_INCH;
    const h = (meta.height / dpi) * PT_PER_INCH;
    const page = doc.addPage([w, h]);
    page.drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  if (options.readings) {
    // The recognised text travels inside the PDF too, as an attachment, so the file stays searchable offline.
    const json = JSON.stringify(dossierText(options.readings), null, 1);
    await doc.attach(Buffer.from(json, 'utf8'), 'recognised-text.json', { mimeType: 'application/json', description: 'OCR text' });
  }
  return doc.save();
}

export interface DossierText {
  pages: { index: number; text: string; confidence: number; template?: string; fields?: Record<string, { value: string | boolean; confidence: number; valid: boolean; flagged: boolean }> }[];
}

/** The JSON stored beside the PDF: per page its text and, for forms, the fields. */
export function dossierText(readings: PageReading[]): DossierText {
  return {
    pages: readings.map((r, index) => ({
      index,
      text: r.text,
      confidence: r.confidence,
      ...(r.template ? { template: r.template.id } : {}),
      ...(r.fields
        ? {
            fields: Object.fromEntries(
              Object.entries(r.fields).map(([k, f]) => [k, { value: f.value, confidence: f.confidence, valid: f.valid, flagged: f.flagged }]),
            ),
          }
        : {}),
    })),
  };
}
