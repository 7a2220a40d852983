// The receipt as an A5 PDF (Mẫu số 01 is A5), with Be Vietnam Pro embedded (subset) so every Vietnamese
// character renders and can be extracted. Pure: fonts come in as bytes, dates from the data, no I/O.
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import QRCode from 'qrcode';
import type { ReceiptData } from './data.ts';
import { feeIsDue, receiptSections, type ReceiptLine, type ReceiptSection } from './content.ts';

export interface ReceiptFonts {
  regular: Uint8Array; // TTF/OTF bytes
  bold: Uint8Array;
}

const A5: [number, number] = [419.53, 595.28];
const MARGIN = 28;
const SIZE = 9;
const SMALL = 7.5;
const HEADING = 8; // the national title fits one line in half of A5 at 8 pt
const LEADING = 1.3;

interface Ctx {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}

function ensure(ctx: Ctx, height: number): void {
  if (ctx.y - height >= MARGIN) return;
  ctx.page = ctx.doc.addPage(A5);
  ctx.y = A5[1] - MARGIN;
}

function drawLines(ctx: Ctx, lines: ReceiptLine[], x: number, width: number, sizeOverride?: number): void {
  for (const l of lines) {
    const font = l.bold ? ctx.bold : ctx.regular;
    const size = sizeOverride ?? (l.small ? SMALL : SIZE);
    for (const part of wrap(font, size, l.text, width)) {
      ensure(ctx, size * LEADING);
      ctx.y -= size * LEADING;
      const w = font.widthOfTextAtSize(part, size);
      const dx = l.align === 'center' ? (width - w) / 2 : 0;
      ctx.page.drawText(part, { x: x + dx, y: ctx.y, size, font, color: rgb(0, 0, 0) });
    }
  }
}

/** Draws a QR code from its module matrix (vector squares, no raster image). */
function drawQr(ctx: Ctx, data: string, x: number, sizePt: number): void {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = sizePt / (n + 8); // 4-module quiet zone each side
  ensure(ctx, sizePt);
  const top = ctx.y;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) ctx.page.drawRectangle({ x: x + (c + 4) * cell, y: top - (r + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
  ctx.y -= sizePt;
}

export async function buildReceiptPdf(d: ReceiptData, fonts: ReceiptFonts): Promise<Uint8Array> {
  // No producer/creation-date metadata: the same data gives the same bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  doc.setTitle(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${d.dossierCode}`, { showInWindowTitleBar: false });
  const ctx: Ctx = { doc, page: doc.addPage(A5), y: A5[1] - MARGIN, regular, bold };
  const full = A5[0] - 2 * MARGIN;
  const half = full / 2;
  const byKey = new Map<string, ReceiptSection>(receiptSections(d).map((s) => [s.key, s]));
  const lines = (k: string) => byKey.get(k)?.lines ?? [];

  // Heading in two columns: agency (left) and national title (right); then số / địa danh, ngày.
  const top = ctx.y;
  drawLines(ctx, lines('tieu-de-co-quan'), MARGIN, half - 6, HEADING);
  const leftBottom = ctx.y;
  ctx.y = top;
  drawLines(ctx, lines('quoc-hieu-tieu-ngu'), MARGIN + half - 12, half + 12, HEADING);
  ctx.y = Math.min(ctx.y, leftBottom) - 6;
  const row = ctx.y;
  drawLines(ctx, lines('so-giay').map((l) => ({ ...l, align: 'center' as const })), MARGIN, half - 6);
  const rowLeft = ctx.y;
  ctx.y = row;
  drawLines(ctx, lines('dia-danh-ngay').map((l) => ({ ...l, align: 'center' as const })), MARGIN + half, half);
  ctx.y = Math.min(ctx.y, rowLeft) - 10;

  drawLines(ctx, lines('ten-giay'), MARGIN, full);
  drawLines(ctx, lines('ma-ho-so'), MARGIN, full);
  drawLines(ctx, lines('lien'), MARGIN, full);

  // The dossier code QR at the right of the applicant block.
  const qrSize = 78;
  const qrTop = ctx.y;
  drawQr(ctx, d.dossierCode, MARGIN + full - qrSize, qrSize);
  ctx.y = qrTop - 4;
  for (const k of ['bo-phan-tiep-nhan', 'tiep-nhan-cua', 'dia-chi', 'so-dien-thoai', 'email']) drawLines(ctx, lines(k), MARGIN, full - qrSize - 6);
  ctx.y = Math.min(ctx.y, qrTop - qrSize) - 2;
  for (const k of ['noi-dung-yeu-cau', 'thanh-phan-ho-so', 'so-luong-ho-so', 'thoi-gian-giai-quyet', 'thoi-gian-nhan', 'thoi-gian-tra', 'dang-ky-nhan-ket-qua']) {
    drawLines(ctx, lines(k), MARGIN, full);
  }
  if (feeIsDue(d) && d.fee.vietQr) {
    const feeTop = ctx.y;
    drawQr(ctx, d.fee.vietQr, MARGIN + full - qrSize, qrSize);
    const qrBottom = ctx.y;
    ctx.y = feeTop;
    drawLines(ctx, lines('phi-le-phi'), MARGIN, full - qrSize - 6);
    ctx.y = Math.min(ctx.y, qrBottom);
  } else {
    drawLines(ctx, lines('phi-le-phi'), MARGIN, full);
  }
  drawLines(ctx, lines('vao-so'), MARGIN, full);

  // Signatures side by side, with room to sign.
  ensure(ctx, 80);
  ctx.y -= 8;
  const sigTop = ctx.y;
  const signer = (k: string, x: number) => {
    ctx.y = sigTop;
    const [title, hint, name] = lines(k);
    drawLines(ctx, [title!, hint!], x, half);
    ctx.y -= 36;
    drawLines(ctx, [name!], x, half);
    return ctx.y;
  };
  const yl = signer('nguoi-nop', MARGIN);
  const yr = signer('nguoi-tiep-nhan', MARGIN + half);
  ctx.y = Math.min(yl, yr) - 8;
  drawLines(ctx, lines('chu-ky-so'), MARGIN, full);
  drawLines(ctx, lines('ghi-chu'), MARGIN, full);
  return doc.save({ useObjectStreams: false });
}
