import { useEffect, useState } from 'react';
import type { CoreEvent } from '../../../../main/contract/events.ts';
import { useClient } from '../../api/context.ts';
import { openTechSocket } from './tech-socket.ts';

type MonitorEvent = Extract<CoreEvent, { type: 'monitor' }>;

/** What each scanner and reader sends, masked unless raw view is on (two minutes, then masked again). */
export function LiveMonitor({ token, onError }: { token: string; onError: (m: string) => void }) {
  const client = useClient();
  const [entries, setEntries] = useState<MonitorEvent[]>([]);
  const [rawUntil, setRawUntil] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    client.call('monitorState', {}).then(
      (s) => {
        setEntries(s.recent as MonitorEvent[]);
        setRawUntil(s.rawUntil);
      },
      (e: unknown) => onError(String(e)),
    );
    return openTechSocket(
      token,
      (e) => {
        if (e.type === 'monitor') setEntries((list) => [e, ...list].slice(0, 100));
      },
      setConnected,
    );
  }, [client, token]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!rawUntil) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [rawUntil]);
  const rawLeft = rawUntil ? Math.max(0, Math.round((Date.parse(rawUntil) - now) / 1000)) : 0;

  const setRaw = (enabled: boolean) =>
    client.call('setMonitorRaw', { enabled }).then((s) => setRawUntil(s.rawUntil), (e: unknown) => onError(String(e)));

  return (
    <section data-testid="monitor">
      <h2>Giám sát trực tiếp / Live monitor {connected ? '' : <span className="muted">(đang kết nối… / connecting…)</span>}</h2>
      <p className="muted">
        Mặc định che dữ liệu cá nhân: chữ thành “a”/“ă”, số thành “9”. / Personal data is masked by default: letters show as “a”/“ă” (with
        diacritics), digits as “9”.
      </p>
      {rawLeft > 0 ? (
        <p className="raw-on">
          Đang hiện dữ liệu thật, còn {rawLeft} giây / Raw view on, {rawLeft} s left{' '}
          <button onClick={() => void setRaw(false)} data-testid="raw-off">
            Tắt ngay / Stop now
          </button>
        </p>
      ) : (
        <button onClick={() => void setRaw(true)} data-testid="raw-on">
          Hiện dữ liệu thật trong 2 phút / Show raw for 2 minutes
        </button>
      )}
      <ul className="monitor">
        {entries.length === 0 && <li className="muted">Chưa có dữ liệu. Hãy quét thử. / Nothing yet: scan something.</li>}
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <strong>{e.deviceId}</strong> {new Date(e.at).toLocaleTimeString('vi-VN')} · {e.bytes} byte ·{' '}
            {e.outcome === 'identity' ? 'đọc được giấy tờ / identity' : e.outcome === 'rejected' ? `không hợp lệ / rejected (${e.reason ?? ''})` : 'văn bản / text'}
            {e.masked ? '' : ' · DỮ LIỆU THẬT / RAW'}
            <br />
            <code>{e.text}</code>
            <br />
            <code className="muted">{e.hex}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
