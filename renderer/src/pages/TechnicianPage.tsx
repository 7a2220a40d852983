import { useCallback, useEffect, useState } from 'react';
import type { DeviceListing, DeviceStatus } from '../../../main/contract/ops/technician.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient } from '../api/context.ts';
import { LoginForm } from '../components/LoginForm.tsx';
import { AssignForm } from '../components/technician/AssignForm.tsx';
import { DayOffDecisions } from '../components/technician/DayOffDecisions.tsx';
import { LiveMonitor } from '../components/technician/LiveMonitor.tsx';
import './technician.css';

const STATE_VI: Record<string, string> = { ready: 'Sẵn sàng', warning: 'Cảnh báo', error: 'Lỗi', absent: 'Không thấy', connecting: 'Đang kết nối' };
const errText = (e: unknown) => (e instanceof ApiCallError ? `${e.error.messageVi ?? ''} (${e.message})` : String(e));

/** The technician's page (/tech, LAN browser, technician PIN): devices, roles, test print, day-off decisions, monitor, health. */
export function TechnicianPage() {
  const client = useClient();
  const [token, setToken] = useState<string | null>(null);
  if (!token)
    return (
      <LoginForm
        role="technician"
        title="Đăng nhập kỹ thuật viên / Technician login"
        onLogin={(s) => {
          client.setToken(s.token);
          setToken(s.token);
        }}
      />
    );
  return <TechnicianTools token={token} />;
}

function TechnicianTools({ token }: { token: string }) {
  const client = useClient();
  const [listing, setListing] = useState<DeviceListing | null>(null);
  const [statuses, setStatuses] = useState<{ devices: DeviceStatus[]; printerSimulated: boolean; configPath: string | null } | null>(null);
  const [history, setHistory] = useState<{ deviceId: string; rows: { state: string; problems: string[]; message: string | null; at: string }[] } | null>(null);
  const [chosenPath, setChosenPath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refreshList = useCallback(() => client.call('listDevices', {}).then(setListing, (e: unknown) => setError(errText(e))), [client]);
  const refreshStatus = useCallback(() => client.call('deviceStatuses', {}).then(setStatuses, (e: unknown) => setError(errText(e))), [client]);
  useEffect(() => {
    void refreshList();
    void refreshStatus();
    return client.onEvent((e) => {
      if (e.type === 'device') void refreshStatus();
    });
  }, [client, refreshList, refreshStatus]);

  const showHistory = (deviceId: string) =>
    client.call('deviceHistory', { deviceId, limit: 30 }).then((rows) => setHistory({ deviceId, rows }), (e: unknown) => setError(errText(e)));

  return (
    <div className="staff tech">
      <header className="staff-header">
        <h1>Kỹ thuật / Technician</h1>
        <span className="muted">{statuses?.configPath ? `Cấu hình / Config: ${statuses.configPath}` : 'Không có tệp cấu hình: không lưu được thay đổi / No config file: changes cannot be saved'}</span>
      </header>
      <main>
        {error && (
          <div className="error-banner" role="alert">
            {error}
            <button onClick={() => setError(null)}>Đóng / Close</button>
          </div>
        )}
        {message && (
          <section className="ok-banner" role="status" data-testid="message">
            {message}
          </section>
        )}

        <section>
          <h2>Trạng thái thiết bị / Device status</h2>
          {statuses?.printerSimulated && <p className="muted">Chưa cấu hình máy in: đang dùng máy in mô phỏng. / No printer configured: simulated printer in use.</p>}
          <table>
            <thead>
              <tr>
                <th>Thiết bị / Device</th>
                <th>Vai trò / Role</th>
                <th>Nơi cắm / Where</th>
                <th>Trạng thái / State</th>
                <th>Từ lúc / Since</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {statuses?.devices.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    Chưa có thiết bị nào được cấu hình. / No device configured.
                  </td>
                </tr>
              )}
              {statuses?.devices.map((d) => (
                <tr key={d.deviceId} data-testid={`status-${d.deviceId}`} data-state={d.state}>
                  <td>{d.deviceId}</td>
                  <td>{d.role}</td>
                  <td>{d.target}</td>
                  <td className={`state-${d.state}`}>
                    {STATE_VI[d.state] ?? d.state} / {d.state}
                    {d.problems.length > 0 && ` (${d.problems.join(', ')})`}
                    {d.message && <div className="muted">{d.message}</div>}
                  </td>
                  <td>{new Date(d.since).toLocaleString('vi-VN')}</td>
                  <td>
                    <button onClick={() => void showHistory(d.deviceId)} data-testid={`history-${d.deviceId}`}>
                      Lịch sử / History
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {history && (
            <div data-testid="history">
              <h3>
                Lịch sử {history.deviceId} / History <button onClick={() => setHistory(null)}>Đóng / Close</button>
              </h3>
              <ul>
                {history.rows.map((h, i) => (
                  <li key={i}>
                    {new Date(h.at).toLocaleString('vi-VN')} — {STATE_VI[h.state] ?? h.state} / {h.state}
                    {h.problems.length > 0 && ` (${h.problems.join(', ')})`} {h.message && <span className="muted">{h.message}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button
            className="primary"
            data-testid="test-print"
            onClick={() => {
              setError(null);
              client.call('printTestPage', {}).then(
                (r) => setMessage(`Đã in trang thử trên ${r.deviceId} (${r.profile})${r.simulated ? ' — máy in mô phỏng / simulated' : ''} / Test page printed`),
                (e: unknown) => setError(errText(e)),
              );
            }}
          >
            In trang thử / Print test page
          </button>
        </section>

        <section>
          <h2>
            Cổng và thiết bị cắm vào / Ports and devices <button onClick={() => void refreshList()}>Làm mới / Refresh</button>
          </h2>
          <h3>Cổng COM / Serial ports</h3>
          {listing && !listing.serial.available && <p className="muted">{listing.serial.error}</p>}
          <table>
            <tbody>
              {listing?.serial.ports.map((p) => (
                <tr key={p.path} data-testid="serial-port" data-path={p.path}>
                  <td>
                    {p.path}
                    {p.byId && <div className="muted">{p.byId}</div>}
                  </td>
                  <td>{p.vendorId ? `USB ${p.vendorId}:${p.productId ?? '????'}` : '—'} {p.manufacturer ?? ''}</td>
                  <td>{p.supportedBy.join(', ') || '—'}</td>
                  <td>
                    {p.assignedTo ? `Đang dùng / In use: ${p.assignedTo}` : ''}
                    {p.source === 'config' && <div className="muted">{p.present ? 'theo cấu hình / from the settings' : 'không thấy / not present'}</div>}
                  </td>
                  <td>
                    <button onClick={() => setChosenPath(p.byId ?? p.path)}>Chọn / Choose</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Thiết bị HID / HID devices</h3>
          {listing && !listing.hid.available && <p className="muted">Không đọc được HID / HID unavailable: {listing.hid.error}</p>}
          {listing?.hid.available && listing.hid.devices.length === 0 && <p className="muted">Không có / None</p>}
          <ul>
            {listing?.hid.devices.map((h) => (
              <li key={`${h.vendorId}:${h.productId}:${h.path ?? ''}`}>
                USB {h.vendorId}:{h.productId} {h.manufacturer ?? ''} {h.product ?? ''} — {h.supportedBy.join(', ') || 'không có driver / no driver'}
                {h.assignedTo && ` — đang dùng: ${h.assignedTo}`}
              </li>
            ))}
          </ul>
          <h3>Máy quét tài liệu (SANE) / Document scanners</h3>
          {listing && !listing.sane.available && <p className="muted">{listing.sane.error}</p>}
          <ul>
            {listing?.sane.devices.map((d) => (
              <li key={d.name}>
                {d.name} — {d.description}
                {d.assignedTo && ` — đang dùng: ${d.assignedTo}`}
              </li>
            ))}
          </ul>
        </section>

        <section>
          <h2>Gán vai trò / Assign a role</h2>
          <AssignForm
            listing={listing}
            chosenPath={chosenPath}
            onDone={(ok, err) => {
              setMessage(ok);
              setError(err);
              void refreshStatus();
              void refreshList();
            }}
          />
        </section>

        <DayOffDecisions onError={(m) => setError(m)} />

        <LiveMonitor token={token} onError={(m) => setError(m)} />
      </main>
    </div>
  );
}
