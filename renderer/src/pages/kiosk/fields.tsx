import { useContext, useRef, useState } from 'react';
import { KioskField } from '../../components/keyboard/KioskField.tsx';
import { type KeyboardMode, OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard.tsx';
import { LangContext } from '../../i18n.ts';
import { telexEdit, type TelexField } from '../../telex/telex.ts';
import { useKeyTarget } from './input.tsx';

export interface FieldSpec {
  label: string;
  mode: KeyboardMode;
  /** Vietnamese text: Telex applies (when switched on). */
  vietnamese: boolean;
  max: number;
  /** Characters the field takes (others are ignored). */
  allowed?: RegExp;
  extraKeys?: string[];
  display?: (v: string) => string;
  hint?: string;
  wide?: boolean;
}

/**
 * A set of kiosk fields sharing one on-screen keyboard; keys from the page's key stream go to the active
 * field too. The values live in this state only: unmounting the screen forgets them.
 */
export function useFields<K extends string>(specs: Record<K, FieldSpec>, initial: Record<NoInfer<K>, string>, first: NoInfer<K> | null) {
  const { lang } = useContext(LangContext);
  const [values, setValues] = useState<Record<K, string>>(initial);
  const [active, setActive] = useState<K | null>(first);
  const [telex, setTelex] = useState(true);
  const keys = useRef<Partial<Record<K, string | null>>>({});

  const type = (key: string) => {
    if (active === null || key === 'Enter') return;
    const spec = specs[active];
    if (key !== 'Backspace' && spec.allowed && !spec.allowed.test(key)) return;
    setValues((v) => {
      const cur = v[active];
      if (key !== 'Backspace' && Array.from(cur).length >= spec.max) return v;
      const f: TelexField = telexEdit({ text: cur, keys: keys.current[active] ?? null }, key, spec.vietnamese && telex);
      keys.current[active] = f.keys;
      return { ...v, [active]: f.text };
    });
  };
  useKeyTarget(type);

  const set = (k: K, value: string) => {
    keys.current[k] = null;
    setValues((v) => ({ ...v, [k]: value }));
  };

  const field = (k: K, testId: string, invalid?: string | null) => (
    <KioskField
      key={k}
      label={specs[k].label}
      value={values[k]}
      active={active === k}
      onFocus={() => setActive(k)}
      testId={testId}
      invalid={invalid ?? null}
      wide={specs[k].wide ?? false}
      {...(specs[k].display ? { display: specs[k].display } : {})}
      {...(specs[k].hint ? { hint: specs[k].hint } : {})}
    />
  );

  const keyboard =
    active === null ? null : (
      <OnScreenKeyboard
        mode={specs[active].mode}
        telex={specs[active].vietnamese ? telex : null}
        onTelex={setTelex}
        onKey={type}
        lang={lang}
        {...(specs[active].extraKeys ? { extraKeys: specs[active].extraKeys } : {})}
      />
    );

  return { values, set, active, setActive, field, keyboard };
}
