import { useContext, useEffect, useState } from 'react';
import type { Ticket } from '../../../main/contract/schemas.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient } from '../api/context.ts';
import { LangContext, useT } from '../i18n.ts';

/** What the ticket's QR opens on the citizen's phone: live position and the call. */
export function TicketStatusPage({ publicId }: { publicId: string }) {
  const client = useClient();
  const t = useT();
  const { lang } = useContext(LangContext);
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const refresh = () =>
      client.call('ticketStatus', { publicId }).then(setTicket, (err: unknown) => setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : String(err)));
    refresh();
    return client.onEvent((e) => {
      if (e.type === 'queue') void refresh();
    });
  }, [client, publicId]);
  if (error) return <p className="error-banner">{error}</p>;
  if (!ticket) return <p className="loading">…</p>;
  return (
    <main className="screen ticket-screen phone">
      <h1>{t('ticketStatus')}</h1>
      <p className="ticket-number">{ticket.number}</p>
      <p>{ticket.serviceName[lang]}</p>
      {ticket.state === 'waiting' && (
        <p data-testid="status">
          {t('stillWaiting')} · {t('ahead')}: <strong>{ticket.aheadCount}</strong> · {t('about')} {ticket.estimatedWaitMinutes} {t('minutes')}
        </p>
      )}
      {ticket.state === 'called' && (
        <p className="called" data-testid="status">
          {t('calledTo')} {ticket.counterId}
        </p>
      )}
      {ticket.state === 'served' && <p data-testid="status">{t('served')}</p>}
      {ticket.state === 'no_show' && <p data-testid="status">{t('noShow')}</p>}
    </main>
  );
}
