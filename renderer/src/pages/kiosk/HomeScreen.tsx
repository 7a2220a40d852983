import { useContext, useMemo } from 'react';
import type { Catalog, Procedure, Service } from '../../../../main/contract/schemas.ts';
import { LangContext, useT } from '../../i18n.ts';
import { foldVietnamese } from '../../text.ts';
import { useFields } from './fields.tsx';
import { useKT } from './strings.ts';

export function HomeScreen({ catalog, onService, onProcedure, onStatus }: { catalog: Catalog; onService: (s: Service) => void; onProcedure: (s: Service, p: Procedure) => void; onStatus: () => void }) {
  const t = useT();
  const kt = useKT();
  const { lang } = useContext(LangContext);
  const f = useFields({ query: { label: t('search'), mode: 'text', vietnamese: true, max: 60 } }, { query: '' }, null);
  const query = f.values.query;
  const matches = useMemo(() => {
    const q = foldVietnamese(query.trim());
    if (q.length < 2) return [];
    return catalog.procedures.filter((p) => foldVietnamese(p.name).includes(q) || (p.code ?? '').includes(q)).slice(0, 8);
  }, [query, catalog]);
  return (
    <div className="screen">
      <h1>{t('chooseService')}</h1>
      <div className="home-actions">
        <div className="search-row">{f.field('query', 'search')}</div>
        <button type="button" className="tile status-tile" onClick={onStatus} data-testid="home-status">
          <span className="tile-name">{kt('lookUp')}</span>
          <span className="tile-meta">{kt('lookUpSub')}</span>
        </button>
      </div>
      {f.active && (
        <>
          {f.keyboard}
          <button type="button" className="back-button" onClick={() => f.setActive(null)}>
            {kt('hideKeyboard')}
          </button>
        </>
      )}
      {matches.length > 0 && (
        <ul className="procedure-list">
          {matches.map((p) => {
            const s = catalog.services.find((x) => x.id === p.serviceId)!;
            return (
              <li key={p.id}>
                <button onClick={() => onProcedure(s, p)} data-testid={`match-${p.id}`}>
                  {p.name}
                </button>
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

export function ServiceScreen(props: { service: Service; procedures: Procedure[]; onBack: () => void; onProcedure: (p: Procedure) => void; onTake: () => void }) {
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
            <button onClick={() => props.onProcedure(p)} data-testid={`procedure-${p.id}`}>
              {p.name}
            </button>
          </li>
        ))}
      </ul>
      <button className="back-button" onClick={props.onBack}>
        ← {t('back')}
      </button>
    </div>
  );
}

/** A procedure's facts, and the two ways on: a queue number, or the dossier submitted here. */
export function ProcedureScreen({ procedure: p, onBack, onTake, onSubmit }: { procedure: Procedure; onBack: () => void; onTake: () => void; onSubmit: () => void }) {
  const t = useT();
  const kt = useKT();
  return (
    <div className="screen procedure">
      <h1>{p.name}</h1>
      <div className="choice-row two-ways">
        <button className="tile tile-primary" onClick={onTake} data-testid="procedure-take-number">
          <span className="tile-name">{kt('takeNumberLong')}</span>
          <span className="tile-sub">{kt('takeNumberSub')}</span>
        </button>
        <button className="tile tile-primary" onClick={onSubmit} data-testid="procedure-submit">
          <span className="tile-name">{kt('submitHere')}</span>
          <span className="tile-sub">{kt('submitHereSub')}</span>
        </button>
      </div>
      {p.code && <p className="muted">Mã thủ tục: {p.code}</p>}
      <h2>{t('processing')}</h2>
      <p>{p.processingDays === 0 ? t('sameDay') : p.processingDays !== null ? `${p.processingDays} ${t('workingDays')}` : '—'}</p>
      {p.processingText && <p className="muted">{p.processingText}</p>}
      <h2>{t('fee')}</h2>
      <p>{p.feeText || '—'}</p>
      <h2>{t('documents')}</h2>
      {p.documents.length === 0 ? (
        <p data-testid="documents-unlisted">{t('documentsUnlisted')}</p>
      ) : (
        <ol>
          {p.documents.map((d) => (
            <li key={d.name}>
              {d.name}
              {d.copies && <span className="muted"> ({d.copies})</span>}
            </li>
          ))}
        </ol>
      )}
      {p.source && (
        <p className="muted small">
          {t('source')}: {p.source}
        </p>
      )}
      <button className="back-button" onClick={onBack}>
        ← {t('back')}
      </button>
    </div>
  );
}
