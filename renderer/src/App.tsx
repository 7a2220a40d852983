import { useEffect, useMemo, useState } from 'react';
import { createClient } from './api/client.ts';
import { ClientContext } from './api/context.ts';
import { type Lang, LangContext } from './i18n.ts';
import { CounterPage } from './pages/CounterPage.tsx';
import { DisplayPage } from './pages/DisplayPage.tsx';
import { RatingPage } from './pages/RatingPage.tsx';
import { SupervisorPage } from './pages/SupervisorPage.tsx';
import { KioskPage } from './pages/KioskPage.tsx';
import { TicketStatusPage } from './pages/TicketStatusPage.tsx';
import { TechnicianPage } from './pages/TechnicianPage.tsx';

/** Pages are chosen by path: the core serves the same bundle at /, /counter, /t/<id>, … */
function route(): { page: 'kiosk' | 'counter' | 'ticket' | 'supervisor' | 'display' | 'rate' | 'tech'; arg?: string } {
  // Electron loads the bundle from a file: the kiosk is the only page there.
  const path = window.location.protocol === 'file:' ? '/' : window.location.pathname;
  const ticket = /^\/t\/([A-Za-z0-9_-]+)$/.exec(path);
  if (ticket) return { page: 'ticket', arg: ticket[1] };
  if (path.startsWith('/counter')) return { page: 'counter' };
  if (path.startsWith('/supervisor')) return { page: 'supervisor' };
  if (path.startsWith('/display')) return { page: 'display' };
  if (path.startsWith('/rate')) return { page: 'rate' };
  if (path === '/tech' || path.startsWith('/tech/')) return { page: 'tech' };
  return { page: 'kiosk' };
}

export function App() {
  const client = useMemo(() => createClient(), []);
  const [lang, setLang] = useState<Lang>('vi');
  // Screen readers and the browser's hyphenation follow the document's language, not only the kiosk's div.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const r = route();
  return (
    <ClientContext.Provider value={client}>
      <LangContext.Provider value={{ lang, setLang }}>
        {r.page === 'kiosk' && <KioskPage />}
        {r.page === 'counter' && <CounterPage />}
        {r.page === 'ticket' && <TicketStatusPage publicId={r.arg ?? ''} />}
        {r.page === 'supervisor' && <SupervisorPage />}
        {r.page === 'display' && <DisplayPage />}
        {r.page === 'rate' && <RatingPage />}
        {r.page === 'tech' && <TechnicianPage />}
      </LangContext.Provider>
    </ClientContext.Provider>
  );
}
