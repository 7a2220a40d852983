import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEvent } from '../../../main/contract/events.ts';
import type { Announcement, DisplayState } from '../../../main/contract/ops/display.ts';
import type { Notice } from '../../../main/contract/ops/supervisor.ts';
import { useClient, useQueue } from '../api/context.ts';
import { clockVi, useNow } from '../components/oversight/time.ts';
import './oversight.css';

const callTextVi = (number: string, counterName: string) => `Mời công dân có số thứ tự ${number} đến ${/^\d/.test(counterName) ? 'quầy số' : 'quầy'} ${counterName}`;

/**
 * The hall display (TV over HDMI or a browser on the LAN): no login, read-only. Shows who is called where, the
 * last calls, how many wait per service and the supervisor's notices, and plays each call-out clip — one at a
 * time, in order, never overlapping.
 */
export function DisplayPage() {
  const client = useClient();
  const [info, setInfo] = useState<DisplayState | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [latest, setLatest] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Record<string, number>>({});
  const [playing, setPlaying] = useState<Announcement | null>(null);
  const [lastClip, setLastClip] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  const pending = useRef<Announcement[]>([]);
  const busy = useRef(false);
  const audio = useRef<HTMLAudioElement>(null);
  const now = useNow(1000);

  const startNext = useCallback(() => {
    const next = pending.current.shift();
    busy.current = next !== undefined;
    setPlaying(next ?? null);
    if (next?.clipUrl) setLastClip(next.clipUrl);
  }, []);

  const finish = useCallback(
    (a: Announcement) => {
      // Tell the core this clip is over so it may offer the next call; it moves on by itself after a while anyway.
      client.call('announcementPlayed', { announcementId: a.id }).catch((err: unknown) => console.warn('could not report the clip as played', err));
      startNext();
    },
    [client, startNext],
  );

  const onEvent = useCallback(
    (e: CoreEvent) => {
      if (e.type === 'notices') setNotices(e.notices);
      else if (e.type === 'called') {
        setLatest(callTextVi(e.number, e.counterName));
        setFresh((f) => ({ ...f, [e.counterId]: Date.now() }));
      } else if (e.type === 'announce') {
        setLatest(e.announcement.text.vi);
        if (e.announcement.clipUrl) {
          pending.current.push(e.announcement);
          if (!busy.current) startNext();
        }
      }
    },
    [startNext],
  );
  const snapshot = useQueue(onEvent);

  useEffect(() => {
    client.call('displayState', {}).then(
      (s) => {
        setInfo(s);
        setNotices(s.notices);
      },
      (err: unknown) => console.warn('display state unavailable; the live feed still updates the calls', err),
    );
  }, [client]);

  useEffect(() => {
    const el = audio.current;
    if (!el || !playing?.clipUrl) return;
    el.src = playing.clipUrl;
    el.play().then(
      () => setBlocked(false),
      (err: unknown) => {
        // A browser that forbids sound before a tap: show the button, and do not hold the calls back.
        if (err instanceof DOMException && err.name === 'NotAllowedError') setBlocked(true);
        else console.warn('call-out clip could not play', err);
        finish(playing);
      },
    );
  }, [playing, finish]);

  const serving = (snapshot?.counters ?? []).filter((c) => c.open && c.current).map((c) => ({ id: c.id, name: c.name, number: c.current!.number }));
  const live = notices.filter((n) => Date.parse(n.expiresAt) > now);

  return (
    <div className="hall" onDoubleClick={() => void document.documentElement.requestFullscreen?.().catch((err: unknown) => console.warn('full screen refused by the browser', err))}>
      <header className="hall-header">
        <span>{info?.centerName ?? 'Trung tâm Phục vụ hành chính công'}</span>
        <span data-testid="hall-clock">{clockVi(new Date(now).toISOString())}</span>
      </header>
      {latest && (
        <div className="hall-latest" data-testid="hall-latest" aria-live="assertive">
          {latest}
        </div>
      )}
      <main className="hall-main">
        <section>
          <div className="hall-calls" data-testid="hall-calls">
            {serving.length === 0 && <p>Chưa có số nào được gọi / No calls yet</p>}
            {serving.map((c) => (
              <div key={c.id} className={`hall-call${(fresh[c.id] ?? 0) > now - 10_000 ? ' fresh' : ''}`} data-testid={`hall-counter-${c.id}`}>
                <span className="hall-number">{c.number}</span>
                <span className="hall-counter">
                  Quầy {c.name}
                  <br />
                  <small>Counter {c.name}</small>
                </span>
              </div>
            ))}
          </div>
        </section>
        <aside className="hall-side">
          <h2>Vừa gọi / Recent calls</h2>
          <table>
            <tbody data-testid="hall-recent">
              {(snapshot?.recentCalls ?? []).slice(0, 6).map((r) => (
                <tr key={`${r.number}-${r.at}`}>
                  <td>{r.number}</td>
                  <td>Quầy {r.counterName}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Đang chờ / Waiting</h2>
          <table>
            <tbody data-testid="hall-waiting">
              {(snapshot?.services ?? []).map((s) => (
                <tr key={s.id} data-testid={`hall-waiting-${s.id}`}>
                  <td>
                    {s.prefix} · {s.name.vi}
                  </td>
                  <td>{s.waiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </aside>
      </main>
      {live.length > 0 && (
        <div className="hall-notices" data-testid="hall-notices" role="marquee">
          <span>{live.map((n) => n.text).join('   •   ')}</span>
        </div>
      )}
      <audio
        ref={audio}
        data-testid="call-audio"
        preload="auto"
        {...(lastClip ? { src: lastClip } : {})}
        onEnded={() => playing && finish(playing)}
        onError={() => playing && finish(playing)}
      />
      {blocked && (
        <button
          className="hall-sound primary"
          onClick={() => {
            setBlocked(false);
            audio.current?.play().catch((err: unknown) => console.warn('sound still blocked', err));
          }}
        >
          🔊 Bật âm thanh / Enable sound
        </button>
      )}
      {info && !info.voice.ok && info.voice.enabled && <p className="hall-sound small">Loa gọi số đang gặp sự cố</p>}
    </div>
  );
}
