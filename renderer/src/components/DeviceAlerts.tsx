import { useEffect, useState } from 'react';
import type { CoreEvent } from '../../../main/contract/events.ts';
import { useClient } from '../api/context.ts';

const PROBLEM_VI: Record<string, string> = {
  'paper-near-end': 'sắp hết giấy',
  'paper-out': 'hết giấy',
  'cover-open': 'nắp đang mở',
  offline: 'mất kết nối',
  error: 'lỗi',
  jam: 'kẹt giấy',
  'feeder-empty': 'khay giấy trống',
  unplugged: 'bị rút cáp',
};

const ROLE_VI: Record<string, string> = {
  'ticket-printer': 'Máy in vé',
  'qr-scanner': 'Máy quét mã QR',
  'mrz-reader': 'Đầu đọc MRZ',
  'document-scanner': 'Máy quét giấy tờ',
};

type Alert = { role: string; state: string; problems: string[]; since: number };

/** Staff see at once when a kiosk device is in trouble or a ticket did not print. */
export function DeviceAlerts() {
  const client = useClient();
  const [devices, setDevices] = useState<Record<string, Alert>>({});
  const [failedPrints, setFailedPrints] = useState<string[]>([]);
  useEffect(
    () =>
      client.onEvent((e: CoreEvent) => {
        if (e.type === 'device') {
          setDevices((d) => ({ ...d, [e.deviceId]: { role: e.role, state: e.state, problems: e.problems, since: d[e.deviceId]?.state === e.state ? d[e.deviceId]!.since : Date.now() } }));
        }
        if (e.type === 'print' && e.state === 'failed') setFailedPrints((f) => [...f.slice(-4), e.kind === 'ticket' ? 'một vé số thứ tự' : `giấy tiếp nhận ${e.ref}`]);
      }),
    [client],
  );
  const troubled = Object.entries(devices).filter(([, a]) => a.state !== 'ready');
  if (troubled.length === 0 && failedPrints.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="device-alerts">
      <div>
        {troubled.map(([id, a]) => (
          <p key={id}>
            {ROLE_VI[a.role] ?? a.role}: {a.problems.map((p) => PROBLEM_VI[p] ?? p).join(', ') || a.state} (từ {new Date(a.since).toLocaleTimeString('vi-VN')})
          </p>
        ))}
        {failedPrints.map((f, i) => (
          <p key={i}>Không in được {f} — công dân đã được hiển thị số trên màn hình.</p>
        ))}
      </div>
      {failedPrints.length > 0 && <button onClick={() => setFailedPrints([])}>Đã biết</button>}
    </div>
  );
}
