import { useState } from 'react';
import { StepNav } from './StepNav.tsx';
import type { Procedure } from '../../../../main/contract/schemas.ts';
import { useST } from '../../components/scan/strings.ts';
import type { ScanSession } from '../../components/scan/useScanSession.ts';
import { useT } from '../../i18n.ts';
import { ScanStep } from './ScanStep.tsx';
import { useKT } from './strings.ts';

export type DocStatus = 'scanned' | 'original_at_counter' | 'missing';
export interface DocChoice {
  name: string;
  copies: string | null;
  status: DocStatus | null;
}

export function docsOf(p: Procedure): DocChoice[] {
  return p.documents.map((d) => ({ name: d.name, copies: d.copies, status: null }));
}

/**
 * The procedure's documents, one choice each, and the "Quét giấy tờ" slot: scanning with OCR (ScanStep) when
 * the flow brings a scan session, else the slot's note.
 */
export function DocumentsStep({
  docs,
  onChange,
  onDone,
  onBack,
  scan,
  onTakeNumber,
}: {
  docs: DocChoice[];
  onChange: (d: DocChoice[]) => void;
  onDone: () => void;
  onBack: () => void;
  scan?: ScanSession;
  onTakeNumber?: () => void;
}) {
  const kt = useKT();
  const t = useT();
  const st = useST();
  const [incomplete, setIncomplete] = useState(false);
  const [scanUnconfirmed, setScanUnconfirmed] = useState(false);
  const set = (i: number, status: DocStatus) => onChange(docs.map((d, k) => (k === i ? { ...d, status } : d)));
  const choices: [DocStatus, Parameters<typeof kt>[0]][] = [
    ['scanned', 'docScanned'],
    ['original_at_counter', 'docOriginal'],
    ['missing', 'docMissing'],
  ];
  return (
    <div className="screen" data-testid="documents-step">
      <h1>{kt('docsTitle')}</h1>
      <p className="lead">{kt('docsHelp')}</p>
      <ol className="doc-list">
        {docs.map((d, i) => (
          <li key={i} className="doc-item" data-testid={`doc-${i}`} data-status={d.status ?? ''}>
            <p className="doc-name">
              {d.name}
              {d.copies && <span className="muted"> ({d.copies})</span>}
            </p>
            <div className="doc-choices" role="radiogroup" aria-label={d.name}>
              {choices.map(([status, label]) => (
                <button
                  key={status}
                  type="button"
                  role="radio"
                  aria-checked={d.status === status}
                  className={`choice${d.status === status ? ' choice-on' : ''}${status === 'missing' ? ' choice-missing' : ''}`}
                  onClick={() => set(i, status)}
                  data-testid={`doc-${i}-${status}`}
                >
                  {label && kt(label)}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {/* ── SLOT "Quét giấy tờ": document scanning + OCR (ScanStep). ── */}
      {scan && onTakeNumber ? (
        <ScanStep scan={scan} onCounter={onTakeNumber} />
      ) : (
        <section className="scan-slot" data-testid="scan-slot" aria-disabled="true">
          <h2>{kt('scanSlotTitle')}</h2>
          <p>{kt('scanSlotBody')}</p>
        </section>
      )}
      {scanUnconfirmed && (
        <p className="error-banner" role="alert" data-testid="scan-unconfirmed">
          {st('unconfirmed')}
        </p>
      )}
      {incomplete && (
        <p className="error-banner" role="alert">
          {kt('chooseAll')}
        </p>
      )}
      <StepNav
        onBack={onBack}
        onNext={() => {
          if (docs.some((d) => d.status === null)) return setIncomplete(true);
          // Scanned pages not yet confirmed would silently stay behind.
          if (scan?.view && scan.view.pages.length > 0 && scan.view.state !== 'finished') return setScanUnconfirmed(true);
          onDone();
        }}
        nextTestId="documents-next"
      />
    </div>
  );
}

/** Told before queueing: what is missing, and the way on (a number for the counter, or back). */
export function MissingScreen({ missing, busy, onTakeNumber, onBack, onHome }: { missing: string[]; busy: boolean; onTakeNumber: () => void; onBack: () => void; onHome: () => void }) {
  const kt = useKT();
  const t = useT();
  return (
    <div className="screen" data-testid="missing-step">
      <h1>{kt('missingTitle')}</h1>
      <p className="lead">{kt('missingBody')}</p>
      <ul className="missing-list" data-testid="missing-list">
        {missing.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <p>{kt('missingWayOn')}</p>
      <div className="choice-row">
        <button type="button" className="tile tile-primary" disabled={busy} onClick={onTakeNumber} data-testid="missing-take-number">
          {kt('takeNumberGuided')}
        </button>
        <button type="button" className="tile" onClick={onBack} data-testid="missing-back">
          {kt('backToDocs')}
        </button>
      </div>
      <button type="button" className="back-button" onClick={onHome}>
        {t('home')}
      </button>
    </div>
  );
}
