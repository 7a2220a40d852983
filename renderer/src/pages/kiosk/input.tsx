import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import { createWedgeDetector } from '../../../../drivers/scanner/wedge.ts';
import { useClient } from '../../api/context.ts';
import { vnToday } from '../../identity/person.ts';
import { collectMrzLine, type ScanInput, scanFromEvent, scanFromWedge } from '../../identity/scan-input.ts';

export const WEDGE_GAP_MS = 100;

type KeyHandler = (key: string) => void;
type ScanHandler = (scan: ScanInput) => void;

interface Targets {
  key: { current: KeyHandler | null };
  scan: { current: ScanHandler | null };
}

const InputContext = createContext<Targets | null>(null);

/** The screen on top takes the keys (physical keyboard, after the wedge check) while it is mounted. */
export function useKeyTarget(handler: KeyHandler | null): void {
  const t = useContext(InputContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!t) return;
    const h: KeyHandler = (k) => ref.current?.(k);
    t.key.current = h;
    return () => {
      if (t.key.current === h) t.key.current = null;
    };
  }, [t]);
}

/** The screen on top takes card and code scans while it is mounted. */
export function useScanTarget(handler: ScanHandler | null): void {
  const t = useContext(InputContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!t) return;
    const h: ScanHandler = (s) => ref.current?.(s);
    t.scan.current = h;
    return () => {
      if (t.scan.current === h) t.scan.current = null;
    };
  }, [t]);
}

/**
 * Every key and scan the kiosk gets goes through here:
 * - `scan` events from the core's readers (QR scanners, MRZ readers);
 * - the page's keyboard stream, through the keyboard-wedge detector: a burst is a scan and never reaches
 *   a field; a person's keys are handed to the screen's fields after the detector lets them go.
 * Visible fields are not <input>s: the only text control is an invisible sink that keeps the focus so
 * that characters a wedge sends without a keydown (non-ASCII) also pass the detector, and stays empty.
 */
export function KioskInput({ children, onScanUnhandled }: { children: ReactNode; onScanUnhandled?: ScanHandler }) {
  const client = useClient();
  const targets = useRef<Targets>({ key: { current: null }, scan: { current: null } }).current;
  const sink = useRef<HTMLTextAreaElement>(null);
  const unhandled = useRef(onScanUnhandled);
  unhandled.current = onScanUnhandled;

  useEffect(() => {
    const deliver = (s: ScanInput) => (targets.scan.current ?? unhandled.current)?.(s);
    const offEvents = client.onEvent((e) => {
      if (e.type === 'scan') deliver(scanFromEvent(e));
    });
    // 100 ms rather than the detector's 30 ms default: scanners on a busy kiosk PC (and scripted input in
    // tests) show gaps of 30–60 ms between characters, while a citizen's own keys are 150 ms+ apart and
    // a burst also needs ≥ 8 characters and Enter. The cost is ≤ 100 ms before a typed key shows.
    const wedge = createWedgeDetector({ maxGapMs: WEDGE_GAP_MS });
    const release = (keys: string[]) => {
      for (const k of keys) targets.key.current?.(k);
    };
    let mrz: string[] = [];
    let mrzTimer: ReturnType<typeof setTimeout> | undefined;
    const wedgeScan = (text: string) => {
      const m = collectMrzLine(mrz, text);
      clearTimeout(mrzTimer);
      if (m === null) return deliver(scanFromWedge(text, vnToday()));
      mrz = m.lines;
      if (m.complete !== null) return deliver(scanFromWedge(m.complete, vnToday()));
      // A reader that stopped after a line: what came is parsed, and says what is wrong.
      mrzTimer = setTimeout(() => {
        const partial = mrz.join('\n');
        mrz = [];
        deliver(scanFromWedge(partial, vnToday()));
      }, 1000);
    };
    const feed = (key: string, at: number): boolean => {
      const out = wedge.key({ key, at });
      release(out.release);
      if (out.scan !== null) wedgeScan(out.scan);
      return out.consume;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (feed(e.key, e.timeStamp)) {
        e.preventDefault();
        return;
      }
      // Not held by the detector: a person's Backspace or Enter, or a modifier.
      if (e.key === 'Backspace' || e.key === 'Enter') {
        e.preventDefault();
        targets.key.current?.(e.key);
      }
    };
    // Characters with no key on the layout arrive as text input without a keydown.
    const onBeforeInput = (e: InputEvent) => {
      e.preventDefault();
      if (e.inputType === 'insertText' && e.data) for (const ch of e.data) feed(ch, e.timeStamp);
    };
    const timer = setInterval(() => release(wedge.tick(performance.now()).release), 25);
    const el = sink.current;
    // A modal dialog (the "still there?" question) holds focus while it is open, so that assistive technology
    // announces it; it hands focus back to the sink when it closes. Keys still reach the window's listener.
    const keepFocus = () =>
      setTimeout(() => el && document.activeElement !== el && !document.activeElement?.closest('[aria-modal="true"]') && el.focus({ preventScroll: true }), 0);
    window.addEventListener('keydown', onKeyDown, true);
    el?.addEventListener('beforeinput', onBeforeInput);
    el?.addEventListener('blur', keepFocus);
    el?.focus({ preventScroll: true });
    return () => {
      offEvents();
      clearInterval(timer);
      clearTimeout(mrzTimer);
      window.removeEventListener('keydown', onKeyDown, true);
      el?.removeEventListener('beforeinput', onBeforeInput);
      el?.removeEventListener('blur', keepFocus);
    };
  }, [client, targets]);

  return (
    <InputContext.Provider value={targets}>
      {/* Keeps focus so buttons never take it: a click must not move the keyboard stream away from the sink. */}
      <div onMouseDown={(e) => (e.target as HTMLElement).closest('button') && e.preventDefault()}>{children}</div>
      <textarea ref={sink} className="key-sink" aria-hidden="true" tabIndex={-1} inputMode="none" value="" onChange={() => undefined} data-testid="key-sink" />
    </InputContext.Provider>
  );
}
