import { useState } from 'react';
import { StepNav } from './StepNav.tsx';
import type { DossierReceipt } from '../../../../main/contract/ops/intake.ts';
import type { Procedure, Service, Ticket } from '../../../../main/contract/schemas.ts';
import { ApiCallError } from '../../api/client.ts';
import { useClient } from '../../api/context.ts';
import { useT } from '../../i18n.ts';
import { useST } from '../../components/scan/strings.ts';
import { useScanSession } from '../../components/scan/useScanSession.ts';
import { formatDob, type Person } from '../../identity/person.ts';
import { type Contact, ContactStep } from './ContactStep.tsx';
import { type Delivery, DeliveryStep } from './DeliveryStep.tsx';
import { type DocChoice, docsOf, DocumentsStep, MissingScreen } from './DocumentsStep.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { ReceiptScreen } from './ReceiptScreen.tsx';
import { useKT } from './strings.ts';

type Step = 'identity' | 'contact' | 'documents' | 'missing' | 'delivery' | 'review' | 'receipt';
const STEPS: Step[] = ['identity', 'contact', 'documents', 'delivery', 'review'];

/**
 * Submitting a dossier at the kiosk: identity → contact → documents → delivery → review → receipt.
 * Everything personal lives in this component's state: leaving the flow (or the inactivity wipe
 * unmounting it) forgets it.
 */
export function DossierFlow({ service, procedure, onHome, onTicket }: { service: Service; procedure: Procedure; onHome: () => void; onTicket: (t: Ticket) => void }) {
  const client = useClient();
  const kt = useKT();
  const t = useT();
  const st = useST();
  const [step, setStep] = useState<Step>('identity');
  const [person, setPerson] = useState<Person | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [docs, setDocs] = useState<DocChoice[]>(() => docsOf(procedure));
  const [delivery, setDelivery] = useState<Delivery>({ method: 'counter' });
  const [receipt, setReceipt] = useState<DossierReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept after submitting, for one ticket per person at the counter; the rest of the person is dropped then.
  const [holderId, setHolderId] = useState<string | null>(null);
  // Pages scanned at the kiosk: discarded at the core when this flow unmounts (leaving, inactivity wipe).
  const scan = useScanSession(procedure.id);

  const fail = (err: unknown) => setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.error.message) : t('error'));

  const takeNumber = async () => {
    setBusy(true);
    setError(null);
    try {
      const holder = person?.idNumber ?? holderId;
      onTicket(await client.call('issueTicket', { serviceId: service.id, ...(holder ? { holderId: holder } : {}) }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!person?.idNumber || !contact) return;
    setBusy(true);
    setError(null);
    try {
      const r = await client.call('submitDossier', {
        procedureId: procedure.id,
        applicant: {
          fullName: person.fullName,
          idNumber: person.idNumber,
          dateOfBirth: person.dateOfBirth,
          address: contact.address,
          phone: contact.phone,
          ...(contact.email ? { email: contact.email } : {}),
        },
        documents: docs.map((d) => ({ name: d.name, status: d.status ?? 'missing', quantity: 1 })),
        delivery,
        ...(scan.confirmedId ? { scanSessionId: scan.confirmedId } : {}),
      });
      scan.submitted();
      setReceipt(r);
      setHolderId(person.idNumber);
      setPerson(null);
      setContact(null);
      setStep('receipt');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const stepNo = STEPS.indexOf(step);
  const missing = docs.filter((d) => d.status === 'missing').map((d) => d.name);

  return (
    <div className="flow" data-testid="dossier-flow" data-step={step}>
      {stepNo >= 0 && (
        <p className="flow-steps">
          <strong>{procedure.name}</strong> · {kt('step')} {stepNo + 1}/{STEPS.length}
        </p>
      )}
      {error && (
        <div className="error-banner" role="alert" data-testid="flow-error">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)}>
            OK
          </button>
        </div>
      )}
      {step === 'identity' && (
        <IdentityStep
          requireIdNumber
          onBack={onHome}
          onConfirmed={(p) => {
            setPerson(p);
            setContact((c) => c ?? { phone: '', email: '', address: p.address });
            setStep('contact');
          }}
        />
      )}
      {step === 'contact' && contact && (
        <ContactStep
          initial={contact}
          onBack={() => setStep('identity')}
          onDone={(c) => {
            setContact(c);
            setStep(docs.length === 0 ? 'missing' : 'documents');
          }}
        />
      )}
      {step === 'documents' && (
        <DocumentsStep
          docs={docs}
          onChange={setDocs}
          onBack={() => setStep('contact')}
          onDone={() => setStep(docs.some((d) => d.status === 'missing') ? 'missing' : 'delivery')}
          scan={scan}
          onTakeNumber={takeNumber}
        />
      )}
      {step === 'missing' &&
        (docs.length === 0 ? (
          <div className="screen" data-testid="missing-step">
            <h1>{kt('noDocsTitle')}</h1>
            <p className="lead">{kt('noDocs')}</p>
            <button type="button" className="tile tile-primary" disabled={busy} onClick={takeNumber} data-testid="missing-take-number">
              {kt('takeNumberGuided')}
            </button>
          </div>
        ) : (
          <MissingScreen missing={missing} busy={busy} onTakeNumber={takeNumber} onBack={() => setStep('documents')} onHome={onHome} />
        ))}
      {step === 'delivery' && contact && (
        <DeliveryStep
          initial={delivery}
          address={contact.address}
          onBack={() => setStep('documents')}
          onDone={(d) => {
            setDelivery(d);
            setStep('review');
          }}
        />
      )}
      {step === 'review' && person && contact && (
        <div className="screen" data-testid="review-step">
          <h1>{kt('reviewTitle')}</h1>
          <dl className="facts">
            <dt>{kt('procedure')}</dt>
            <dd>{procedure.name}</dd>
            <dt>{kt('applicant')}</dt>
            <dd data-testid="review-applicant">
              {person.fullName} · {person.idNumber} · {formatDob(person.dateOfBirth)}
            </dd>
            <dt>{kt('phone')}</dt>
            <dd>
              {contact.phone}
              {contact.email && ` · ${contact.email}`}
            </dd>
            <dt>{kt('address')}</dt>
            <dd>{contact.address}</dd>
            <dt>{kt('documents')}</dt>
            <dd>
              <ul>
                {docs.map((d) => (
                  <li key={d.name}>
                    {d.name} — <em>{d.status === 'scanned' ? kt('docScanned') : kt('docOriginal')}</em>
                  </li>
                ))}
              </ul>
            </dd>
            {scan.confirmedId && scan.view && (
              <>
                <dt>{st('title')}</dt>
                <dd data-testid="review-scanned">
                  {scan.view.pages.length} {st('pagesCount')}
                  {scan.view.templateTitle && ` · ${scan.view.templateTitle}`}
                </dd>
              </>
            )}
            <dt>{kt('delivery')}</dt>
            <dd data-testid="review-delivery">{delivery.method === 'post' ? `${kt('byPost')}: ${delivery.address}` : kt('atCenter')}</dd>
          </dl>
          <StepNav onBack={() => setStep('delivery')} onNext={submit} disabled={busy} nextTestId="submit-dossier" label={busy ? kt('submitting') : kt('submit')} />
        </div>
      )}
      {step === 'receipt' && receipt && (
        <ReceiptScreen receipt={receipt} originals={docs.some((d) => d.status === 'original_at_counter')} busy={busy} onTakeNumber={takeNumber} onHome={onHome} />
      )}
    </div>
  );
}
