import type { ScanField } from '../../../../main/contract/ops/scan.ts';
import { type FieldSpec, useFields } from '../../pages/kiosk/fields.tsx';
import { useST } from './strings.ts';

function specFor(f: ScanField): FieldSpec {
  const label = f.label.replace(/:$/, '');
  switch (f.type) {
    case 'id12':
      return { label, mode: 'numeric', vietnamese: false, max: 12, allowed: /^\d$/ };
    case 'date':
      return { label, mode: 'numeric', vietnamese: false, max: 10, allowed: /^[\d/]$/, extraKeys: ['/'], hint: 'dd/mm/yyyy' };
    case 'phone':
      return { label, mode: 'numeric', vietnamese: false, max: 12, allowed: /^[\d+]$/, extraKeys: ['+'] };
    case 'amount':
      return { label, mode: 'numeric', vietnamese: false, max: 15, allowed: /^[\d.]$/, extraKeys: ['.'] };
    case 'email':
      return { label, mode: 'text', vietnamese: false, max: 100, extraKeys: ['@'], wide: true };
    default:
      return { label, mode: 'text', vietnamese: true, max: 200, wide: true };
  }
}

/**
 * Correcting one field with the kiosk's on-screen keyboard (Vietnamese Telex for text). Names are kept in
 * capitals, as the forms are written.
 */
export function FieldEditor({ field, onSave, onCancel }: { field: ScanField; onSave: (v: string | boolean) => void; onCancel: () => void }) {
  const st = useST();
  const { values, field: kfield, keyboard } = useFields({ value: specFor(field) }, { value: typeof field.value === 'string' ? field.value : '' }, 'value');
  if (field.type === 'checkbox') {
    return (
      <div className="scan-editor" data-testid="scan-editor">
        <p className="kfield-label">{field.label}</p>
        <div className="choice-row">
          <button type="button" className={`choice${field.value === true ? ' choice-on' : ''}`} onClick={() => onSave(true)} data-testid="scan-editor-yes">
            {st('yes')}
          </button>
          <button type="button" className={`choice${field.value === false ? ' choice-on' : ''}`} onClick={() => onSave(false)} data-testid="scan-editor-no">
            {st('no')}
          </button>
          <button type="button" className="back-button" onClick={onCancel}>
            {st('cancel')}
          </button>
        </div>
      </div>
    );
  }
  const save = () => {
    const v = values.value.normalize('NFC').trim();
    onSave(field.type === 'name' ? v.toLocaleUpperCase('vi') : v);
  };
  return (
    <div className="scan-editor" data-testid="scan-editor">
      {kfield('value', 'scan-editor-value', field.flagged && field.reason ? field.reason : null)}
      {keyboard}
      <div className="choice-row">
        <button type="button" className="tile tile-primary scan-small-tile" onClick={save} data-testid="scan-editor-save">
          {st('save')}
        </button>
        <button type="button" className="tile scan-small-tile" onClick={onCancel} data-testid="scan-editor-cancel">
          {st('cancel')}
        </button>
      </div>
    </div>
  );
}
