import { useState } from 'react';
import type { Dashboard, ServiceOversight } from '../../../../main/contract/ops/supervisor.ts';
import type { QueueSnapshot, Ticket } from '../../../../main/contract/schemas.ts';
import { num, sinceVi } from './time.ts';

const STATUS_VI = { serving: 'Đang phục vụ', ready: 'Sẵn sàng', idle: 'Đang rảnh', closed: 'Đóng' } as const;
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

export interface Act {
  (f: () => Promise<unknown>, done?: string): void;
}

function QuotaCell({ s, act, call }: { s: ServiceOversight; act: Act; call: (q: number | 'unlimited' | 'config') => Promise<unknown> }) {
  const [value, setValue] = useState('');
  return (
    <span className="compact quota-cell">
      <span data-testid={`quota-${s.id}`}>
        {s.issuedToday}/{s.dailyQuota ?? '∞'}
        {s.quotaSource === 'override' ? ' *' : ''}
      </span>
      <input type="number" min={0} max={9999} value={value} onChange={(e) => setValue(e.target.value)} aria-label={`Hạn mức ${s.name}`} data-testid={`quota-input-${s.id}`} />
      <button disabled={value === ''} onClick={() => act(() => call(Number(value)), `Đã đặt hạn mức ${value} số cho ${s.name}.`)} data-testid={`quota-set-${s.id}`}>
        Đặt
      </button>
      <button onClick={() => act(() => call('unlimited'), `Bỏ giới hạn số cho ${s.name}.`)}>Không giới hạn</button>
      {s.quotaSource === 'override' && <button onClick={() => act(() => call('config'), `${s.name}: dùng lại hạn mức cấu hình.`)}>Theo cấu hình</button>}
    </span>
  );
}

/** The live dashboard: services, counters, waiting tickets, devices and sync, with the steering controls. */
export function DashboardView({
  d,
  snapshot,
  now,
  act,
  call,
  priorities,
}: {
  d: Dashboard;
  snapshot: QueueSnapshot | null;
  now: number;
  act: Act;
  call: {
    quota: (serviceId: string, q: number | 'unlimited' | 'config') => Promise<unknown>;
    open: (counterId: string) => Promise<unknown>;
    close: (counterId: string) => Promise<unknown>;
    services: (counterId: string, serviceIds: string[]) => Promise<unknown>;
    prioritize: (ticketId: number, priority: string | null) => Promise<unknown>;
    transfer: (ticketId: number, to: { serviceId?: string; counterId?: string }) => Promise<unknown>;
  };
  priorities: { id: string; label: string }[];
}) {
  const [editing, setEditing] = useState<{ counterId: string; ids: string[] } | null>(null);
  const overdueIds = new Set(d.services.flatMap((s) => s.overdue.map((o) => o.id)));
  const target = new Map(d.services.map((s) => [s.id, s.targetWaitMinutes]));
  const serviceName = new Map(d.services.map((s) => [s.id, s.name]));
  const waiting: Ticket[] = snapshot?.waiting ?? [];

  return (
    <>
      <section>
        <h2>Dịch vụ hôm nay / Services today</h2>
        <table className="grid-table" data-testid="services-table">
          <thead>
            <tr>
              <th>Dịch vụ</th>
              <th>Đang chờ</th>
              <th>Đang phục vụ</th>
              <th>Đã phục vụ</th>
              <th>Vắng mặt</th>
              <th>Chờ TB / P90 (phút)</th>
              <th>Phục vụ TB / P90 (phút)</th>
              <th>Sai số dự báo chờ (phút)</th>
              <th>Hài lòng</th>
              <th>Số đã cấp / hạn mức</th>
            </tr>
          </thead>
          <tbody>
            {d.services.map((s) => (
              <tr key={s.id} className={s.overdue.length ? 'warn-row' : ''}>
                <td>
                  <strong>{s.prefix}</strong> · {s.name}
                  {s.overdue.length > 0 && (
                    <div className="overdue" data-testid={`overdue-${s.id}`}>
                      {s.overdue.length} số chờ quá {s.targetWaitMinutes} phút: {s.overdue.slice(0, 5).map((o) => `${o.number} (${num(o.waitedMinutes)}′)`).join(', ')}
                    </div>
                  )}
                </td>
                <td data-testid={`svc-waiting-${s.id}`}>{s.waiting}</td>
                <td>{s.serving}</td>
                <td data-testid={`svc-served-${s.id}`}>{s.served}</td>
                <td data-testid={`svc-noshow-${s.id}`}>{s.noShows}</td>
                <td>
                  {num(s.wait.avg)} / {num(s.wait.p90)}
                </td>
                <td>
                  {num(s.service.avg)} / {num(s.service.p90)}
                </td>
                <td title={s.estimateError.bias === null ? '' : `Lệch TB ${num(s.estimateError.bias)} phút (âm: chờ lâu hơn dự báo)`}>
                  {num(s.estimateError.mae)} {s.estimateError.count ? <small>({s.estimateError.count} số)</small> : null}
                </td>
                <td>
                  {pct(s.satisfaction.satisfiedShare)} {s.satisfaction.total ? <small>({s.satisfaction.total})</small> : null}
                </td>
                <td>
                  <QuotaCell s={s} act={act} call={(q) => call.quota(s.id, q)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h2>Quầy / Counters</h2>
        <table className="grid-table" data-testid="counters-table">
          <thead>
            <tr>
              <th>Quầy</th>
              <th>Trạng thái</th>
              <th>Từ / đã</th>
              <th>Đang gọi</th>
              <th>Đã phục vụ</th>
              <th>Vắng mặt</th>
              <th>Phục vụ TB (phút)</th>
              <th>Hài lòng</th>
              <th>Dịch vụ</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {d.counters.map((c) => {
              // "ready" turns "idle" on screen as time passes, without asking the core again.
              const idle = c.status === 'idle' || (c.status === 'ready' && c.since !== null && now - Date.parse(c.since) >= d.idleAfterMinutes * 60_000);
              const status = idle ? 'idle' : c.status;
              return (
                <tr key={c.id} className={idle ? 'warn-row' : ''}>
                  <td>
                    <strong>Quầy {c.name}</strong>
                  </td>
                  <td>
                    <span className={`badge status-${status}`} data-testid={`counter-status-${c.id}`}>
                      {STATUS_VI[status]}
                    </span>
                  </td>
                  <td>{sinceVi(c.since, now)}</td>
                  <td>{c.current?.number ?? '—'}</td>
                  <td>{c.served}</td>
                  <td>{c.noShows}</td>
                  <td>{num(c.service.avg)}</td>
                  <td>{pct(c.satisfaction.satisfiedShare)}</td>
                  <td>
                    {editing?.counterId === c.id ? (
                      <span className="compact">
                        {d.services.map((s) => (
                          <label key={s.id}>
                            <input
                              type="checkbox"
                              checked={editing.ids.includes(s.id)}
                              onChange={(e) => setEditing({ counterId: c.id, ids: e.target.checked ? [...editing.ids, s.id] : editing.ids.filter((x) => x !== s.id) })}
                            />
                            {s.prefix}
                          </label>
                        ))}
                        <button disabled={editing.ids.length === 0} onClick={() => act(async () => { await call.services(c.id, editing.ids); setEditing(null); }, `Đã đổi dịch vụ của quầy ${c.name}.`)}>
                          Lưu
                        </button>
                        <button onClick={() => setEditing(null)}>Huỷ</button>
                      </span>
                    ) : (
                      <button onClick={() => setEditing({ counterId: c.id, ids: c.serviceIds })} title="Chuyển dịch vụ giữa các quầy">
                        {c.serviceIds.map((id) => d.services.find((s) => s.id === id)?.prefix ?? id).join(', ')} ✎
                      </button>
                    )}
                  </td>
                  <td>
                    {c.open ? (
                      <button onClick={() => act(() => call.close(c.id), `Đã đóng quầy ${c.name}.`)} data-testid={`close-counter-${c.id}`}>
                        Đóng quầy
                      </button>
                    ) : (
                      <button onClick={() => act(() => call.open(c.id), `Đã mở quầy ${c.name}.`)} data-testid={`open-counter-${c.id}`}>
                        Mở quầy
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <div className="two-cols">
        <section>
          <h2>Thiết bị / Devices</h2>
          <table className="grid-table" data-testid="devices-table">
            <tbody>
              {d.devices.length === 0 && (
                <tr>
                  <td>Chưa có thiết bị nào báo trạng thái.</td>
                </tr>
              )}
              {d.devices.map((x) => (
                <tr key={x.deviceId} className={x.trouble ? (x.state === 'warning' ? 'warn-row' : 'bad-row') : ''} data-testid={`device-${x.deviceId}`}>
                  <td>
                    {x.deviceId === 'voice' ? 'Loa gọi số (giọng nói)' : x.deviceId} <small>({x.role})</small>
                    {x.message && <div className="small">{x.message}</div>}
                  </td>
                  <td>
                    <span className={`badge status-${x.state}`}>{x.state}</span> {x.problems.join(', ')}
                  </td>
                  <td>{sinceVi(x.since, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Đồng bộ hồ sơ / Sync</h2>
          {d.syncBacklog === null ? (
            <p className="muted">Chưa kết nối hàng đợi đồng bộ.</p>
          ) : (
            <p data-testid="sync-backlog" className={d.syncBacklog.pending > 0 ? 'overdue' : ''}>
              {d.syncBacklog.pending} hồ sơ chờ gửi
              {d.syncBacklog.oldestPendingAt ? ` · cũ nhất đã chờ ${sinceVi(d.syncBacklog.oldestPendingAt, now)}` : ''}
            </p>
          )}
          <p className="muted">
            Giờ tiếp nhận: {d.open.now ? 'đang mở' : 'đang đóng'}
            {d.open.nextChange ? ` (đến ${new Date(d.open.nextChange).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })})` : ''}
          </p>
        </section>
        <section>
          <h2>Số đang chờ / Waiting tickets ({waiting.length})</h2>
          <table className="grid-table" data-testid="waiting-table">
            <tbody>
              {waiting.slice(0, 30).map((t) => {
                const waited = (now - Date.parse(t.issuedAt)) / 60_000;
                const late = overdueIds.has(t.id) || waited > (target.get(t.serviceId) ?? Infinity);
                return (
                  <tr key={t.id} className={late ? 'warn-row' : ''}>
                    <td>
                      <strong>{t.number}</strong> {serviceName.get(t.serviceId) ?? t.serviceId}
                      {t.targetCounterId && <small> → quầy {t.targetCounterId}</small>}
                    </td>
                    <td className={late ? 'overdue' : ''}>{Math.floor(waited)}′</td>
                    <td>
                      <select
                        aria-label={`Ưu tiên ${t.number}`}
                        value={t.priority ?? ''}
                        onChange={(e) => act(() => call.prioritize(t.id, e.target.value === '' ? null : e.target.value), `Đã đổi ưu tiên số ${t.number}.`)}
                      >
                        <option value="">Không ưu tiên</option>
                        {priorities.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`Chuyển ${t.number}`}
                        value=""
                        onChange={(e) => {
                          const [kind, id] = e.target.value.split(':');
                          if (!id) return;
                          act(() => call.transfer(t.id, kind === 's' ? { serviceId: id } : { counterId: id }), `Đã chuyển số ${t.number}.`);
                        }}
                      >
                        <option value="">Chuyển…</option>
                        {d.services.filter((s) => s.id !== t.serviceId).map((s) => (
                          <option key={s.id} value={`s:${s.id}`}>
                            Sang dịch vụ {s.name}
                          </option>
                        ))}
                        {d.counters.map((c) => (
                          <option key={c.id} value={`c:${c.id}`}>
                            Sang quầy {c.name}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
