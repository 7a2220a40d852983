import type { ReportQuery } from '../../contract/ops/supervisor.ts';

export const PERIOD_VI: Record<ReportQuery['period'], string> = { day: 'ngày', week: 'tuần', month: 'tháng' };
export const GROUP_VI: Record<ReportQuery['groupBy'], string> = { service: 'Dịch vụ', counter: 'Quầy', staff: 'Cán bộ' };
