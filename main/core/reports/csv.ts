// Reports as CSV for Excel: UTF-8 with a BOM (else Excel reads Vietnamese as Windows-1252), CRLF lines,
// fields quoted when they hold a comma, quote or line break; numbers with a dot (read as numbers everywhere).
import type { Report, Stat } from '../../contract/ops/supervisor.ts';
import { GROUP_VI, PERIOD_VI } from './labels.ts';

export const CSV_BOM = '\uFEFF';

export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const statCells = (s: Stat) => [s.avg, s.p90];
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export function reportCsv(r: Report): string {
  const head = [
    GROUP_VI[r.query.groupBy],
    'Số vé',
    'Đã phục vụ',
    'Vắng mặt',
    'Chờ TB (phút)',
    'Chờ P90 (phút)',
    'Phục vụ TB (phút)',
    'Phục vụ P90 (phút)',
    'Rất hài lòng',
    'Hài lòng',
    'Bình thường',
    'Không hài lòng',
    'Tỷ lệ hài lòng (%)',
    'Khai ưu tiên',
    'Ưu tiên được xác nhận',
    'Ưu tiên không đủ điều kiện',
    'Ưu tiên chưa xét',
  ];
  const line = (cells: (string | number | null)[]) => cells.map(csvField).join(',');
  const rows = [...r.rows, r.total].map((x) =>
    line([
      x.label,
      x.tickets,
      x.served,
      x.noShows,
      ...statCells(x.wait),
      ...statCells(x.service),
      x.satisfaction.very_satisfied,
      x.satisfaction.satisfied,
      x.satisfaction.neutral,
      x.satisfaction.dissatisfied,
      pct(x.satisfaction.satisfiedShare),
      x.priority.claimed,
      x.priority.confirmed,
      x.priority.rejected,
      x.priority.unchecked,
    ]),
  );
  const title = line([`Báo cáo theo ${PERIOD_VI[r.query.period]} từ ${r.from} đến ${r.to}`]);
  return CSV_BOM + [title, line(head), ...rows].join('\r\n') + '\r\n';
}

export function reportFileName(r: Report, ext: 'csv' | 'pdf'): string {
  return `bao-cao-${r.query.period}-${r.query.groupBy}-${r.from}${r.to !== r.from ? `_${r.to}` : ''}.${ext}`;
}
