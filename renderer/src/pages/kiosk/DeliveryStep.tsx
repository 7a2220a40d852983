import { useState } from 'react';
import { StepNav } from './StepNav.tsx';
import { useFields } from './fields.tsx';
import { useKT } from './strings.ts';

export type Delivery = { method: 'counter' } | { method: 'post'; address: string };

/** At the center, or by public postal service (BCCI) to an address prefilled from the card. */
export function DeliveryStep({ initial, address, onDone, onBack }: { initial: Delivery; address: string; onDone: (d: Delivery) => void; onBack: () => void }) {
  const kt = useKT();
  const [method, setMethod] = useState<Delivery['method']>(initial.method);
  const [error, setError] = useState<string | null>(null);
  const f = useFields(
    { postAddress: { label: kt('postAddress'), mode: 'text', vietnamese: true, max: 300 } },
    { postAddress: initial.method === 'post' ? initial.address : address },
    null,
  );
  const next = () => {
    if (method === 'counter') return onDone({ method: 'counter' });
    const a = f.values.postAddress.trim().replace(/\s+/g, ' ');
    if (a === '') {
      setError(kt('errAddress'));
      return f.setActive('postAddress');
    }
    onDone({ method: 'post', address: a });
  };
  return (
    <div className="screen" data-testid="delivery-step">
      <h1>{kt('deliveryTitle')}</h1>
      <div className="choice-row" role="radiogroup">
        <button type="button" role="radio" aria-checked={method === 'counter'} className={`tile${method === 'counter' ? ' tile-primary' : ''}`} onClick={() => setMethod('counter')} data-testid="delivery-counter">
          {kt('atCenter')}
        </button>
        <button type="button" role="radio" aria-checked={method === 'post'} className={`tile${method === 'post' ? ' tile-primary' : ''}`} onClick={() => setMethod('post')} data-testid="delivery-post">
          {kt('byPost')}
        </button>
      </div>
      {method === 'post' && (
        <>
          {f.field('postAddress', 'field-post-address', error)}
          {f.keyboard}
        </>
      )}
      <StepNav onBack={onBack} onNext={next} nextTestId="delivery-next" />
    </div>
  );
}
