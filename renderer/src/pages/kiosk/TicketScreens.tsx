import { useContext, useEffect, useState } from 'react';
import type { PriorityReason, Ticket } from '../../../../main/contract/schemas.ts';
import { useClient } from '../../api/context.ts';
import { QrCode } from '../../components/QrCode.tsx';
import { LangContext, useT } from '../../i18n.ts';
import { ageOn, ELDERLY_PRIORITY as ELDERLY, isElderly, type Person, vnToday } from '../../identity/person.ts';
import { useKT } from './strings.ts';

/**
 * "Do you have priority?" With a card read, the age from the date of birth suggests the elderly priority
 * (60+); the citizen confirms it by pressing, and the ticket carries the reason for staff to see.
 */
export function PriorityScreen(props: {
  priorities: PriorityReason[];
  person: Person | null;
  busy: boolean;
  onIssue: (priority: string | undefined) => void;
  onUseCard: () => void;
  onBack: () => void;
}) {
  const t = useT();
  const kt = useKT();
  const { lang } = useContext(LangContext);
  const today = vnToday();
  const elderly = props.person !== null && isElderly(props.person.dateOfBirth, today) && props.priorities.some((p) => p.id === ELDERLY);
  return (
    <div className="screen">
      <h1>{t('priorityQuestion')}</h1>
      {elderly && props.person && (
        <div className="note suggestion" data-testid="elderly-suggestion">
          <p>
            <strong>
              {ageOn(props.person.dateOfBirth, today)} {kt('age')}.
            </strong>{' '}
            {kt('elderlySuggest')}
          </p>
          <button className="tile tile-primary" disabled={props.busy} onClick={() => props.onIssue(ELDERLY)} data-testid="take-elderly">
            {kt('takeElderly')}
          </button>
        </div>
      )}
      <div className="tile-grid">
        <button className="tile tile-primary" disabled={props.busy} onClick={() => props.onIssue(undefined)} data-testid="no-priority">
          {t('noPriority')}
        </button>
        {props.priorities.map((p) => (
          <button key={p.id} className="tile" disabled={props.busy} onClick={() => props.onIssue(p.id)} data-testid={`priority-${p.id}`}>
            {p.label[lang]}
          </button>
        ))}
      </div>
      {props.person === null && (
        <button className="tile" onClick={props.onUseCard} data-testid="priority-use-card">
          {kt('useCard')}
        </button>
      )}
      <button className="back-button" onClick={props.onBack}>
        ← {t('back')}
      </button>
    </div>
  );
}

export function TicketScreen({ ticket, seconds, onDone }: { ticket: Ticket; seconds: number; onDone: () => void }) {
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
      <h1 className="ticket-label">{t('yourNumber')}</h1>
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
