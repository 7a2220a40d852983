import { useEffect, useState } from 'react';
import type { Notice, OpeningHours, VoiceSettings } from '../../../../main/contract/ops/supervisor.ts';
import { useClient } from '../../api/context.ts';
import type { Act } from './DashboardView.tsx';
import { clockVi } from './time.ts';

const DAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const rangesText = (d: OpeningHours['week'][number]) => d.map((r) => `${r.start}-${r.end}`).join(', ');

function parseRanges(text: string): OpeningHours['week'][number] | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const out: OpeningHours['week'][number] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ start: `${m[1]!.padStart(2, '0')}:${m[2]}`, end: `${m[3]!.padStart(2, '0')}:${m[4]}` });
  }
  return out;
}

/** Notices for the hall, reception hours and the voice call-out. */
export function SteeringPanel({ notices, act, initialVoice }: { notices: Notice[]; act: Act; initialVoice: VoiceSettings }) {
  const client = useClient();
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [hours, setHours] = useState<OpeningHours | null>(null);
  const [days, setDays] = useState<string[]>([]);
  const [voice, setVoice] = useState<VoiceSettings>(initialVoice);

  useEffect(() => {
    client.call('getOpeningHours', {}).then(
      (h) => {
        setHours(h);
        setDays(h.week.map(rangesText));
      },
      (err: unknown) => console.warn('opening hours unavailable', err),
    );
  }, [client]);

  const parsed = days.map(parseRanges);
  const valid = parsed.every((p) => p !== null);

  return (
    <div className="two-cols">
      <section>
        <h2>Thông báo lên màn hình sảnh / Hall notice</h2>
        <form
          className="compact"
          onSubmit={(e) => {
            e.preventDefault();
            act(async () => {
              await client.call('broadcastNotice', { text, minutes: Number(minutes) });
              setText('');
            }, 'Đã phát thông báo lên màn hình sảnh.');
          }}
        >
          <textarea rows={2} cols={40} maxLength={300} value={text} onChange={(e) => setText(e.target.value)} placeholder="Nội dung thông báo" data-testid="notice-text" />
          <label>
            Hiển thị
            <input type="number" min={1} max={10080} value={minutes} onChange={(e) => setMinutes(e.target.value)} style={{ width: '5em' }} data-testid="notice-minutes" /> phút
          </label>
          <button className="primary" type="submit" disabled={text.trim() === ''} data-testid="notice-send">
            Phát thông báo
          </button>
        </form>
        <ul data-testid="notice-list">
          {notices.map((n) => (
            <li key={n.id} className="compact">
              {n.text} <small className="muted">đến {clockVi(n.expiresAt)}</small>
              <button onClick={() => act(() => client.call('endNotice', { noticeId: n.id }), 'Đã gỡ thông báo.')}>Gỡ</button>
            </li>
          ))}
        </ul>

        <h2>Loa gọi số / Voice call-out</h2>
        {voice && (
          <div className="compact">
            <label>
              <input type="checkbox" checked={voice.enabled} onChange={(e) => act(async () => setVoice(await client.call('setVoiceSettings', { enabled: e.target.checked })), 'Đã lưu.')} /> Bật
            </label>
            <label>
              Âm lượng
              <input type="range" min={0.1} max={2} step={0.1} value={voice.volume} onChange={(e) => setVoice({ ...voice, volume: Number(e.target.value) })} /> {Math.round(voice.volume * 100)} %
            </label>
            <label>
              Nhắc lại
              <select value={voice.repeat} onChange={(e) => setVoice({ ...voice, repeat: Number(e.target.value) })}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n} lần
                  </option>
                ))}
              </select>
            </label>
            <button onClick={() => act(async () => setVoice(await client.call('setVoiceSettings', { volume: voice.volume, repeat: voice.repeat })), 'Đã lưu cài đặt loa.')}>Lưu</button>
          </div>
        )}
      </section>
      <section>
        <h2>Giờ tiếp nhận / Reception hours</h2>
        {hours && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!valid) return;
              act(async () => setHours(await client.call('setOpeningHours', { ...hours, week: parsed as OpeningHours['week'] })), 'Đã lưu giờ tiếp nhận.');
            }}
          >
            <label className="compact">
              <input type="checkbox" checked={hours.enforced} onChange={(e) => setHours({ ...hours, enforced: e.target.checked })} data-testid="hours-enforced" />
              Ngoài giờ thì ki-ốt không cấp số
            </label>
            <label className="compact">
              <input type="checkbox" checked={hours.holidays} onChange={(e) => setHours({ ...hours, holidays: e.target.checked })} />
              Nghỉ ngày lễ, Tết theo lịch nhà nước
            </label>
            {DAYS.map((name, i) => (
              <div key={name} className="hours-row">
                <span>{name}</span>
                <input
                  value={days[i] ?? ''}
                  onChange={(e) => setDays(days.map((d, j) => (j === i ? e.target.value : d)))}
                  placeholder="nghỉ"
                  aria-invalid={parsed[i] === null}
                  aria-label={`Giờ ${name}`}
                />
              </div>
            ))}
            <p className="small muted">Ví dụ: 07:30-11:30, 13:00-17:00 · để trống là nghỉ cả ngày</p>
            <button className="primary" type="submit" disabled={!valid}>
              Lưu giờ tiếp nhận
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
