import { useCallback, useEffect, useRef, useState } from 'react';
import type { Quad } from '../../../../drivers/camera/page-quad.ts';
import type { ScanSessionView, ScanSource } from '../../../../main/contract/ops/scan.ts';
import { ApiCallError } from '../../api/client.ts';
import { useClient } from '../../api/context.ts';

export interface ScanSession {
  /** Sources the kiosk has (null while asking). */
  sources: ScanSource[] | null;
  templateTitle: string | null;
  view: ScanSessionView | null;
  error: string | null;
  busy: boolean;
  /** Starts a scanner session (the first scanner source unless one is named). */
  start(source?: ScanSource): Promise<void>;
  /** A document-camera photo into the session (started as a camera session if there is none yet); true once taken. */
  addCameraPage(image: string, quad: Quad | null): Promise<boolean>;
  more(): Promise<void>;
  correct(field: string, value: string | boolean): Promise<void>;
  removePage(pageId: string): Promise<void>;
  finish(): Promise<void>;
  /** Forgets the session at the core (its pages are deleted) and here. */
  discard(): Promise<void>;
  clearError(): void;
  /** The id to hand to submitDossier: only a confirmed session. */
  confirmedId: string | null;
  /** After the dossier took the session: nothing to discard any more. */
  submitted(): void;
}

/**
 * One scan session for the dossier flow that owns it. The session's pages are personal data: leaving the
 * flow (or the inactivity wipe unmounting it) discards the session at the core.
 */
export function useScanSession(procedureId: string): ScanSession {
  const client = useClient();
  const [sources, setSources] = useState<ScanSource[] | null>(null);
  const [templateTitle, setTemplateTitle] = useState<string | null>(null);
  const [view, setView] = useState<ScanSessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef<string | null>(null);

  useEffect(() => {
    let alive = true;
    client.call('scanSources', { procedureId }).then(
      async (r) => {
        // The core cannot see the kiosk's camera: offered only when this machine has a video input.
        const camera = r.sources.includes('camera') && (await hasVideoInput());
        if (!alive) return;
        setSources(r.sources.filter((x) => x !== 'camera' || camera));
        setTemplateTitle(r.templateTitle);
      },
      () => alive && setSources([]),
    );
    const off = client.onEvent((e) => {
      if (e.type === 'scanSession' && e.session.sessionId === idRef.current) setView(e.session);
    });
    return () => {
      alive = false;
      off();
      const id = idRef.current;
      idRef.current = null;
      if (id) client.call('discardScan', { sessionId: id }).catch((err: unknown) => console.warn('scan session discard failed', err));
    };
  }, [client, procedureId]);

  const run = useCallback(async (f: () => Promise<ScanSessionView | null>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const v = await f();
      if (v) {
        idRef.current = v.sessionId;
        setView(v);
      }
      return true;
    } catch (err) {
      if (err instanceof ApiCallError && err.error.code === 'not_found' && idRef.current) {
        // Expired at the core: start afresh.
        idRef.current = null;
        setView(null);
      }
      setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.error.message) : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const id = () => idRef.current ?? '';
  return {
    sources,
    templateTitle,
    view,
    error,
    busy,
    start: async (source) => {
      const chosen = source ?? sources?.find((x) => x !== 'camera');
      await run(() => (chosen ? client.call('startScan', { procedureId, source: chosen }) : Promise.resolve(null)));
    },
    addCameraPage: (image, quad) =>
      run(async () => {
        if (!idRef.current) {
          const v = await client.call('startScan', { procedureId, source: 'camera' });
          idRef.current = v.sessionId;
          setView(v);
        }
        return client.call('addCameraPage', { sessionId: id(), image, ...(quad ? { quad } : {}) });
      }),
    more: async () => {
      await run(() => client.call('scanMore', { sessionId: id() }));
    },
    correct: async (field, value) => {
      await run(() => client.call('correctField', { sessionId: id(), field, value }));
    },
    removePage: async (pageId) => {
      await run(() => client.call('removePage', { sessionId: id(), pageId }));
    },
    finish: async () => {
      await run(() => client.call('finishScan', { sessionId: id() }));
    },
    discard: async () => {
      await run(async () => {
        const sessionId = idRef.current;
        idRef.current = null;
        setView(null);
        if (sessionId) await client.call('discardScan', { sessionId });
        return null;
      });
    },
    clearError: () => setError(null),
    confirmedId: view?.state === 'finished' ? view.sessionId : null,
    submitted: () => {
      idRef.current = null;
    },
  };
}

async function hasVideoInput(): Promise<boolean> {
  try {
    const devices = (await navigator.mediaDevices?.enumerateDevices()) ?? [];
    return devices.some((d) => d.kind === 'videoinput');
  } catch (err) {
    console.warn('the kiosk could not list its cameras', err);
    return false;
  }
}
