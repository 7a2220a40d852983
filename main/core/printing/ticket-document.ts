import type { PrintDocument } from '../../../drivers/printer/document.ts';
import type { Ticket } from '../../contract/schemas.ts';
import { formatClock, toVnLocal } from '../calendar/civil-date.ts';

/** "08:15 27/11/2026" in Vietnamese time. */
function vnTime(iso: string): string {
  const { date, minutes } = toVnLocal(new Date(iso));
  return `${formatClock(minutes)} ${date.split('-').reverse().join('/')}`;
}

/** The queue ticket as a device-independent document: Vietnamese first, the number large, a QR to follow it. */
export function ticketDocument(t: Ticket, centerName: string, priorityLabel: string | null): PrintDocument {
  return {
    blocks: [
      { kind: 'text', text: centerName.toUpperCase(), align: 'center', bold: true },
      { kind: 'rule' },
      { kind: 'text', text: 'SỐ THỨ TỰ CỦA QUÝ VỊ', align: 'center' },
      { kind: 'big', text: t.number },
      { kind: 'text', text: t.serviceName.vi, align: 'center', bold: true },
      ...(priorityLabel ? [{ kind: 'text' as const, text: `Ưu tiên: ${priorityLabel}`, align: 'center' as const }] : []),
      { kind: 'text', text: `Số người chờ trước: ${t.aheadCount}`, align: 'left' },
      { kind: 'text', text: `Thời gian chờ dự kiến: khoảng ${t.estimatedWaitMinutes} phút`, align: 'left' },
      { kind: 'text', text: `Giờ lấy số: ${vnTime(t.issuedAt)}`, align: 'left' },
      { kind: 'qr', data: t.statusUrl, moduleSize: 6 },
      { kind: 'text', text: 'Quét mã để theo dõi lượt gọi', align: 'center' },
      { kind: 'text', text: 'Xin vui lòng chờ đến lượt', align: 'center' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut' },
    ],
  };
}
