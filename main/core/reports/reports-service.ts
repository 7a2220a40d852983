import type { Report, ReportQuery } from '../../contract/ops/supervisor.ts';
import type { Config } from '../config/load.ts';
import type { ReceiptFonts } from '../receipt/pdf.ts';
import { toFact } from '../supervision/dashboard.ts';
import type { FactRow } from '../supervision/store.ts';
import { reportCsv, reportFileName } from './csv.ts';
import { reportPdf } from './pdf.ts';
import { buildReport, periodRange } from './report.ts';
import { formatClock, toVnLocal } from '../calendar/civil-date.ts';

export interface ReportsDeps {
  config: Config;
  facts: (from: string, to: string) => FactRow[];
  fonts: () => ReceiptFonts;
  now: () => Date;
}

// Staff sign in with a shared PIN per role, so "staff" is the role that finished the ticket until named
// logins exist; the label says so rather than inventing names.
const STAFF_VI: Record<string, string> = { counter: 'Cán bộ quầy (PIN quầy)', supervisor: 'Giám sát (PIN giám sát)', technician: 'Kỹ thuật' };

export function createReports(deps: ReportsDeps) {
  const labels = {
    service: (id: string) => deps.config.services.find((s) => s.id === id)?.name.vi ?? id,
    counter: (id: string) => `Quầy ${deps.config.counters.find((c) => c.id === id)?.name ?? id}`,
    staff: (name: string) => STAFF_VI[name] ?? name,
  };
  const report = (q: ReportQuery): Report => {
    const { from, to } = periodRange(q.period, q.date);
    return buildReport(q, deps.facts(from, to).map((r) => ({ ...toFact(r), day: r.day })), labels);
  };
  return {
    report,
    csv(q: ReportQuery): { fileName: string; text: string } {
      const r = report(q);
      return { fileName: reportFileName(r, 'csv'), text: reportCsv(r) };
    },
    async pdf(q: ReportQuery): Promise<{ fileName: string; bytes: Uint8Array }> {
      const r = report(q);
      const local = toVnLocal(deps.now());
      const at = `${local.date} ${formatClock(local.minutes)}`;
      return { fileName: reportFileName(r, 'pdf'), bytes: await reportPdf(r, deps.fonts(), deps.config.center.name, at) };
    },
  };
}
export type Reports = ReturnType<typeof createReports>;
