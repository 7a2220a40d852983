import { useState } from 'react';

export type KeyboardMode = 'text' | 'numeric';

const ROWS = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '-'],
];
const PAD = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
];

export interface KeyboardProps {
  mode: KeyboardMode;
  /** Vietnamese Telex on; null hides the switch (fields where Telex makes no sense: e-mail, codes). */
  telex: boolean | null;
  onTelex?: (on: boolean) => void;
  /** A single character, 'Backspace' or 'Enter'. */
  onKey: (key: string) => void;
  /** Extra keys for the field (e.g. '@' for e-mail, '+' for a phone). */
  extraKeys?: string[];
  lang: 'vi' | 'en';
}

const label = {
  space: { vi: 'Dấu cách', en: 'Space' },
  backspace: { vi: '⌫ Xoá', en: '⌫ Delete' },
  shift: { vi: '⇧ Chữ hoa', en: '⇧ Shift' },
  telexOn: { vi: 'Tiếng Việt (Telex): BẬT', en: 'Vietnamese (Telex): ON' },
  telexOff: { vi: 'Tiếng Việt (Telex): TẮT', en: 'Vietnamese (Telex): OFF' },
  done: { vi: 'Xong ↵', en: 'Done ↵' },
};

/**
 * The kiosk's keyboard: big keys, QWERTY with Vietnamese Telex (on by default, switchable) or a numeric
 * keypad for phone, ID and date fields. Shift is one-shot, as on a phone.
 */
export function OnScreenKeyboard({ mode, telex, onTelex, onKey, extraKeys = [], lang }: KeyboardProps) {
  const [shift, setShift] = useState(false);
  const press = (k: string) => {
    if (/^[a-z]$/.test(k) && shift) {
      onKey(k.toUpperCase());
      setShift(false);
      return;
    }
    onKey(k);
  };
  const key = (k: string, cls = '') => (
    <button key={k} type="button" className={`key ${cls}`} onClick={() => press(k)} data-testid={`key-${k}`}>
      {/^[a-z]$/.test(k) && shift ? k.toUpperCase() : k}
    </button>
  );
  if (mode === 'numeric') {
    return (
      <div className="osk osk-numeric" data-testid="keyboard" data-mode="numeric">
        {PAD.map((row, i) => (
          <div className="osk-row" key={i}>
            {row.map((k) => key(k))}
          </div>
        ))}
        <div className="osk-row">
          {extraKeys.map((k) => key(k))}
          {key('0')}
          <button type="button" className="key key-wide" onClick={() => onKey('Backspace')} data-testid="key-backspace">
            {label.backspace[lang]}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="osk" data-testid="keyboard" data-mode="text">
      {ROWS.map((row, i) => (
        <div className="osk-row" key={i}>
          {i === 3 && (
            <button type="button" className={`key key-wide${shift ? ' key-on' : ''}`} onClick={() => setShift((s) => !s)} data-testid="key-shift" aria-pressed={shift}>
              {label.shift[lang]}
            </button>
          )}
          {row.map((k) => key(k))}
          {i === 0 && (
            <button type="button" className="key key-wide" onClick={() => onKey('Backspace')} data-testid="key-backspace">
              {label.backspace[lang]}
            </button>
          )}
        </div>
      ))}
      <div className="osk-row">
        {telex !== null && (
          <button type="button" className={`key key-wide${telex ? ' key-on' : ''}`} onClick={() => onTelex?.(!telex)} data-testid="key-telex" aria-pressed={telex}>
            {telex ? label.telexOn[lang] : label.telexOff[lang]}
          </button>
        )}
        {extraKeys.map((k) => key(k))}
        <button type="button" className="key key-space" onClick={() => onKey(' ')} data-testid="key-space">
          {label.space[lang]}
        </button>
      </div>
    </div>
  );
}
