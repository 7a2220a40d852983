import { useEffect, useRef, useState } from 'react';
import { useKT } from './strings.ts';

/** Seconds the "still there?" question stays before the wipe: a third of the idle time, 5 to 30 s. */
export function warningSeconds(inactivitySeconds: number): number {
  return Math.min(30, Math.max(5, Math.round(inactivitySeconds / 3)));
}

/**
 * Watches for inactivity while `active`: after `inactivitySeconds - warning` without a touch or key it asks
 * "Quý vị vẫn đang sử dụng?" with a countdown; no answer → `onTimeout` (the page wipes and goes home).
 */
export function useInactivity(active: boolean, inactivitySeconds: number, onTimeout: () => void) {
  const warn = warningSeconds(inactivitySeconds);
  const last = useRef(Date.now());
  const [left, setLeft] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  useEffect(() => {
    last.current = Date.now();
    setLeft(null);
    if (!active) return;
    const touch = () => {
      last.current = Date.now();
      setLeft(null);
    };
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    const timer = setInterval(() => {
      const idle = (Date.now() - last.current) / 1000;
      const remaining = Math.ceil(inactivitySeconds - idle);
      if (remaining <= 0) {
        setLeft(null);
        timeout.current();
      } else if (remaining <= warn) setLeft(remaining);
    }, 250);
    return () => {
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
      clearInterval(timer);
    };
  }, [active, inactivitySeconds, warn]);

  return { left, stay: () => ((last.current = Date.now()), setLeft(null)) };
}

/**
 * The question as a modal alert dialog: a screen reader announces it (role, title, body) because focus moves
 * onto its one button; when it goes, focus returns where it was (the kiosk's key sink, see input.tsx).
 */
export function StillThere({ left, onStay }: { left: number; onStay: () => void }) {
  const kt = useKT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    button.current?.focus({ preventScroll: true });
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  return (
    <div className="modal-backdrop" role="alertdialog" aria-modal="true" aria-labelledby="still-there-title" aria-describedby="still-there-body" data-testid="still-there">
      <div className="modal">
        <h1 id="still-there-title">{kt('stillThere')}</h1>
        <p id="still-there-body">
          {kt('stillThereBody')} <strong data-testid="still-there-left">{left}</strong> {kt('seconds')}.
        </p>
        <button ref={button} type="button" className="tile tile-primary" onClick={onStay} data-testid="still-there-yes">
          {kt('continue')}
        </button>
      </div>
    </div>
  );
}
