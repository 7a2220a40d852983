import { useState } from 'react';
import { StepNav } from './StepNav.tsx';
import { useFields } from './fields.tsx';
import { useKT } from './strings.ts';

export interface Contact {
  phone: string;
  email: string;
  address: string;
}

const PHONE = /^(\+84|0)\d{9,10}$/;
// The same shape zod's z.email() accepts for ordinary addresses (the core checks again).
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** Phone (required, keypad), e-mail (optional), address (prefilled from the card, editable). */
export function ContactStep({ initial, onDone, onBack }: { initial: Contact; onDone: (c: Contact) => void; onBack: () => void }) {
  const kt = useKT();
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const f = useFields(
    {
      phone: { label: kt('phone'), mode: 'numeric', vietnamese: false, max: 12, allowed: /^[\d+]$/, extraKeys: ['+'] },
      email: { label: kt('email'), mode: 'text', vietnamese: false, max: 120, allowed: /^[A-Za-z0-9._%+@-]$/, extraKeys: ['@', '_'] },
      address: { label: kt('address'), mode: 'text', vietnamese: true, wide: true, max: 300 },
    },
    initial,
    'phone',
  );
  const next = () => {
    const v = f.values;
    const e: Record<string, string | null> = {};
    if (!PHONE.test(v.phone)) e.phone = kt('errPhone');
    if (v.email.trim() !== '' && !EMAIL.test(v.email.trim())) e.email = kt('errEmail');
    if (v.address.trim() === '') e.address = kt('errAddress');
    setErrors(e);
    const bad = (['phone', 'email', 'address'] as const).find((k) => e[k]);
    if (bad) return f.setActive(bad);
    onDone({ phone: v.phone, email: v.email.trim(), address: v.address.trim().replace(/\s+/g, ' ') });
  };
  return (
    <div className="screen" data-testid="contact-step">
      <h1>{kt('contactTitle')}</h1>
      <div className="field-grid">
        {f.field('phone', 'field-phone', errors.phone)}
        {f.field('email', 'field-email', errors.email)}
        {f.field('address', 'field-contact-address', errors.address)}
      </div>
      {f.keyboard}
      <StepNav onBack={onBack} onNext={next} nextTestId="contact-next" />
    </div>
  );
}
