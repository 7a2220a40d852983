// What the technician's live monitor shows of a scanner's frame. A scanned CCCD carries a citizen's ID number,
// name, date of birth and address, and the monitor page is reachable from the LAN: by default it shows the
// frame's *shape* only — enough to see framing, separators, suffixes and whether Vietnamese letters arrived
// intact — and the content only while a technician has explicitly turned raw view on.

export interface MonitorView {
  /** The text with control characters escaped (\r, \n, \t, \xNN). */
  text: string;
  /** UTF-8 bytes in hex, space-separated; masked characters' bytes read "••". */
  hex: string;
  bytes: number;
}

const ASCII_LETTER = /[A-Za-z]/;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
// CCCD QR fields are separated by "|"; MRZ lines are upper-case letters, digits and "<" fillers.
const MRZ_LINE = /^[A-Z0-9<]{28,46}$/;

/** Is this frame shaped like an identity document, whether or not it parsed? */
export function looksLikeIdentity(payload: string): boolean {
  if (payload.split('|').length >= 5) return true;
  const lines = payload.split(/\r\n|\r|\n/).filter((l) => l.length > 0);
  return lines.length >= 2 && lines.every((l) => MRZ_LINE.test(l));
}

/** Which characters to hide: for identity-like frames every letter and digit, otherwise runs of 6+ digits. */
function maskedPositions(chars: string[], identityLike: boolean): boolean[] {
  if (identityLike) return chars.map((c) => LETTER.test(c) || DIGIT.test(c));
  // Free text (e.g. a dossier receipt's link): ID, phone and other long numbers hidden, words kept.
  const out = chars.map(() => false);
  let start = -1;
  for (let i = 0; i <= chars.length; i++) {
    const digit = i < chars.length && DIGIT.test(chars[i]!);
    if (digit && start < 0) start = i;
    if (!digit && start >= 0) {
      if (i - start >= 6) for (let j = start; j < i; j++) out[j] = true;
      start = -1;
    }
  }
  return out;
}

function shapeOf(c: string): string {
  if (DIGIT.test(c)) return '9';
  // Keeps the one thing a technician needs from a name: did the diacritics survive the scanner's settings?
  return ASCII_LETTER.test(c) ? 'a' : 'ă';
}

function escapeChar(c: string): string {
  if (c === '\r') return '\\r';
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return c;
}

const hexOf = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));

/** The monitor's view of one frame: raw, or with personal content replaced by its shape. */
export function monitorView(payload: string, raw: boolean): MonitorView {
  const chars = [...payload];
  const hide = raw ? chars.map(() => false) : maskedPositions(chars, looksLikeIdentity(payload));
  const text = chars.map((c, i) => (hide[i] ? shapeOf(c) : escapeChar(c))).join('');
  const hex = chars.flatMap((c, i) => (hide[i] ? hexOf(c).map(() => '••') : hexOf(c))).join(' ');
  return { text, hex, bytes: Buffer.byteLength(payload, 'utf8') };
}
