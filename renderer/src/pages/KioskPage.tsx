import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Catalog, Procedure, Service, Ticket } from '../../../main/contract/schemas.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient } from '../api/context.ts';
import { QrCode } from '../components/QrCode.tsx';
import { LangContext, useT } from '../i18n.ts';
import { foldVietnamese } from '../text.ts';

type Screen =
  | { name: 'home' }
  | { name: 'service'; service: Service }
  | { name: 'procedure'; service: Service; procedure: Procedure }
  | { name: 'priority'; service: Service }
  | { name: 'ticket'; ticket: Ticket };

export function KioskPage() {
  const client = useClient();
  const t = useT();
  const { lang, setLang } = useContext(LangContext);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastTouch = useRef(Date.now());
  const [timeouts, setTimeouts] = useState({ home: 20, idle: 60 });

  const load = () => {
    setError(null);
    Promise.all([client.call('getCatalog', {}), client.call('kioskInfo', {})]).then(
      ([c, info]) => {
        setCatalog(c);
        setTimeouts((x) => ({ ...x, home: info.homeTimeoutSeconds }));
      },
      (err: unknown) => setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : String(err)),
    );
  };
  useEffect(load, [client]); // eslint-disable-line react-hooks/exhaustive-deps

  // Live waiting counts, and the print outcome of the ticket on screen.
  useEffect(
    () =>
      client.onEvent((e) => {
        if (e.type === 'queue') setCatalog((c) => (c ? { ...c, services: e.snapshot.services } : c));
        if (e.type === 'print')
          setScreen((s) => (e.kind === 'ticket' && s.name === 'ticket' && s.ticket.publicId === e.ref ? { name: 'ticket', ticket: { ...s.ticket, printed: e.state } } : s));
      }),
    [client],
  );

  // Anyone walking away leaves the kiosk clean for the next person.
  useEffect(() => {
    const touch = () => (lastTouch.current = Date.now());
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const timer = setInterval(() => {
      if (screen.name !== 'home' && screen.name !== 'ticket' && Date.now() - lastTouch.current > timeouts.idle * 1000) setScreen({ name: 'home' });
    }, 1000);
    return () => {
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
      clearInterval(timer);
    };
  }, [screen.name, timeouts.idle]);

  const issue = async (service: Service, priority?: string) => {
    setBusy(true);
    setError(null);
    try {
      const ticket = await client.call('issueTicket', { serviceId: service.id, ...(priority ? { priority } : {}) });
      setScreen({ name: 'ticket', ticket });
    } catch (err) {
      setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : t('error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kiosk" lang={lang}>
      <header className="kiosk-header">
        <button className="link-button" onClick={() => setScreen({ name: 'home' })}>
          {t('welcome')}
        </button>
        <button className="lang-button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang">
          {t('language')}
        </button>
      </header>
      {error && (
        <div className="error-banner" role="alert">
          {error}
          <button onClick={load}>{t('tryAgain')}</button>
        </div>
      )}
      {!catalog && !error && <p className="loading">…</p>}
      {catalog && screen.name === 'home' && <Home catalog={catalog} onService={(s) => setScreen({ name: 'service', service: s })} onProcedure={(s, p) => setScreen({ name: 'procedure', service: s, procedure: p })} />}
      {catalog && screen.name === 'service' && (
        <ServiceScreen
          service={screen.service}
          procedures={catalog.procedures.filter((p) => p.serviceId === screen.service.id)}
          onBack={() => setScreen({ name: 'home' })}
          onProcedure={(p) => setScreen({ name: 'procedure', service: screen.service, procedure: p })}
          onTake={() => setScreen({ name: 'priority', service: screen.service })}
        />
      )}
      {screen.name === 'procedure' && (
        <ProcedureScreen procedure={screen.procedure} onBack={() => setScreen({ name: 'service', service: screen.service })} onTake={() => setScreen({ name: 'priority', service: screen.service })} />
      )}
      {catalog && screen.name === 'priority' && (
        <div className="screen">
          <h1>{t('priorityQuestion')}</h1>
          <div className="tile-grid">
            <button className="tile tile-primary" disabled={busy} onClick={() => issue(screen.service)} data-testid="no-priority">
              {t('noPriority')}
            </button>
            {catalog.priorities.map((p) => (
              <button key={p.id} className="tile" disabled={busy} onClick={() => issue(screen.service, p.id)} data-testid={`priority-${p.id}`}>
                {p.label[lang]}
              </button>
            ))}
          </div>
          <button className="back-button" onClick={() => setScreen({ name: 'service', service: screen.service })}>
            ← {t('back')}
          </button>
        </div>
      )}
      {screen.name === 'ticket' && <TicketScreen ticket={screen.ticket} seconds={timeouts.home} onDone={() => setScreen({ name: 'home' })} />}
    </div>
  );
}

function Home({ catalog, onService, onProcedure }: { catalog: Catalog; onService: (s: Service) => void; onProcedure: (s: Service, p: Procedure) => void }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = foldVietnamese(query.trim());
    if (q.length < 2) return [];
    return catalog.procedures.filter((p) => foldVietnamese(p.name).includes(q) || (p.code ?? '').includes(q)).slice(0, 8);
  }, [query, catalog]);
  return (
    <div className="screen">
      <h1>{t('chooseService')}</h1>
      <input className="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('search')} aria-label={t('search')} />
      {matches.length > 0 && (
        <ul className="procedure-list">
          {matches.map((p) => {
            const s = catalog.services.find((x) => x.id === p.serviceId)!;
            return (
              <li key={p.id}>
                <button onClick={() => onProcedure(s, p)}>{p.name}</button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="tile-grid">
        {catalog.services.map((s) => (
          <button key={s.id} className="tile service-tile" onClick={() => onService(s)} data-testid={`service-${s.id}`}>
            <span className="tile-prefix">{s.prefix}</span>
            <span className="tile-name">{s.name[lang]}</span>
            <span className="tile-meta" data-testid={`waiting-${s.id}`}>
              {s.waiting} {t('waiting')}
              {s.waiting > 0 && ` · ${t('about')} ${s.estimatedWaitMinutes} ${t('minutes')}`}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

function ServiceScreen(props: { service: Service; procedures: Procedure[]; onBack: () => void; onProcedure: (p: Procedure) => void; onTake: () => void }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  return (
    <div className="screen">
      <h1>{props.service.name[lang]}</h1>
      <button className="tile tile-primary take-button" onClick={props.onTake} data-testid="take-number">
        {t('takeNumber')}
      </button>
      <h2>{t('procedures')}</h2>
      <ul className="procedure-list">
        {props.procedures.map((p) => (
          <li key={p.id}>
            <button onClick={() => props.onProcedure(p)}>{p.name}</button>
          </li>
        ))}
      </ul>
      <button className="back-button" onClick={props.onBack}>
        ← {t('back')}
      </button>
    </div>
  );
}

function ProcedureScreen({ procedure: p, onBack, onTake }: { procedure: Procedure; onBack: () => void; onTake: () => void }) {
  const t = useT();
  return (
    <div className="screen procedure">
      <h1>{p.name}</h1>
      {p.code && <p className="muted">Mã thủ tục: {p.code}</p>}
      <h2>{t('processing')}</h2>
      <p>{p.processingDays === 0 ? t('sameDay') : p.processingDays !== null ? `${p.processingDays} ${t('workingDays')}` : '—'}</p>
      {p.processingText && <p className="muted">{p.processingText}</p>}
      <h2>{t('fee')}</h2>
      <p>{p.feeText || '—'}</p>
      <h2>{t('documents')}</h2>
      <ol>
        {p.documents.map((d) => (
          <li key={d.name}>
            {d.name}
            {d.copies && <span className="muted"> ({d.copies})</span>}
          </li>
        ))}
      </ol>
      {p.source && <p className="muted small">{t('source')}: {p.source}</p>}
      <button className="tile tile-primary take-button" onClick={onTake}>
        {t('takeNumber')}
      </button>
      <button className="back-button" onClick={onBack}>
        ← {t('back')}
      </button>
    </div>
  );
}

function TicketScreen({ ticket, seconds, onDone }: { ticket: Ticket; seconds: number; onDone: () => void }) {
  const t = useT();
  const client = useClient();
  const { lang } = useContext(LangContext);
  const [left, setLeft] = useState(seconds);
  const failed = ticket.printed === 'failed';
  useEffect(() => {
    // A citizen whose ticket did not print needs time to note the number or scan the QR.
    const total = failed ? seconds * 3 : seconds;
    setLeft(total);
    const timer = setInterval(() => setLeft((x) => (x <= 1 ? 0 : x - 1)), 1000);
    return () => clearInterval(timer);
  }, [ticket.publicId, failed, seconds]);
  useEffect(() => {
    if (left === 0) onDone();
  }, [left, onDone]);
  return (
    <div className="screen ticket-screen" data-testid="ticket-screen">
      <p className="ticket-label">{t('yourNumber')}</p>
      <p className="ticket-number" data-testid="ticket-number">
        {ticket.number}
      </p>
      <p className="ticket-service">{ticket.serviceName[lang]}</p>
      <div className="ticket-facts">
        <div>
          <span>{t('ahead')}</span>
          <strong data-testid="ahead">{ticket.aheadCount}</strong>
        </div>
        <div>
          <span>{t('estimate')}</span>
          <strong>{ticket.aheadCount === 0 ? t('soon') : `${t('about')} ${ticket.estimatedWaitMinutes} ${t('minutes')}`}</strong>
        </div>
      </div>
      <QrCode data={ticket.statusUrl} label={t('scanToFollow')} />
      <p>{t('scanToFollow')}</p>
      <p className={failed ? 'print-status print-failed' : 'print-status'} data-testid="print-status" data-state={ticket.printed} role={failed ? 'alert' : undefined}>
        {failed ? t('printFailed') : ticket.printed === 'done' ? t('printed') : t('printing')}
      </p>
      {failed && (
        <button className="tile" onClick={() => client.call('reprintTicket', { publicId: ticket.publicId }).catch((err: unknown) => console.warn('reprint refused', err))}>
          {t('reprint')}
        </button>
      )}
      <button className="tile tile-primary" onClick={onDone}>
        {t('home')}
      </button>
      <p className="muted">
        {t('returningHome')} {left} {t('seconds')}
      </p>
    </div>
  );
}
