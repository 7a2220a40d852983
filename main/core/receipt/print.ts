// The receipt for the 80 mm ticket printer as a device-independent PrintDocument.
import type { PrintBlock, PrintDocument } from '../../../drivers/printer/document.ts';
import type { ReceiptData } from './data.ts';
import { feeIsDue, receiptSections } from './content.ts';

export function buildReceiptPrintDocument(d: ReceiptData): PrintDocument {
  const blocks: PrintBlock[] = [];
  const sections = receiptSections(d);
  const text = (l: { text: string; bold?: boolean; align?: 'left' | 'center' }): PrintBlock => ({ kind: 'text', text: l.text, align: l.align ?? 'left', bold: l.bold ?? false });
  for (const s of sections) {
    if (s.key === 'so-giay' || s.key === 'ten-giay' || s.key === 'bo-phan-tiep-nhan' || s.key === 'nguoi-nop' || s.key === 'chu-ky-so') blocks.push({ kind: 'rule' });
    if (s.key === 'nguoi-tiep-nhan') blocks.push({ kind: 'feed', lines: 1 });
    for (const [i, l] of s.lines.entries()) {
      blocks.push(text(l));
      // Room to sign between "(Ký và ghi rõ họ tên)" and the printed name.
      if ((s.key === 'nguoi-nop' || s.key === 'nguoi-tiep-nhan') && i === 1) blocks.push({ kind: 'feed', lines: 3 });
    }
    if (s.key === 'ma-ho-so') blocks.push({ kind: 'qr', data: d.dossierCode, moduleSize: 6 });
    if (s.key === 'phi-le-phi' && feeIsDue(d) && d.fee.vietQr) blocks.push({ kind: 'qr', data: d.fee.vietQr, moduleSize: 5 });
  }
  blocks.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return { blocks };
}
