import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFilledForm, renderTextPage, type FormValues } from '../../main/core/ocr/synthetic.ts';
import type { FormTemplate } from '../../main/core/ocr/template.ts';
import { blur, cameraShot, jpegArtefacts, noise, rescale, skew } from './degrade.ts';
import { PAGES } from './texts.ts';
import { FORM_VALUES } from '../../tests/fixtures/form-values.ts';

// Builds the OCR corpus into bench/out/corpus: real Vietnamese text pages and filled forms, clean and damaged
// the ways scanners and cameras damage them, each with its ground truth (manifest.json).

export interface CorpusPage {
  id: string;
  file: string;
  /** 'clean' or 'noisy' (the CER target differs). */
  quality: 'clean' | 'noisy';
  dpi: number;
  /** Ground truth text (text pages). */
  text?: string;
  /** Form pages: template and the values written on it. */
  templateId?: string;
  values?: FormValues;
  /** Camera pages: rectify first. */
  camera?: boolean;
}

export async function generateCorpus(outDir: string, templates: Map<string, FormTemplate>): Promise<CorpusPage[]> {
  mkdirSync(outDir, { recursive: true });
  const pages: CorpusPage[] = [];
  const put = (p: Omit<CorpusPage, 'file'>, png: Buffer) => {
    const file = join(outDir, `${p.id}.png`);
    writeFileSync(file, png);
    pages.push({ ...p, file });
  };
  const [p0, p1, p2] = PAGES as [string[], string[], string[]];
  const t0 = p0.join('\n');
  const t1 = p1.join('\n');
  const t2 = p2.join('\n');
  // Text pages: fonts × resolutions, then damage.
  put({ id: 'text-serif-300', quality: 'clean', dpi: 300, text: t0 }, await renderTextPage(p0, { dpi: 300, formFont: 'Liberation Serif' }));
  put({ id: 'text-sans-300', quality: 'clean', dpi: 300, text: t1 }, await renderTextPage(p1, { dpi: 300, formFont: 'Liberation Sans' }));
  put({ id: 'text-dejavu-150', quality: 'clean', dpi: 150, text: t2 }, await renderTextPage(p2, { dpi: 150, formFont: 'DejaVu Serif' }));
  put({ id: 'text-serif-150', quality: 'clean', dpi: 150, text: t1 }, await rescale(await renderTextPage(p1, { dpi: 300 }), 0.5));
  put({ id: 'text-skew3-300', quality: 'noisy', dpi: 300, text: t2 }, await skew(await renderTextPage(p2, { dpi: 300 }), 3));
  put({ id: 'text-blur-300', quality: 'noisy', dpi: 300, text: t0 }, await blur(await renderTextPage(p0, { dpi: 300, formFont: 'Liberation Sans' }), 1.2));
  put({ id: 'text-noise-300', quality: 'noisy', dpi: 300, text: t1 }, await noise(await renderTextPage(p1, { dpi: 300 }), 28, 3));
  put({ id: 'text-jpeg-150', quality: 'noisy', dpi: 150, text: t2 }, await jpegArtefacts(await renderTextPage(p2, { dpi: 150 }), 20));
  put({ id: 'text-camera', quality: 'noisy', dpi: 220, text: t0, camera: true }, (await cameraShot(await renderTextPage(p0, { dpi: 200 }))).photo);
  // Filled forms.
  const form = (id: string) => templates.get(id)!;
  put({ id: 'form-khai-sinh-300', quality: 'clean', dpi: 300, templateId: 'khai-sinh', values: FORM_VALUES['khai-sinh']! }, await renderFilledForm(form('khai-sinh'), FORM_VALUES['khai-sinh']!, { dpi: 300 }));
  put({ id: 'form-lltp-150', quality: 'clean', dpi: 150, templateId: 'ly-lich-tu-phap', values: FORM_VALUES['ly-lich-tu-phap']! }, await renderFilledForm(form('ly-lich-tu-phap'), FORM_VALUES['ly-lich-tu-phap']!, { dpi: 150, valueFont: 'Liberation Sans' }));
  put(
    { id: 'form-ket-hon-noisy-300', quality: 'noisy', dpi: 300, templateId: 'ket-hon', values: FORM_VALUES['ket-hon']! },
    await noise(await skew(await renderFilledForm(form('ket-hon'), FORM_VALUES['ket-hon']!, { dpi: 300, valueFont: 'DejaVu Serif' }), -1.5), 20, 11),
  );
  put(
    { id: 'form-khai-sinh-jpeg-200', quality: 'noisy', dpi: 200, templateId: 'khai-sinh', values: FORM_VALUES['khai-sinh']! },
    await jpegArtefacts(await skew(await renderFilledForm(form('khai-sinh'), FORM_VALUES['khai-sinh']!, { dpi: 200, valueFont: 'Liberation Sans' }), 2), 35),
  );
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(pages, null, 1));
  return pages;
}
