import { useState } from 'react';
import type { ScanField } from '../../../../main/contract/ops/scan.ts';
import { CameraCapture } from '../../components/scan/CameraCapture.tsx';
import { FieldEditor } from '../../components/scan/FieldEditor.tsx';
import { FieldList, PageStrip, Progress } from '../../components/scan/ScanParts.tsx';
import { useST } from '../../components/scan/strings.ts';
import type { ScanSession } from '../../components/scan/useScanSession.ts';
import '../../components/scan/scan.css';

/**
 * "Quét giấy tờ" inside the documents step: place the papers, tap Quét, watch the pages arrive and be read,
 * check what was read from the form (names always, flagged fields highlighted), correct with the on-screen
 * keyboard, confirm. Problems keep the pages and offer a way on.
 */
export function ScanStep({ scan, onCounter }: { scan: ScanSession; onCounter: () => void }) {
  const st = useST();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<ScanField | null>(null);
  // "Tiếp tục, không quét": the problem is put aside; pages already scanned stay and can still be confirmed.
  const [goingOn, setGoingOn] = useState(false);
  // The document camera's preview (its stream lives while this is true and the step is on screen).
  const [cameraOpen, setCameraOpen] = useState(false);
  const view = scan.view;
  const hasCamera = scan.sources?.includes('camera') ?? false;
  const hasScanner = scan.sources?.some((x) => x !== 'camera') ?? false;
  const more = () => {
    setGoingOn(false);
    if (view?.source === 'camera') setCameraOpen(true);
    else void scan.more();
  };

  if (scan.sources === null) {
    return (
      <section className="scan-slot" data-testid="scan-slot" data-state="loading">
        <h2>{st('title')}</h2>
      </section>
    );
  }
  if (scan.sources.length === 0) {
    return (
      <section className="scan-slot" data-testid="scan-slot" data-state="none">
        <h2>{st('title')}</h2>
        <p>{st('noScanner')}</p>
      </section>
    );
  }

  const error = scan.error && (
    <div className="error-banner" role="alert" data-testid="scan-error">
      <span>{scan.error}</span>
      <button type="button" onClick={scan.clearError}>
        OK
      </button>
    </div>
  );

  if (cameraOpen) {
    return (
      <section className="scan-step" data-testid="scan-slot" data-state="camera">
        <h2>{st('title')}</h2>
        {error}
        <CameraCapture
          busy={scan.busy}
          onAccept={async (shot) => {
            const ok = await scan.addCameraPage(shot.image, shot.quad);
            if (ok) setCameraOpen(false);
            return ok;
          }}
          onClose={() => setCameraOpen(false)}
          onUseScanner={
            hasScanner
              ? () => {
                  setCameraOpen(false);
                  if (view && view.source !== 'camera') void scan.more();
                  else if (!view) void scan.start();
                }
              : null
          }
          onCounter={onCounter}
        />
      </section>
    );
  }

  const cameraButton = hasCamera && (
    <button type="button" className={`tile ${hasScanner ? 'scan-small-tile' : 'tile-primary scan-big'}`} disabled={scan.busy} onClick={() => setCameraOpen(true)} data-testid="camera-open">
      📷 {view ? st('cameraMore') : st('cameraOpen')}
    </button>
  );

  if (!view) {
    return (
      <section className="scan-step" data-testid="scan-slot" data-state="start">
        <h2>{st('title')}</h2>
        {error}
        <p className="lead">{hasScanner ? st('place') : st('placeCamera')}</p>
        {scan.templateTitle && (
          <p className="muted">
            {st('form')}: <strong>{scan.templateTitle}</strong>
          </p>
        )}
        {hasScanner && (
          <button type="button" className="tile tile-primary scan-big" disabled={scan.busy} onClick={() => void scan.start()} data-testid="scan-start">
            {st('scan')}
          </button>
        )}
        {cameraButton}
      </section>
    );
  }

  const page = view.pages.find((p) => p.pageId === selected) ?? view.pages[0] ?? null;
  const formPage = view.fields[0]?.pageId ?? null;
  const unconfirmed = view.fields.some((f) => f.mustConfirm && !f.corrected);
  const settled = view.state === 'ready' || view.state === 'finished' || view.state === 'problem';

  return (
    <section className="scan-step" data-testid="scan-slot" data-state={view.state}>
      <h2>
        {st('title')}
        {view.pages.length > 0 && (
          <span className="muted">
            {' '}
            · {view.pages.length} {st('pagesCount')}
          </span>
        )}
      </h2>
      {error}
      <Progress view={view} />
      {view.problem && goingOn && <p className="scan-hint" data-testid="scan-continued">{st('continued')}</p>}
      {view.problem && !goingOn && (
        <div className="scan-problem" role="alert" data-testid="scan-problem" data-problem={view.problem.problem}>
          <p className="scan-problem-text">{view.problem.message}</p>
          {view.pages.length > 0 && <p>{st('kept')}</p>}
          <div className="choice-row">
            {view.problem.wayOn.includes('retry') && (
              <button type="button" className="tile tile-primary scan-small-tile" disabled={scan.busy} onClick={more} data-testid="scan-retry">
                {st('retry')}
              </button>
            )}
            {view.problem.wayOn.includes('continue') && (
              <button type="button" className="tile scan-small-tile" onClick={() => setGoingOn(true)} data-testid="scan-continue">
                {st('continueWithout')}
              </button>
            )}
            {view.problem.wayOn.includes('counter') && (
              <button type="button" className="tile scan-small-tile" onClick={onCounter} data-testid="scan-counter">
                {st('counter')}
              </button>
            )}
          </div>
        </div>
      )}
      <PageStrip pages={view.pages} queued={view.queued} selected={page?.pageId ?? null} onSelect={setSelected} />
      {page && (
        <div className="scan-review">
          <figure className="scan-page">
            <img src={page.imageUrl} alt={`${st('page')} ${page.number}`} data-testid="scan-page-image" />
            <figcaption>
              {st('page')} {page.number}
              {settled && view.state !== 'finished' && (
                <button type="button" className="link-button" disabled={scan.busy} onClick={() => void scan.removePage(page.pageId)} data-testid="scan-remove-page">
                  {st('remove')}
                </button>
              )}
            </figcaption>
          </figure>
          <div className="scan-side">
            {editing ? (
              <FieldEditor
                field={editing}
                onCancel={() => setEditing(null)}
                onSave={(v) => {
                  setEditing(null);
                  void scan.correct(editing.name, v);
                }}
              />
            ) : page.pageId === formPage ? (
              <FieldList
                fields={view.fields}
                busy={scan.busy}
                onConfirm={(f) => void scan.correct(f.name, f.value)}
                onUseSuggestion={(f, v) => void scan.correct(f.name, v)}
                onEdit={setEditing}
              />
            ) : (
              <div className="scan-text">
                <h3>{st('textTitle')}</h3>
                {page.state === 'reading' ? (
                  <p className="muted">{st('pageReading')}</p>
                ) : (
                  <pre data-testid="scan-page-text" lang="vi">
                    {page.text || st('noText')}
                  </pre>
                )}
              </div>
            )}
          </div>
        </div>
      )}
      {view.state === 'finished' ? (
        <p className="scan-done" data-testid="scan-finished">
          ✓ {st('finished')}
        </p>
      ) : (
        view.pages.length > 0 &&
        settled &&
        !editing && (
          <>
            {unconfirmed && <p className="scan-hint">{st('mustConfirmFirst')}</p>}
            <div className="choice-row">
              <button type="button" className="tile tile-primary scan-small-tile" disabled={scan.busy || unconfirmed} onClick={() => void scan.finish()} data-testid="scan-finish">
                {st('finish')}
              </button>
              {(!view.problem || goingOn) && (
                <button type="button" className="tile scan-small-tile" disabled={scan.busy} onClick={more} data-testid="scan-more">
                  {view.source === 'camera' ? st('cameraMore') : st('more')}
                </button>
              )}
              {view.source !== 'camera' && cameraButton}
            </div>
          </>
        )
      )}
      {(view.state === 'finished' || view.pages.length === 0) && (settled || view.state === 'idle') && !view.problem && (
        <div className="choice-row">
          <button type="button" className="tile scan-small-tile" disabled={scan.busy} onClick={more} data-testid="scan-more">
            {view.source === 'camera' ? st('cameraMore') : st('more')}
          </button>
        </div>
      )}
      <button type="button" className="link-button" disabled={scan.busy} onClick={() => void scan.discard()} data-testid="scan-discard">
        {st('discard')}
      </button>
    </section>
  );
}
