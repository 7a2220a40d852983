import { useEffect, useState } from 'react';
import type { QueueSnapshot, Ticket } from '../../../main/contract/schemas.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient, useQueue } from '../api/context.ts';
import { PriorityCheck } from '../components/PriorityCheck.tsx';
import { DeviceAlerts } from '../components/DeviceAlerts.tsx';
import { LoginForm } from '../components/LoginForm.tsx';

/** The counter console: staff log in with the counter PIN, open their counter and work the queue. */
export function CounterPage() {
  const client = useClient();
  const [session, setSession] = useState<string | null>(null);
  const [counterId, setCounterId] = useState<string | null>(null);
  const snapshot = useQueue();

  if (!session) return <LoginForm role="counter" title="Đăng nhập quầy / Counter login" onLogin={(s) => { client.setToken(s.token); setSession(s.token); }} />;
  if (!snapshot) return <p className="loading">Đang tải…</p>;
  if (!counterId)
    return (
      <main className="staff screen">
        <h1>Chọn quầy / Choose your counter</h1>
        <div className="tile-grid">
          {snapshot.counters.map((c) => (
            <button key={c.id} className="tile" onClick={() => setCounterId(c.id)} data-testid={`counter-${c.id}`}>
              Quầy {c.name} {c.open ? '· đang mở' : ''}
            </button>
          ))}
        </div>
      </main>
    );
  return <CounterConsole counterId={counterId} snapshot={snapshot} onLeave={() => setCounterId(null)} />;
}

function CounterConsole({ counterId, snapshot, onLeave }: { counterId: string; snapshot: QueueSnapshot; onLeave: () => void }) {
  const client = useClient();
  const counter = snapshot.counters.find((c) => c.id === counterId)!;
  const [message, setMessage] = useState<string | null>(null);
  const [transferOf, setTransferOf] = useState<Ticket | null>(null);
  const [chosen, setChosen] = useState<string[]>(counter.serviceIds);
  useEffect(() => setChosen(counter.serviceIds), [counter.serviceIds.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = async (f: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await f();
    } catch (err) {
      setMessage(err instanceof ApiCallError ? `${err.error.messageVi ?? ''} (${err.message})` : String(err));
    }
  };
  const mine = snapshot.waiting.filter((t) => t.targetCounterId === counterId || (t.targetCounterId === null && counter.serviceIds.includes(t.serviceId)));
  const current = counter.current;
  const [priorities, setPriorities] = useState<Record<string, string>>({});
  useEffect(() => {
    client.call('getCatalog', {}).then(
      (c) => setPriorities(Object.fromEntries(c.priorities.map((p) => [p.id, p.label.vi]))),
      (err: unknown) => console.warn('priority labels unavailable', err),
    );
  }, [client]);
  const priorityLabel = (id: string | null) => (id ? (priorities[id] ?? id) : '');

  return (
    <div className="staff counter-console">
      <header className="staff-header">
        <h1>Quầy {counter.name}</h1>
        <span className={counter.open ? 'badge badge-open' : 'badge'} data-testid="counter-state">
          {counter.open ? 'Đang mở' : 'Đang đóng'}
        </span>
        <button onClick={onLeave}>Đổi quầy</button>
      </header>
      <main>
        <DeviceAlerts />
        {message && (
          <div className="error-banner" role="alert">
            {message}
          </div>
        )}
        <section className="services-choice">
          {snapshot.services.map((s) => (
            <label key={s.id}>
              <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((x) => x !== s.id)))} />
              {s.prefix} · {s.name.vi} ({s.waiting})
            </label>
          ))}
          {counter.open ? (
            <button onClick={() => act(() => client.call('closeCounter', { counterId }))}>Đóng quầy</button>
          ) : null}
          <button className="primary" disabled={chosen.length === 0} onClick={() => act(() => client.call('openCounter', { counterId, serviceIds: chosen }))} data-testid="open-counter">
            {counter.open ? 'Cập nhật dịch vụ' : 'Mở quầy'}
          </button>
        </section>
        <section className="current">
          <p className="muted">Đang phục vụ / Now serving</p>
          <p className="current-number" data-testid="current-number">
            {current?.number ?? '—'}
          </p>
          {current?.priorityCheck ? (
            <PriorityCheck ticket={current} label={priorityLabel} onDecide={(decision) => act(() => client.call('checkPriority', { ticketId: current.id, decision }))} />
          ) : (
            current?.priority && <p className="badge badge-priority">Ưu tiên: {priorityLabel(current.priority)}</p>
          )}
          <div className="actions">
            <button className="primary big" disabled={!counter.open} onClick={() => act(() => client.call('callNext', { counterId }))} data-testid="call-next">
              Gọi số tiếp theo
            </button>
            <button disabled={!current} onClick={() => current && act(() => client.call('recallTicket', { ticketId: current.id, counterId }))}>
              Gọi lại
            </button>
            <button disabled={!current} onClick={() => current && act(() => client.call('markServed', { ticketId: current.id }))} data-testid="served">
              Đã xong
            </button>
            <button disabled={!current} onClick={() => current && act(() => client.call('skipTicket', { ticketId: current.id }))} data-testid="skip">
              Vắng mặt
            </button>
            <button disabled={!current} onClick={() => current && setTransferOf(current)}>
              Chuyển
            </button>
          </div>
        </section>
        {transferOf && (
          <section className="transfer" data-testid="transfer">
            <h2>Chuyển số {transferOf.number}</h2>
            <div className="tile-grid small">
              {snapshot.services.map((s) => (
                <button key={s.id} onClick={() => act(async () => { await client.call('transferTicket', { ticketId: transferOf.id, serviceId: s.id }); setTransferOf(null); })}>
                  Sang dịch vụ {s.name.vi}
                </button>
              ))}
              {snapshot.counters.filter((c) => c.id !== counterId).map((c) => (
                <button key={c.id} onClick={() => act(async () => { await client.call('transferTicket', { ticketId: transferOf.id, counterId: c.id }); setTransferOf(null); })}>
                  Sang quầy {c.name}
                </button>
              ))}
              <button onClick={() => setTransferOf(null)}>Huỷ</button>
            </div>
          </section>
        )}
        <div className="columns">
          <section>
            <h2>
              Đang chờ tại quầy này: <span data-testid="my-waiting">{mine.length}</span>
            </h2>
            <ol className="ticket-list">
              {mine.slice(0, 15).map((t) => (
                <li key={t.id}>
                  <strong>{t.number}</strong> {t.serviceName.vi} {t.priority && <span className="badge badge-priority">Ưu tiên: {priorityLabel(t.priority)}</span>}
                  {t.targetCounterId && <span className="badge">chuyển đến</span>}
                </li>
              ))}
            </ol>
          </section>
          <section>
            <h2>Vắng mặt (gọi lại được)</h2>
            <ul className="ticket-list">
              {snapshot.noShows.map((t) => (
                <li key={t.id}>
                  <strong>{t.number}</strong>
                  <button onClick={() => act(() => client.call('recallTicket', { ticketId: t.id, counterId }))}>Gọi lại</button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </main>
    </div>
  );
}
