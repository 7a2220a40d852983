import { useContext, useEffect, useState } from 'react';
import { DossierCodeText, type DossierStatusView } from '../../../../main/contract/ops/intake.ts';
import { ApiCallError } from '../../api/client.ts';
import { useClient } from '../../api/context.ts';
import { LangContext, useT } from '../../i18n.ts';
import { dossierCodeIn } from '../../identity/scan-input.ts';
import { asOfText, vietnameseDate, vnClock, vnDate } from './format.ts';
import { useFields } from './fields.tsx';
import { useScanTarget } from './input.tsx';
import { useKT } from './strings.ts';

const PAYMENT: Record<string, 'unpaid' | 'paid' | 'noFee'> = { unpaid: 'unpaid', paid: 'paid', exempt: 'noFee', waived: 'noFee' };

/** "Tra cứu hồ sơ": the receipt's QR scanned, or the code typed → the dossier's status. */
export function StatusScreen({ initialCode, onHome }: { initialCode: string | null; onHome: () => void }) {
  const client = useClient();
  const kt = useKT();
  const t = useT();
  const { lang } = useContext(LangContext);
  const [view, setView] = useState<DossierStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFields({ code: { label: kt('code'), mode: 'text', vietnamese: false, max: 60, allowed: /^[A-Za-z0-9.-]$/ } }, { code: initialCode ?? '' }, 'code');

  /** Typed codes are upper-cased (unit ids are written in capitals; the keyboard types small letters). */
  const look = async (raw: string, typed = false) => {
    const found = dossierCodeIn(raw) ?? raw.trim();
    const code = typed ? found.toUpperCase() : found;
    if (!DossierCodeText.safeParse(code).success) {
      setView(null);
      setError(kt('badCode'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setView(await client.call('dossierStatus', { code }));
    } catch (err) {
      setView(null);
      setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.error.message) : t('error'));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (initialCode) void look(initialCode);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useScanTarget((scan) => {
    const code = scan.text ? dossierCodeIn(scan.text) : null;
    if (!code) {
      setView(null);
      setError(kt('notACode'));
      return;
    }
    f.set('code', code);
    void look(code);
  });

  const pay = view?.paymentState ? PAYMENT[view.paymentState] : undefined;
  return (
    <div className="screen" data-testid="status-screen">
      <h1>{kt('statusTitle')}</h1>
      <p className="lead">{kt('statusScan')}</p>
      <div className="choice-row">
        {f.field('code', 'field-code')}
        <button type="button" className="tile tile-primary" disabled={busy} onClick={() => look(f.values.code, true)} data-testid="status-search">
          {kt('search')}
        </button>
      </div>
      {error && (
        <p className="error-banner" role="alert" data-testid="status-error">
          {error}
        </p>
      )}
      {view && (
        <div className="status-result" data-testid="status-result" data-source={view.source}>
          <p className="dossier-code">{view.dossierCode}</p>
          {view.procedureName && <p className="muted">{view.procedureName}</p>}
          <dl className="facts big-facts">
            <dt>{kt('status')}</dt>
            <dd data-testid="status-text" data-status={view.status}>
              {lang === 'vi' ? view.statusVi : view.status}
            </dd>
            {view.appointmentAt && (
              <>
                <dt>{kt('appointment')}</dt>
                <dd data-testid="status-appointment">
                  {vietnameseDate(vnDate(view.appointmentAt), lang)} {kt('at')} {vnClock(view.appointmentAt)}
                </dd>
              </>
            )}
            {pay && (
              <>
                <dt>{kt('payment')}</dt>
                <dd data-testid="status-payment">{kt(pay)}</dd>
              </>
            )}
          </dl>
          {view.source === 'local' && (
            <p className="note" data-testid="status-offline">
              {asOfText(view.asOf, new Date(), lang)}, {kt('offline')}
            </p>
          )}
        </div>
      )}
      {!view && f.keyboard}
      <button type="button" className="back-button" onClick={onHome}>
        ← {t('home')}
      </button>
    </div>
  );
}
