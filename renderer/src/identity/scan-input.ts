import { IdentityParseError } from '../../../drivers/identity/errors.ts';
import { parseIdentity } from '../../../drivers/identity/parse.ts';
import type { CoreEvent } from '../../../main/contract/events.ts';
import type { Identity } from '../../../main/contract/schemas.ts';

/** What a scan gave the kiosk, whether it came from the core's readers or from a keyboard-wedge burst. */
export interface ScanInput {
  identity: Identity | null;
  /** The text when it is not an identity (a dossier receipt's QR…); never logged. */
  text: string | null;
  /** Why it is not an identity, in Vietnamese for the citizen. */
  errorVi: string | null;
}

export function scanFromEvent(e: Extract<CoreEvent, { type: 'scan' }>): ScanInput {
  return { identity: e.identity, text: e.text, errorVi: e.error ? e.error.messageVi : null };
}

/** A wedge burst is parsed here, in the page, exactly as the core parses its scanners' payloads. */
export function scanFromWedge(payload: string, today: string): ScanInput {
  try {
    return { identity: parseIdentity(payload, { today }), text: null, errorVi: null };
  } catch (err) {
    if (err instanceof IdentityParseError) return { identity: null, text: payload, errorVi: err.messageVi };
    throw err;
  }
}

const CODE = /[A-Za-z0-9.]{3,40}-\d{6}-\d{4,7}/;

/**
 * A dossier code inside what was scanned or typed: the code itself (the receipt's QR holds it) or a link
 * that carries it in its path or query. null when there is none.
 */
export function dossierCodeIn(text: string): string | null {
  let t = text.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not URI-encoded text (a stray %): read it as it is.
  }
  const m = CODE.exec(t);
  return m ? m[0] : null;
}

/**
 * A wedge MRZ reader types each line and Enter, so one card arrives as 2 (passport, 44 chars) or 3 (ID
 * card, 30 chars) bursts. Collects them: returns the whole MRZ when complete, 'more' while lines are
 * missing, null when the text is not an MRZ line (then `lines` is left as it was).
 */
export function collectMrzLine(lines: string[], text: string): { lines: string[]; complete: string | null } | null {
  const t = text.trim();
  if (!/^[A-Z0-9<]{30}$/.test(t) && !/^[A-Z0-9<]{44}$/.test(t)) return null;
  const same = lines.length > 0 && lines[0]!.length !== t.length ? [] : lines;
  const next = [...same, t];
  const need = t.length === 30 ? 3 : 2;
  return next.length >= need ? { lines: [], complete: next.join('\n') } : { lines: next, complete: null };
}
