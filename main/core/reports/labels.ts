import type { PriorityCounts, ReportQuery } from '../../contract/ops/supervisor.ts';

export const PERIOD_VI: Record<ReportQuery['period'], string> = { day: 'ngày', week: 'tuần', month: 'tháng' };
export const GROUP_VI: Record<ReportQuery['groupBy'], string> = { service: 'Dịch vụ', counter: 'Quầy', staff: 'Cán bộ' };

/** One line on the priority checks of a period, e.g. for the PDF under its table. */
export function priorityLine(p: PriorityCounts): string {
  if (p.claimed === 0) return 'Ưu tiên: không có vé nào khai ưu tiên.';
  return `Ưu tiên: ${p.claimed} vé khai ưu tiên — ${p.confirmed} được xác nhận, ${p.rejected} không đủ điều kiện, ${p.unchecked} chưa xét.`;
}
