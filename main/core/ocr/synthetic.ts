import sharp from 'sharp';
import type { FormTemplate } from './template.ts';

// Synthetic pages for tests, the bench and the technician's test print: a template's form filled with known
// values, drawn by librsvg through sharp with fonts that have Vietnamese glyphs (Debian fonts-liberation,
// fonts-dejavu-core). A4 portrait.

export const A4_INCHES = { w: 8.2677, h: 11.6929 };

export interface RenderOptions {
  dpi?: number;
  /** Font of the printed form (Times New Roman metrics by default, like the official forms). */
  formFont?: string;
  /** Font of the filled-in answers. */
  valueFont?: string;
}

export type FormValues = Record<string, string | boolean>;

export function pageSizePx(dpi: number): { width: number; height: number } {
  return { width: Math.round(A4_INCHES.w * dpi), height: Math.round(A4_INCHES.h * dpi) };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textEl(s: string, x: number, y: number, px: number, font: string, o: { bold?: boolean; italic?: boolean; align?: string }): string {
  const anchor = o.align === 'center' ? 'middle' : o.align === 'right' ? 'end' : 'start';
  return (
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${esc(font)}" font-size="${px.toFixed(1)}"` +
    `${o.bold ? ' font-weight="bold"' : ''}${o.italic ? ' font-style="italic"' : ''} text-anchor="${anchor}">${esc(s)}</text>`
  );
}

/** The filled form as SVG (page-relative template units scaled to pixels at `dpi`). */
export function filledFormSvg(t: FormTemplate, values: FormValues, options: RenderOptions = {}): string {
  const dpi = options.dpi ?? 300;
  const { width: W, height: H } = pageSizePx(dpi);
  const formFont = options.formFont ?? 'Liberation Serif';
  const valueFont = options.valueFont ?? 'DejaVu Sans';
  const fs = t.fontSize * H;
  const lw = Math.max(1, dpi / 150);
  const parts: string[] = [`<rect width="${W}" height="${H}" fill="#fff"/>`];
  for (const p of t.printed) parts.push(textEl(p.text, p.x * W, p.y * H, p.size * H, formFont, p));
  for (const l of t.lines) {
    parts.push(`<line x1="${l.x1 * W}" y1="${l.y1 * H}" x2="${l.x2 * W}" y2="${l.y2 * H}" stroke="#000" stroke-width="${lw}"/>`);
  }
  const labelsDone = new Set<string>();
  for (const f of t.fields) {
    const r = { x: f.region.x * W, y: f.region.y * H, w: f.region.w * W, h: f.region.h * H };
    const inTable = f.label.endsWith('(Bên nữ)') || f.label.endsWith('(Bên nam)'); // table rows print their label once
    const labelKey = `${f.labelAt.x},${f.labelAt.y}`;
    if (!inTable && !labelsDone.has(labelKey)) parts.push(textEl(f.label, f.labelAt.x * W, f.labelAt.y * H, fs, formFont, {}));
    labelsDone.add(labelKey);
    const v = values[f.name];
    if (f.type === 'checkbox') {
      parts.push(`<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" fill="none" stroke="#000" stroke-width="${lw}"/>`);
      if (v === true) {
        const m = r.w * 0.2;
        parts.push(
          `<path d="M${r.x + m} ${r.y + m} L${r.x + r.w - m} ${r.y + r.h - m} M${r.x + r.w - m} ${r.y + m} L${r.x + m} ${r.y + r.h - m}" stroke="#000" stroke-width="${lw * 2.5}"/>`,
        );
      }
      continue;
    }
    const baseline = f.labelAt.y * H;
    if (!inTable) {
      parts.push(
        `<line x1="${r.x}" y1="${baseline + lw * 2}" x2="${r.x + r.w}" y2="${baseline + lw * 2}" stroke="#555" stroke-width="${lw}" stroke-dasharray="${lw},${lw * 3}"/>`,
      );
    }
    if (typeof v === 'string' && v !== '') parts.push(textEl(v, r.x + fs * 0.3, baseline, fs, valueFont, {}));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

/** The filled form as a greyscale PNG. */
export async function renderFilledForm(t: FormTemplate, values: FormValues, options: RenderOptions = {}): Promise<Buffer> {
  const dpi = options.dpi ?? 300;
  return sharp(Buffer.from(filledFormSvg(t, values, options)), { density: 72 })
    .flatten({ background: '#fff' })
    .greyscale()
    .withMetadata({ density: dpi })
    .png()
    .toBuffer();
}

/** A page of running text (one string per line), e.g. real Vietnamese prose for the CER corpus. */
export async function renderTextPage(lines: string[], options: RenderOptions & { fontSizePt?: number; marginIn?: number } = {}): Promise<Buffer> {
  const dpi = options.dpi ?? 300;
  const { width: W, height: H } = pageSizePx(dpi);
  const px = ((options.fontSizePt ?? 12) / 72) * dpi;
  const margin = (options.marginIn ?? 1) * dpi;
  const font = options.formFont ?? 'Liberation Serif';
  const parts = [`<rect width="${W}" height="${H}" fill="#fff"/>`];
  lines.forEach((l, i) => parts.push(textEl(l, margin, margin + px + i * px * 1.5, px, font, {})));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
  return sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#fff' }).greyscale().withMetadata({ density: dpi }).png().toBuffer();
}
