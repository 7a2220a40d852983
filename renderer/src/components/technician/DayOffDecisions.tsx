import { useCallback, useEffect, useState } from 'react';
import type { DayOffDecisions as Listing, DayOffReload } from '../../../../main/contract/ops/technician.ts';
import { formatClock, parseCivilDate, toVnLocal } from '../../../../main/core/calendar/civil-date.ts';
import { ApiCallError } from '../../api/client.ts';
import { useClient } from '../../api/context.ts';

const errText = (e: unknown) => (e instanceof ApiCallError ? `${e.error.messageVi ?? ''} (${e.message})` : String(e));

const SOURCE: Record<Listing['loaded'][number]['source'], string> = {
  shipped: 'Có sẵn trong phần mềm / shipped',
  data: 'Thư mục dữ liệu / data folder',
};

/** 2027-01-24 → 24/01/2027 */
function dateVi(d: string): string {
  const { year, month, day } = parseCivilDate(d);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

function atVi(iso: string): string {
  const l = toVnLocal(new Date(iso));
  return `${formatClock(l.minutes)} ${dateVi(l.date)}`;
}

function resultText(r: DayOffReload): string {
  const years = r.changedYears.join(', ');
  const n = r.refused.length;
  const vi = `${r.changedYears.length ? `đổi quyết định năm ${years}` : 'không có thay đổi'}${n ? `; ${n} tệp bị từ chối (xem ở trên)` : ''}`;
  const en = `${r.changedYears.length ? `${years} changed` : 'no change'}${n ? `; ${n} file(s) refused (see above)` : ''}`;
  return `Đã nạp lại lúc ${atVi(r.loadedAt)}: ${vi}. / Reloaded: ${en}.`;
}

/**
 * The day-off decisions in force (Quyết định nghỉ lễ, Tết): each year and its file, refused files and why, the
 * years an appointment given today may reach without a decision, the folder for new files, and a reload that
 * puts them in force without restarting the kiosk.
 */
export function DayOffDecisions({ onError }: { onError: (m: string) => void }) {
  const client = useClient();
  const [listing, setListing] = useState<Listing | null>(null);
  const [result, setResult] = useState<{ text: string; warn: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => client.call('dayOffDecisions', {}).then(setListing, (e: unknown) => onError(errText(e))), [client]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const reload = () => {
    setBusy(true);
    setResult(null);
    client
      .call('reloadDayOffDecisions', {})
      .then(
        (r) => {
          setListing(r);
          setResult({ text: resultText(r), warn: r.refused.length > 0 });
        },
        (e: unknown) => onError(errText(e)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section data-testid="day-offs" className="day-offs">
      <h2>Lịch nghỉ lễ / Day-off decisions</h2>
      {listing && (
        <>
          <table>
            <thead>
              <tr>
                <th>Năm / Year</th>
                <th>Nguồn / Source</th>
                <th>Tệp / File</th>
              </tr>
            </thead>
            <tbody>
              {listing.loaded.map((l) => (
                <tr key={l.year} data-testid="day-off-year" data-year={l.year} data-source={l.source}>
                  <td>{l.year}</td>
                  <td>{SOURCE[l.source]}</td>
                  <td className="file">{l.file}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {listing.refused.length > 0 && (
            <div className="refused" data-testid="day-off-refused">
              <h3>Tệp bị từ chối / Refused files</h3>
              <p className="muted">Năm của tệp bị từ chối dùng quyết định có sẵn hoặc quy tắc mặc định. / Their year uses the shipped decision or the default rule.</p>
              <ul>
                {listing.refused.map((p) => (
                  <li key={p.file} data-file={p.file}>
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p data-testid="day-off-missing" className={listing.missing.length ? 'state-warning' : ''}>
            {listing.missing.length
              ? `Chưa có quyết định năm ${listing.missing.join(', ')}: hồ sơ nhận hôm nay (${dateVi(listing.today)}) có thể hẹn trả đến ${dateVi(listing.reachesUntil)}, ngày hẹn trong năm đó tính theo quy tắc mặc định. / No decision for ${listing.missing.join(', ')}: an appointment given today may fall there (until ${listing.reachesUntil}) and follows the default rule.`
              : `Đủ quyết định cho mọi ngày hẹn của hồ sơ nhận hôm nay (đến ${dateVi(listing.reachesUntil)}). / Every year an appointment given today may reach has a decision.`}
          </p>
          <p>
            Thư mục đặt tệp vn-YYYY.json / Folder for vn-YYYY.json files: <code data-testid="day-off-folder">{listing.folder}</code>
            {!listing.folderExists && <span className="muted"> (chưa có, hãy tạo / does not exist yet)</span>}
          </p>
          <p className="muted">Đã đọc lúc / Read at {atVi(listing.loadedAt)}</p>
        </>
      )}
      <button className="primary" data-testid="day-off-reload" disabled={busy} onClick={reload}>
        Nạp lại quyết định nghỉ lễ / Reload day-off decisions
      </button>
      {result && (
        <p role="status" data-testid="day-off-result" className={result.warn ? 'warn-banner' : 'ok-banner'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
