import { useEffect, useState } from 'react';
import type { Report, ReportQuery } from '../../../../main/contract/ops/supervisor.ts';
import { ApiCallError } from '../../api/client.ts';
import { useClient } from '../../api/context.ts';
import { BarChart } from './BarChart.tsx';
import { num } from './time.ts';
import { vnDateOf } from '../../../../main/core/calendar/civil-date.ts';

const todayVn = () => vnDateOf(new Date());
const GROUP_VI = { service: 'Dịch vụ', counter: 'Quầy', staff: 'Cán bộ' } as const;
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10} %`);

/** Reports per day / week / month and per service / counter / staff, with charts and CSV / PDF export. */
export function ReportsView({ token }: { token: string }) {
  const client = useClient();
  const [q, setQ] = useState<ReportQuery>({ period: 'day', date: todayVn(), groupBy: 'service' });
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    client.call('report', q).then(setReport, (err: unknown) => setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : String(err)));
  }, [client, q]);

  // The export needs the supervisor's token, so it is fetched and handed to the browser as a file.
  const download = async (ext: 'csv' | 'pdf') => {
    setError(null);
    try {
      const res = await fetch(`/exports/report.${ext}?${new URLSearchParams(q).toString()}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `bao-cao.${ext}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(`Không tải được tệp báo cáo (${String(err)})`);
    }
  };

  return (
    <section data-testid="reports">
      <div className="compact">
        <select value={q.period} onChange={(e) => setQ({ ...q, period: e.target.value as ReportQuery['period'] })} aria-label="Kỳ báo cáo">
          <option value="day">Theo ngày</option>
          <option value="week">Theo tuần</option>
          <option value="month">Theo tháng</option>
        </select>
        <input type="date" value={q.date} onChange={(e) => e.target.value && setQ({ ...q, date: e.target.value })} aria-label="Ngày" />
        <select value={q.groupBy} onChange={(e) => setQ({ ...q, groupBy: e.target.value as ReportQuery['groupBy'] })} aria-label="Nhóm theo">
          <option value="service">Theo dịch vụ</option>
          <option value="counter">Theo quầy</option>
          <option value="staff">Theo cán bộ</option>
        </select>
        <button onClick={() => void download('csv')} data-testid="export-csv">
          Xuất CSV (Excel)
        </button>
        <button onClick={() => void download('pdf')} data-testid="export-pdf">
          Xuất PDF
        </button>
      </div>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p className="muted">
            Từ {report.from} đến {report.to}
            {q.groupBy === 'staff' && ' · Cán bộ đăng nhập bằng mã PIN chung của vai trò, nên báo cáo theo cán bộ hiện gộp theo vai trò.'}
          </p>
          <table className="grid-table" data-testid="report-table">
            <thead>
              <tr>
                <th>{GROUP_VI[q.groupBy]}</th>
                <th>Số vé</th>
                <th>Đã phục vụ</th>
                <th>Vắng mặt</th>
                <th>Chờ TB</th>
                <th>Chờ P90</th>
                <th>Phục vụ TB</th>
                <th>Phục vụ P90</th>
                <th>Đánh giá</th>
                <th>Hài lòng</th>
                <th>Không hài lòng</th>
                <th title="Số vé khai ưu tiên ở ki-ốt">Khai ưu tiên</th>
                <th title="Cán bộ tại quầy xác định không đủ điều kiện ưu tiên">Ưu tiên không đủ ĐK</th>
              </tr>
            </thead>
            <tbody>
              {[...report.rows, report.total].map((r) => (
                <tr key={r.key} className={r.key === 'total' ? 'warn-row' : ''}>
                  <td>{r.label}</td>
                  <td>{r.tickets}</td>
                  <td>{r.served}</td>
                  <td>{r.noShows}</td>
                  <td>{num(r.wait.avg)}</td>
                  <td>{num(r.wait.p90)}</td>
                  <td>{num(r.service.avg)}</td>
                  <td>{num(r.service.p90)}</td>
                  <td>{r.satisfaction.total}</td>
                  <td>{pct(r.satisfaction.satisfiedShare)}</td>
                  <td>{r.satisfaction.dissatisfied}</td>
                  <td>{r.priority.claimed}</td>
                  <td data-testid={`report-priority-rejected-${r.key}`}>{r.priority.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">Thời gian tính bằng phút. P90: 90 % số vé không quá mức này.</p>
          <div className="two-cols">
            <BarChart title={`Số vé theo ${GROUP_VI[q.groupBy].toLowerCase()}`} points={report.rows.map((r) => ({ label: r.label.slice(0, 14), value: r.tickets }))} />
            <BarChart title="Thời gian chờ trung bình (phút)" points={report.rows.map((r) => ({ label: r.label.slice(0, 14), value: r.wait.avg }))} />
          </div>
          <BarChart title={q.period === 'day' ? 'Số vé theo giờ lấy số' : 'Số vé theo ngày'} points={report.series.map((p) => ({ label: p.label, value: p.tickets }))} />
        </>
      )}
    </section>
  );
}
