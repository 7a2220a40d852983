import { useState } from 'react';
import { StepNav } from './StepNav.tsx';
import { dateFromDigits, DateEntryError, formatDob, maskDateDigits, nameNeedsDiacritics, type Person, personFromIdentity, vnToday } from '../../identity/person.ts';
import type { ScanInput } from '../../identity/scan-input.ts';
import { useT } from '../../i18n.ts';
import { useFields } from './fields.tsx';
import { useScanTarget } from './input.tsx';
import { useKT } from './strings.ts';

type Phase = { name: 'choose'; error: string | null } | { name: 'type'; from: Person | null; note: string | null } | { name: 'confirm'; person: Person };

/**
 * Who the citizen is: a card scanned (CCCD QR or MRZ, from the core's readers or a keyboard-wedge
 * scanner) or typed on the on-screen keyboard, then shown large to confirm.
 * `requireIdNumber`: the dossier flow needs the 12-digit personal ID number.
 */
export function IdentityStep({ onConfirmed, onBack, requireIdNumber }: { onConfirmed: (p: Person) => void; onBack: () => void; requireIdNumber: boolean }) {
  const kt = useKT();
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ name: 'choose', error: null });

  useScanTarget((scan: ScanInput) => {
    if (scan.identity) {
      const p = personFromIdentity(scan.identity);
      if (requireIdNumber && p.idNumber === null) setPhase({ name: 'type', from: p, note: kt('needIdNumber') });
      else setPhase({ name: 'confirm', person: p });
      return;
    }
    setPhase({ name: 'choose', error: scan.errorVi ? `${kt('readError')}: ${scan.errorVi}` : kt('notAnId') });
  });

  if (phase.name === 'confirm') {
    const p = phase.person;
    return (
      <div className="screen identity-confirm" data-testid="identity-confirm">
        <h1>{kt('confirmTitle')}</h1>
        <dl className="facts big-facts">
          <dt>{kt('fullName')}</dt>
          <dd data-testid="confirm-name">{p.fullName}</dd>
          <dt>{kt('idNumber')}</dt>
          <dd data-testid="confirm-id">{p.idNumber ?? '—'}</dd>
          <dt>{kt('dob')}</dt>
          <dd data-testid="confirm-dob">{formatDob(p.dateOfBirth)}</dd>
          <dt>{kt('address')}</dt>
          <dd data-testid="confirm-address">{p.address || '—'}</dd>
        </dl>
        {nameNeedsDiacritics(p) && (
          <div className="note" role="note" data-testid="mrz-note">
            <p>{kt('mrzNote')}</p>
            <button type="button" className="tile" onClick={() => setPhase({ name: 'type', from: p, note: null })} data-testid="fix-name">
              {kt('fixName')}
            </button>
          </div>
        )}
        <div className="choice-row">
          <button type="button" className="tile tile-primary" onClick={() => onConfirmed(p)} data-testid="confirm-yes">
            {kt('confirmYes')}
          </button>
          <button type="button" className="tile" onClick={() => setPhase({ name: 'choose', error: null })} data-testid="confirm-no">
            {kt('confirmNo')}
          </button>
        </div>
      </div>
    );
  }

  if (phase.name === 'type') {
    return <TypeIdentity from={phase.from} note={phase.note} onDone={(p) => setPhase({ name: 'confirm', person: p })} onBack={() => setPhase({ name: 'choose', error: null })} />;
  }

  return (
    <div className="screen identity" data-testid="identity-step">
      <h1>{kt('idTitle')}</h1>
      <p className="lead">{kt('idWays')}</p>
      {phase.error && (
        <div className="error-banner" role="alert" data-testid="identity-error">
          <span>
            {phase.error}. {kt('readErrorWayOn')}
          </span>
        </div>
      )}
      <ol className="id-ways">
        <li className="id-way">
          <span className="id-way-icon" aria-hidden="true">▣</span>
          {kt('idQr')}
        </li>
        <li className="id-way">
          <span className="id-way-icon" aria-hidden="true">≡</span>
          {kt('idMrz')}
        </li>
        <li className="id-way">
          <button type="button" className="tile tile-primary" onClick={() => setPhase({ name: 'type', from: null, note: null })} data-testid="identity-type">
            ⌨ {kt('idType')}
          </button>
        </li>
      </ol>
      <p className="muted waiting-scan">{kt('idWaiting')}</p>
      <button type="button" className="back-button" onClick={onBack}>
        ← {t('back')}
      </button>
    </div>
  );
}

function TypeIdentity({ from, note, onDone, onBack }: { from: Person | null; note: string | null; onDone: (p: Person) => void; onBack: () => void }) {
  const kt = useKT();
  const t = useT();
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const f = useFields(
    {
      fullName: { label: kt('fullName'), mode: 'text', vietnamese: true, wide: true, max: 100, allowed: /^[\p{L} '’-]$/u },
      idNumber: { label: kt('idNumber'), mode: 'numeric', vietnamese: false, max: 12, allowed: /^\d$/ },
      dob: { label: kt('dob'), mode: 'numeric', vietnamese: false, max: 8, allowed: /^\d$/, display: maskDateDigits },
      address: { label: kt('address'), mode: 'text', vietnamese: true, wide: true, max: 300 },
    },
    {
      fullName: from?.fullName ?? '',
      idNumber: from?.idNumber ?? '',
      dob: from ? formatDob(from.dateOfBirth).replace(/\//g, '') : '',
      address: from?.address ?? '',
    },
    from && !note ? 'fullName' : from ? 'idNumber' : 'fullName',
  );
  const next = () => {
    const v = f.values;
    const e: Record<string, string | null> = {};
    const name = v.fullName.trim().replace(/\s+/g, ' ');
    if (name === '') e.fullName = kt('errName');
    if (!/^\d{12}$/.test(v.idNumber)) e.idNumber = kt('errId');
    let dob = '';
    try {
      dob = dateFromDigits(v.dob, vnToday());
    } catch (err) {
      if (!(err instanceof DateEntryError)) throw err;
      e.dob = err.messageVi;
    }
    if (v.address.trim() === '') e.address = kt('errAddress');
    setErrors(e);
    const firstBad = (['fullName', 'idNumber', 'dob', 'address'] as const).find((k) => e[k]);
    if (firstBad) {
      f.setActive(firstBad);
      return;
    }
    onDone({ source: from?.source ?? 'keyboard', fullName: name, idNumber: v.idNumber, dateOfBirth: dob, address: v.address.trim().replace(/\s+/g, ' ') });
  };
  return (
    <div className="screen identity-type" data-testid="identity-form">
      <h1>{kt('idType')}</h1>
      {note && (
        <p className="note" role="note">
          {note}
        </p>
      )}
      <div className="field-grid">
        {f.field('fullName', 'field-name', errors.fullName)}
        {f.field('idNumber', 'field-id', errors.idNumber)}
        {f.field('dob', 'field-dob', errors.dob)}
        {f.field('address', 'field-address', errors.address)}
      </div>
      {f.keyboard}
      <StepNav onBack={onBack} onNext={next} nextTestId="identity-next" />
    </div>
  );
}
