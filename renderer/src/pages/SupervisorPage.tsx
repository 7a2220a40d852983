import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEvent } from '../../../main/contract/events.ts';
import type { Dashboard, Notice } from '../../../main/contract/ops/supervisor.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient, useQueue } from '../api/context.ts';
import { LoginForm } from '../components/LoginForm.tsx';
import { DashboardView } from '../components/oversight/DashboardView.tsx';
import { ReportsView } from '../components/oversight/ReportsView.tsx';
import { SteeringPanel } from '../components/oversight/SteeringPanel.tsx';
import { clockVi, useNow } from '../components/oversight/time.ts';
import './oversight.css';

type Tab = 'dashboard' | 'steering' | 'reports';

/** The supervisor's page: live dashboard (pushed over the WebSocket, no reload), steering and reports. */
export function SupervisorPage() {
  const client = useClient();
  const [token, setToken] = useState<string | null>(null);
  if (!token)
    return (
      <LoginForm
        role="supervisor"
        title="Đăng nhập giám sát / Supervisor login"
        onLogin={(s) => {
          client.setToken(s.token);
          setToken(s.token);
        }}
      />
    );
  return <Supervisor token={token} />;
}

function Supervisor({ token }: { token: string }) {
  const client = useClient();
  const [tab, setTab] = useState<Tab>('dashboard');
  const [d, setD] = useState<Dashboard | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [priorities, setPriorities] = useState<{ id: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const now = useNow(15_000);

  const load = useCallback(() => {
    client.call('supervisorDashboard', {}).then(setD, (err: unknown) =>
      setMessage({ ok: false, text: err instanceof ApiCallError ? `${err.error.messageVi ?? ''} (${err.message})` : String(err) }),
    );
  }, [client]);

  // Every pushed change (queue, device, sync, notices) refreshes the dashboard, a burst coalesced into one call.
  const onEvent = useCallback(
    (e: CoreEvent) => {
      if (e.type === 'notices') setNotices(e.notices);
      if (e.type === 'queue' || e.type === 'device' || e.type === 'sync' || e.type === 'notices') {
        clearTimeout(timer.current);
        timer.current = setTimeout(load, 150);
      }
    },
    [load],
  );
  const snapshot = useQueue(onEvent);

  useEffect(() => {
    load();
    client.call('displayState', {}).then((s) => setNotices(s.notices), (err: unknown) => console.warn('notices unavailable', err));
    client.call('getCatalog', {}).then(
      (c) => setPriorities(c.priorities.map((p) => ({ id: p.id, label: p.label.vi }))),
      (err: unknown) => console.warn('priority labels unavailable', err),
    );
    return () => clearTimeout(timer.current);
  }, [client, load]);

  const act = useCallback(
    (f: () => Promise<unknown>, done?: string) => {
      setMessage(null);
      f().then(
        () => {
          if (done) setMessage({ ok: true, text: done });
          load();
        },
        (err: unknown) => setMessage({ ok: false, text: err instanceof ApiCallError ? `${err.error.messageVi ?? ''} (${err.message})` : String(err) }),
      );
    },
    [load],
  );

  return (
    <div className="staff supervisor">
      <header className="staff-header">
        <h1>Giám sát</h1>
        <nav className="tabs" role="tablist">
          {(
            [
              ['dashboard', 'Tổng quan'],
              ['steering', 'Điều hành'],
              ['reports', 'Báo cáo'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} role="tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`tab-${id}`}>
              {label}
            </button>
          ))}
        </nav>
        <span className="muted">{d ? `Ngày ${d.day.split('-').reverse().join('/')} · cập nhật ${clockVi(d.now)}` : 'Đang tải…'}</span>
      </header>
      <main>
        {message && (
          <div className={message.ok ? 'ok-banner' : 'error-banner'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </div>
        )}
        {d?.calendar && d.calendar.notices.length > 0 && (
          // Appointments printed today may rest on the default day-off rule, or a decision file was refused.
          <section role="status" data-testid="calendar-notices" style={{ background: '#fff3cd', border: '2px solid #b26a00', padding: '0.5em 1em', margin: '0.5em 1em', borderRadius: 12 }}>
            {d.calendar.notices.map((n) => (
              <p key={n.vi} data-testid={`calendar-notice-${n.kind}`}>
                <strong>{n.vi}</strong>
                <br />
                <span className="muted" lang="en">
                  {n.en}
                </span>
              </p>
            ))}
          </section>
        )}
        {tab === 'dashboard' && d && (
          <DashboardView
            d={d}
            snapshot={snapshot}
            now={now}
            act={act}
            priorities={priorities}
            call={{
              quota: (serviceId, dailyQuota) => client.call('setServiceQuota', { serviceId, dailyQuota }),
              open: (counterId) => client.call('openCounter', { counterId }),
              close: (counterId) => client.call('closeCounter', { counterId }),
              services: (counterId, serviceIds) => client.call('setCounterServices', { counterId, serviceIds }),
              prioritize: (ticketId, priority) => client.call('prioritizeTicket', { ticketId, priority }),
              transfer: (ticketId, to) => client.call('transferTicket', { ticketId, ...to }),
            }}
          />
        )}
        {tab === 'steering' && d && <SteeringPanel notices={notices} act={act} initialVoice={d.voice} />}
        {tab === 'reports' && <ReportsView token={token} />}
      </main>
    </div>
  );
}
