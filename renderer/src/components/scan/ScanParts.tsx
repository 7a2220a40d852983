import type { ReactNode } from 'react';
import type { ScanField, ScanPage, ScanSessionView } from '../../../../main/contract/ops/scan.ts';
import { useST } from './strings.ts';

/** Page by page as they arrive: thumbnail, number, and whether it is still being read. */
export function PageStrip({ pages, queued, selected, onSelect }: { pages: ScanPage[]; queued: number; selected: string | null; onSelect: (id: string) => void }) {
  const st = useST();
  return (
    <ol className="scan-strip" data-testid="scan-pages">
      {pages.map((p) => (
        <li key={p.pageId}>
          <button
            type="button"
            className={`scan-thumb${selected === p.pageId ? ' scan-thumb-on' : ''}`}
            onClick={() => onSelect(p.pageId)}
            data-testid={`scan-page-${p.number}`}
            data-state={p.state}
          >
            <img src={p.thumbUrl} alt={`${st('page')} ${p.number}`} />
            <span>
              {st('page')} {p.number}
              {p.state === 'reading' && <em> · {st('pageReading')}</em>}
              {p.state === 'failed' && <em className="scan-bad"> · {st('pageFailed')}</em>}
            </span>
          </button>
        </li>
      ))}
      {Array.from({ length: queued }, (_, i) => (
        <li key={`q${i}`} className="scan-thumb scan-thumb-pending" aria-hidden="true">
          …
        </li>
      ))}
    </ol>
  );
}

export function Progress({ view }: { view: ScanSessionView }) {
  const st = useST();
  if (view.state === 'scanning') {
    if (!view.progress) return <p className="scan-progress" data-testid="scan-progress">{view.source === 'hotfolder' ? st('waitingPages') : `${st('scanning')} 1…`}</p>;
    return (
      <div className="scan-progress" data-testid="scan-progress">
        <span>
          {st('scanning')} {view.progress.page}… {Math.round(view.progress.percent)}%
        </span>
        <progress max={100} value={view.progress.percent} />
      </div>
    );
  }
  if (view.state === 'reading') return <p className="scan-progress" data-testid="scan-progress">{st('reading')}</p>;
  return null;
}

/** A ticked box also says so in words ("☒ Có"): the glyph alone is unclear to many and to a screen reader. */
function shown(f: ScanField, st: ReturnType<typeof useST>): ReactNode {
  if (typeof f.value === 'boolean') return <span className={f.value ? 'scan-box scan-box-on' : 'scan-box'}>{st(f.value ? 'yes' : 'no')}</span>;
  return f.value === '' ? st('empty') : f.value;
}

/** Names and capitals first, each with an explicit "Đúng"; then every field, the flagged ones highlighted. */
export function FieldList({
  fields,
  busy,
  onConfirm,
  onEdit,
  onUseSuggestion,
}: {
  fields: ScanField[];
  busy: boolean;
  onConfirm: (f: ScanField) => void;
  onEdit: (f: ScanField) => void;
  onUseSuggestion: (f: ScanField, value: string) => void;
}) {
  const st = useST();
  const names = fields.filter((f) => f.mustConfirm);
  const row = (f: ScanField, confirm: boolean) => (
    <li
      key={f.name}
      className={`scan-field${f.flagged ? ' scan-field-flagged' : ''}${confirm ? ' scan-field-name' : ''}`}
      data-testid={`${confirm ? 'scan-confirm' : 'scan-field'}-${f.name}`}
      data-flagged={f.flagged}
      data-value={String(f.value)}
    >
      <span className="scan-field-label">{f.label.replace(/:$/, '')}</span>
      <span className="scan-field-value" lang="vi">
        {shown(f, st)}
      </span>
      {f.flagged && f.reason && <span className="scan-field-reason">⚠ {f.reason}</span>}
      <span className="scan-field-actions">
        {f.suggestion && !f.corrected && (
          <button type="button" className="choice choice-suggestion" disabled={busy} onClick={() => onUseSuggestion(f, f.suggestion!)} data-testid={`scan-suggest-${f.name}`}>
            {st('useSuggestion')} “{f.suggestion}”
          </button>
        )}
        {confirm &&
          (f.corrected ? (
            <span className="scan-ok">✓ {st('confirmed')}</span>
          ) : (
            <button type="button" className="choice" disabled={busy} onClick={() => onConfirm(f)} data-testid={`scan-confirm-${f.name}-yes`}>
              {st('correct')}
            </button>
          ))}
        <button type="button" className="choice" disabled={busy} onClick={() => onEdit(f)} data-testid={`${confirm ? 'scan-confirm' : 'scan-field'}-${f.name}-edit`}>
          {st('edit')}
        </button>
      </span>
    </li>
  );
  return (
    <div className="scan-fields">
      {names.length > 0 && (
        <>
          <h3>{st('namesTitle')}</h3>
          <ul className="scan-field-list">{names.map((f) => row(f, true))}</ul>
        </>
      )}
      <h3>{st('fieldsTitle')}</h3>
      <p className="muted">{st('fieldsHelp')}</p>
      <ul className="scan-field-list">{fields.filter((f) => !f.mustConfirm).map((f) => row(f, false))}</ul>
    </div>
  );
}
