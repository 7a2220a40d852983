import type { ReactNode } from 'react';
import { useT } from '../../i18n.ts';
import { useKT } from './strings.ts';

/** The row under every step of a flow: back on the left, the one way forward on the right. */
export function StepNav({ onBack, onNext, nextTestId, disabled, label }: { onBack: () => void; onNext: () => void; nextTestId: string; disabled?: boolean; label?: ReactNode }) {
  const t = useT();
  const kt = useKT();
  return (
    <div className="choice-row">
      <button type="button" className="back-button" onClick={onBack}>
        ← {t('back')}
      </button>
      <button type="button" className="tile tile-primary" disabled={disabled} onClick={onNext} data-testid={nextTestId}>
        {label ?? kt('next')}
      </button>
    </div>
  );
}
