import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEvent } from '../../../main/contract/events.ts';
import type { RatingLevel } from '../../../main/contract/ops/supervisor.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient, useQueue } from '../api/context.ts';
import { LoginForm } from '../components/LoginForm.tsx';
import './oversight.css';

export const RATING_LEVELS: { level: RatingLevel; vi: string; en: string; face: string }[] = [
  { level: 'very_satisfied', vi: 'Rất hài lòng', en: 'Very satisfied', face: '😀' },
  { level: 'satisfied', vi: 'Hài lòng', en: 'Satisfied', face: '🙂' },
  { level: 'neutral', vi: 'Bình thường', en: 'Neutral', face: '😐' },
  { level: 'dissatisfied', vi: 'Không hài lòng', en: 'Dissatisfied', face: '🙁' },
];

type Target = { ticketNumber: string; publicId: string; finishedAt: string; rated: RatingLevel | null };

/**
 * The small screen at a counter, facing the citizen: after the counter finishes a ticket it asks how the
 * service was. Staff sign it in once with the counter PIN (the screen learns which ticket was just served;
 * the rating itself is keyed by that ticket's private publicId, one per ticket).
 */
export function RatingPage() {
  const client = useClient();
  const counterId = new URLSearchParams(window.location.search).get('counter') ?? '';
  const [signedIn, setSignedIn] = useState(false);
  const [target, setTarget] = useState<Target | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);

  const refresh = useCallback(() => {
    if (!signedIn || !counterId) return;
    client.call('ratingTarget', { counterId }).then(
      (t) => setTarget((prev) => (prev?.publicId === t?.publicId && prev?.rated === t?.rated ? prev : t)),
      (err: unknown) => setMessage(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : String(err)),
    );
  }, [client, counterId, signedIn]);

  // Every queue change may be a newly finished ticket at this counter. useQueue keeps its first listener, so
  // the listener reads the current refresh (which changes once staff have signed in) through a ref.
  const latest = useRef(refresh);
  latest.current = refresh;
  useQueue((e: CoreEvent) => {
    if (e.type === 'queue') latest.current();
  });
  useEffect(refresh, [refresh]);
  useEffect(() => {
    setThanks(null);
    setMessage(null);
  }, [target?.publicId]);

  if (!counterId)
    return (
      <main>
        <p className="error-banner">Thiếu số quầy trong địa chỉ (ví dụ /rate?counter=1) / Missing ?counter=N</p>
      </main>
    );
  if (!signedIn)
    return (
      <LoginForm
        role="counter"
        title={`Màn hình đánh giá quầy ${counterId} — cán bộ đăng nhập / Staff sign-in`}
        onLogin={(s) => {
          client.setToken(s.token);
          setSignedIn(true);
        }}
      />
    );

  const rate = (level: RatingLevel) => {
    if (!target) return;
    setMessage(null);
    client.call('rateTicket', { publicId: target.publicId, level }).then(
      (r) => {
        setThanks(`Cảm ơn quý vị đã đánh giá “${RATING_LEVELS.find((x) => x.level === r.level)!.vi}”.`);
        setTarget({ ...target, rated: r.level });
      },
      (err: unknown) => setMessage(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : String(err)),
    );
  };

  return (
    <main className="rating" data-testid="rating">
      {!target && <h1>Quầy {counterId} — Xin kính chào quý vị</h1>}
      {target && (
        <>
          <p className="muted">Số thứ tự vừa phục vụ / Ticket just served</p>
          <p className="rating-number" data-testid="rating-number">
            {target.ticketNumber}
          </p>
          {target.rated || thanks ? (
            <h1 data-testid="rating-thanks">{thanks ?? 'Cảm ơn quý vị đã đánh giá. / Thank you!'}</h1>
          ) : (
            <>
              <h1>Quý vị có hài lòng với việc giải quyết thủ tục hôm nay?</h1>
              <p className="muted" lang="en">
                How satisfied are you with the service today?
              </p>
              <div className="rating-buttons">
                {RATING_LEVELS.map((r) => (
                  <button key={r.level} className={`rate-${r.level}`} onClick={() => rate(r.level)} data-testid={`rate-${r.level}`}>
                    <span className="face" aria-hidden="true">
                      {r.face}
                    </span>
                    {r.vi}
                    <small lang="en">{r.en}</small>
                  </button>
                ))}
              </div>
            </>
          )}
        </>
      )}
      {message && (
        <p className="error-banner" role="alert">
          {message}
        </p>
      )}
    </main>
  );
}
