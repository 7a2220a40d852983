import { useCallback, useContext, useEffect, useState } from 'react';
import type { Catalog, Procedure, Service, Ticket } from '../../../main/contract/schemas.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient } from '../api/context.ts';
import { LangContext, useT } from '../i18n.ts';
import { type Person, priorityBasisFor, vnToday } from '../identity/person.ts';
import { dossierCodeIn, type ScanInput } from '../identity/scan-input.ts';
import { DossierFlow } from './kiosk/DossierFlow.tsx';
import { HomeScreen, ProcedureScreen, ServiceScreen } from './kiosk/HomeScreen.tsx';
import { IdentityStep } from './kiosk/IdentityStep.tsx';
import { KioskInput } from './kiosk/input.tsx';
import { StatusScreen } from './kiosk/StatusScreen.tsx';
import { StillThere, useInactivity } from './kiosk/StillThere.tsx';
import { PriorityScreen, TicketScreen } from './kiosk/TicketScreens.tsx';

type Screen =
  | { name: 'home' }
  | { name: 'service'; service: Service }
  | { name: 'procedure'; service: Service; procedure: Procedure }
  | { name: 'priority'; service: Service; back: Screen; person: Person | null }
  | { name: 'ticket-identity'; service: Service; back: Screen }
  | { name: 'ticket'; ticket: Ticket }
  | { name: 'dossier'; service: Service; procedure: Procedure; run: number }
  | { name: 'status'; code: string | null; run: number };

/** The citizen's kiosk: composes the screens in ./kiosk/ and owns what they share (catalog, timers, input). */
export function KioskPage() {
  const client = useClient();
  const t = useT();
  const { lang, setLang } = useContext(LangContext);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [timeouts, setTimeouts] = useState({ home: 20, inactivity: 60 });

  const load = () => {
    setError(null);
    Promise.all([client.call('getCatalog', {}), client.call('kioskInfo', {})]).then(
      ([c, info]) => {
        setCatalog(c);
        setTimeouts({ home: info.homeTimeoutSeconds, inactivity: info.inactivitySeconds });
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

  const home = useCallback(() => {
    setScreen({ name: 'home' });
    setError(null);
  }, []);

  // Anyone walking away leaves nothing behind: the screens holding personal data unmount, and the next
  // citizen starts in Vietnamese.
  const idle = useInactivity(screen.name !== 'home' && screen.name !== 'ticket', timeouts.inactivity, () => {
    home();
    setLang('vi');
  });

  const issue = async (service: Service, priority: string | undefined, person: Person | null) => {
    setBusy(true);
    setError(null);
    try {
      const holderId = person?.idNumber ?? undefined;
      const claim = priority ? { priority, priorityBasis: priorityBasisFor(priority, person, vnToday()) } : {};
      const ticket = await client.call('issueTicket', { serviceId: service.id, ...claim, ...(holderId ? { holderId } : {}) });
      setScreen({ name: 'ticket', ticket });
    } catch (err) {
      setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : t('error'));
    } finally {
      setBusy(false);
    }
  };

  // A scan with no screen waiting for it: a receipt's code opens its status; a card on the home screen is ignored.
  const onScanUnhandled = (scan: ScanInput) => {
    const code = scan.text ? dossierCodeIn(scan.text) : null;
    if (code) setScreen({ name: 'status', code, run: Date.now() });
  };

  return (
    <KioskInput onScanUnhandled={onScanUnhandled}>
      <div className="kiosk" lang={lang}>
        <header className="kiosk-header">
          <button className="link-button" onClick={home}>
            {t('welcome')}
          </button>
          <button className="lang-button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang">
            {t('language')}
          </button>
        </header>
        <main className="kiosk-main">
          {error && (
            <div className="error-banner" role="alert">
              {error}
              <button onClick={catalog ? () => setError(null) : load}>{catalog ? 'OK' : t('tryAgain')}</button>
            </div>
          )}
          {!catalog && !error && <p className="loading">…</p>}
          {catalog && screen.name === 'home' && (
            <HomeScreen
              catalog={catalog}
              onService={(s) => setScreen({ name: 'service', service: s })}
              onProcedure={(s, p) => setScreen({ name: 'procedure', service: s, procedure: p })}
              onStatus={() => setScreen({ name: 'status', code: null, run: Date.now() })}
            />
          )}
          {catalog && screen.name === 'service' && (
            <ServiceScreen
              service={screen.service}
              procedures={catalog.procedures.filter((p) => p.serviceId === screen.service.id)}
              onBack={home}
              onProcedure={(p) => setScreen({ name: 'procedure', service: screen.service, procedure: p })}
              onTake={() => setScreen({ name: 'priority', service: screen.service, back: screen, person: null })}
            />
          )}
          {screen.name === 'procedure' && (
            <ProcedureScreen
              procedure={screen.procedure}
              onBack={() => setScreen({ name: 'service', service: screen.service })}
              onTake={() => setScreen({ name: 'priority', service: screen.service, back: screen, person: null })}
              onSubmit={() => setScreen({ name: 'dossier', service: screen.service, procedure: screen.procedure, run: Date.now() })}
            />
          )}
          {catalog && screen.name === 'priority' && (
            <PriorityScreen
              priorities={catalog.priorities}
              person={screen.person}
              busy={busy}
              onIssue={(p) => issue(screen.service, p, screen.person)}
              onUseCard={() => setScreen({ name: 'ticket-identity', service: screen.service, back: screen })}
              onBack={() => setScreen(screen.back)}
            />
          )}
          {screen.name === 'ticket-identity' && (
            <IdentityStep
              requireIdNumber={false}
              onBack={() => setScreen(screen.back)}
              onConfirmed={(person) => setScreen({ name: 'priority', service: screen.service, back: screen.back.name === 'priority' ? screen.back.back : screen.back, person })}
            />
          )}
          {screen.name === 'dossier' && <DossierFlow key={screen.run} service={screen.service} procedure={screen.procedure} onHome={home} onTicket={(ticket) => setScreen({ name: 'ticket', ticket })} />}
          {screen.name === 'status' && <StatusScreen key={screen.run} initialCode={screen.code} onHome={home} />}
          {screen.name === 'ticket' && <TicketScreen ticket={screen.ticket} seconds={timeouts.home} onDone={home} />}
          {idle.left !== null && <StillThere left={idle.left} onStay={idle.stay} />}
        </main>
      </div>
    </KioskInput>
  );
}
