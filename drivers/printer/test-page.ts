// The technician's test page: the same Vietnamese sample through every text path the profile has,
// plus the ticket number size, QR, CODE128 and the cut.
import type { PrintBlock, PrintDocument } from './document.ts';
import type { PrinterProfile } from './profile.ts';

export const VIETNAMESE_SAMPLE = 'Chào bạn! Đường Nguyễn Trãi, phường Bến Thành — Ấp Ổ Ượng ỹ ữ ặ ậ';

export function testPage(profile: PrinterProfile, opts: { at?: Date } = {}): PrintDocument {
  const vietnamese = profile.codePages.filter((c) => c.id !== 'pc437');
  const blocks: PrintBlock[] = [
    { kind: 'text', text: 'TRANG IN THỬ / TEST PAGE', align: 'center', bold: true, size: 2, render: 'raster' },
    { kind: 'text', text: `${profile.name} (${profile.id})`, align: 'center' },
    {
      kind: 'text',
      text: `${profile.paper.widthMm} mm, ${profile.paper.dots} dots, ${profile.serial.baudRate} baud, cutter ${profile.cutter}, mode ${profile.text.mode}`,
    },
    ...(opts.at ? [{ kind: 'text', text: opts.at.toISOString() } as const] : []),
    { kind: 'rule' },
    { kind: 'text', text: 'Raster (Be Vietnam Pro):', bold: true },
    { kind: 'text', text: VIETNAMESE_SAMPLE, render: 'raster' },
  ];
  for (const cp of vietnamese) {
    blocks.push(
      { kind: 'text', text: `Code page ${cp.id} (ESC t ${cp.page}):`, bold: true },
      // lowercase only: what the page holds prints as text, the rest of the line falls back to raster
      { kind: 'text', text: 'chào bạn, đường nguyễn trãi, ấp ổ ượng', render: { codePage: cp.id } },
      { kind: 'text', text: VIETNAMESE_SAMPLE, render: { codePage: cp.id } },
    );
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'text', text: 'Số thứ tự / Ticket number:', align: 'center' },
    { kind: 'big', text: 'A123' },
    { kind: 'qr', data: `letan test page ${profile.id}` },
    { kind: 'feed', lines: 1 },
    { kind: 'barcode', data: 'LETAN-A123' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  );
  return { blocks };
}
