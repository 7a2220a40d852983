/**
 * A text field of the kiosk: shown large, typed only through the on-screen keyboard or the page's key
 * stream (never a native <input>, so a keyboard-wedge scan cannot land in it).
 */
export function KioskField(props: {
  label: string;
  value: string;
  active: boolean;
  onFocus: () => void;
  testId: string;
  hint?: string;
  invalid?: string | null;
  display?: (v: string) => string;
  /** Takes a whole row (names, addresses). */
  wide?: boolean;
}) {
  const shown = props.display ? props.display(props.value) : props.value;
  return (
    <div className={`kfield${props.wide ? ' kfield-wide' : ''}${props.active ? ' kfield-active' : ''}${props.invalid ? ' kfield-invalid' : ''}`}>
      <span className="kfield-label">{props.label}</span>
      <button type="button" role="textbox" aria-label={props.label} className="kfield-box" onClick={props.onFocus} data-testid={props.testId} data-value={props.value}>
        <span className="kfield-text">{shown}</span>
        {props.active && <span className="kfield-caret" aria-hidden="true" />}
      </button>
      {props.hint && <span className="kfield-hint">{props.hint}</span>}
      {props.invalid && (
        <span className="kfield-error" role="alert">
          {props.invalid}
        </span>
      )}
    </div>
  );
}
