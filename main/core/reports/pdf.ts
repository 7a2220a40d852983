// A report as an A4 landscape PDF: title, the table and a bar chart of tickets over the period, in Be Vietnam
// Pro (the receipt's embedded font, full Vietnamese coverage). Pure: fonts come in as bytes.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Report } from '../../contract/ops/supervisor.ts';
import type { ReceiptFonts } from '../receipt/pdf.ts';
import { GROUP_VI, PERIOD_VI, priorityLine } from './labels.ts';

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const SIZE = 9;
const ROW = 16;

const num = (x: number | null) => (x === null ? '—' : String(x).replace('.', ','));
const pct = (x: number | null) => (x === null ? '—' : `${num(Math.round(x * 1000) / 10)} %`);

function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
  return `${t}…`;
}

export async function reportPdf(r: Report, fonts: ReceiptFonts, centerName: string, generatedAt: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  doc.setTitle(`Báo cáo theo ${PERIOD_VI[r.query.period]} ${r.from} – ${r.to}`);
  doc.setCreator('letan');
  let page: PDFPage = doc.addPage(A4_LANDSCAPE);
  let y = A4_LANDSCAPE[1] - MARGIN;
  const text = (s: string, x: number, size = SIZE, font = regular) => page.drawText(s, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });

  text(centerName, MARGIN, 10, bold);
  y -= 22;
  text(`BÁO CÁO THEO ${PERIOD_VI[r.query.period].toUpperCase()} — THEO ${GROUP_VI[r.query.groupBy].toUpperCase()}`, MARGIN, 14, bold);
  y -= 18;
  text(`Từ ngày ${r.from} đến ngày ${r.to} · lập lúc ${generatedAt}`, MARGIN, SIZE);
  y -= 24;

  const cols: { title: string; width: number; cell: (row: Report['total']) => string }[] = [
    { title: GROUP_VI[r.query.groupBy], width: 190, cell: (x) => x.label },
    { title: 'Số vé', width: 45, cell: (x) => String(x.tickets) },
    { title: 'Đã phục vụ', width: 60, cell: (x) => String(x.served) },
    { title: 'Vắng mặt', width: 55, cell: (x) => String(x.noShows) },
    { title: 'Chờ TB', width: 50, cell: (x) => num(x.wait.avg) },
    { title: 'Chờ P90', width: 50, cell: (x) => num(x.wait.p90) },
    { title: 'Phục vụ TB', width: 60, cell: (x) => num(x.service.avg) },
    { title: 'Phục vụ P90', width: 62, cell: (x) => num(x.service.p90) },
    { title: 'Đánh giá', width: 50, cell: (x) => String(x.satisfaction.total) },
    { title: 'Hài lòng', width: 55, cell: (x) => pct(x.satisfaction.satisfiedShare) },
    { title: 'Không hài lòng', width: 80, cell: (x) => String(x.satisfaction.dissatisfied) },
  ];
  const drawRow = (cells: string[], font: PDFFont, shade: boolean) => {
    if (y < MARGIN + ROW) {
      page = doc.addPage(A4_LANDSCAPE);
      y = A4_LANDSCAPE[1] - MARGIN;
    }
    if (shade) page.drawRectangle({ x: MARGIN - 2, y: y - 4, width: A4_LANDSCAPE[0] - 2 * MARGIN + 4, height: ROW, color: rgb(0.93, 0.95, 0.97) });
    let x = MARGIN;
    cells.forEach((c, i) => {
      text(fit(font, c, SIZE, cols[i]!.width - 6), x, SIZE, font);
      x += cols[i]!.width;
    });
    y -= ROW;
  };
  drawRow(cols.map((c) => c.title), bold, true);
  r.rows.forEach((row) => drawRow(cols.map((c) => c.cell(row)), regular, false));
  drawRow(cols.map((c) => c.cell(r.total)), bold, true);
  y -= 6;
  text('Thời gian tính bằng phút. Chờ: từ lúc lấy số đến lúc được gọi; phục vụ: từ lúc gọi đến lúc xong. P90: 90 % số vé không quá mức này.', MARGIN, 7.5);
  // The table has no room for four more columns; the priority checks of the whole period fit in one line.
  y -= 12;
  text(priorityLine(r.total.priority), MARGIN, 7.5);
  y -= 30;

  // Bar chart of tickets over the period.
  const chartH = 150;
  if (y - chartH < MARGIN) {
    page = doc.addPage(A4_LANDSCAPE);
    y = A4_LANDSCAPE[1] - MARGIN;
  }
  text(r.query.period === 'day' ? 'Số vé theo giờ lấy số' : 'Số vé theo ngày', MARGIN, 10, bold);
  y -= 14;
  const max = Math.max(1, ...r.series.map((p) => p.tickets));
  const width = A4_LANDSCAPE[0] - 2 * MARGIN;
  const step = width / Math.max(1, r.series.length);
  const base = y - chartH + 14;
  page.drawLine({ start: { x: MARGIN, y: base }, end: { x: MARGIN + width, y: base }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
  r.series.forEach((p, i) => {
    const h = ((chartH - 34) * p.tickets) / max;
    const x = MARGIN + i * step;
    if (h > 0) page.drawRectangle({ x: x + step * 0.15, y: base, width: step * 0.7, height: h, color: rgb(0.04, 0.33, 0.58) });
    const label = fit(regular, p.label, 6.5, step);
    page.drawText(label, { x: x + (step - regular.widthOfTextAtSize(label, 6.5)) / 2, y: base - 9, size: 6.5, font: regular });
    if (p.tickets > 0) {
      const n = String(p.tickets);
      page.drawText(n, { x: x + (step - regular.widthOfTextAtSize(n, 7)) / 2, y: base + h + 2, size: 7, font: regular });
    }
  });
  return doc.save();
}
