import { readNumberVi, READ_NUMBER_VI_MAX } from './number-vi.ts';

// How a Vietnamese announcer names each letter (bảng chữ cái tiếng Việt, plus the foreign F, J, W, Z).
const LETTER_NAMES: Readonly<Record<string, string>> = {
  a: 'a', 'ă': 'á', 'â': 'ớ', b: 'bê', c: 'xê', d: 'dê', 'đ': 'đê', e: 'e', 'ê': 'ê', f: 'ép', g: 'giê',
  h: 'hát', i: 'i', j: 'gi', k: 'ca', l: 'e lờ', m: 'em mờ', n: 'en nờ', o: 'o', 'ô': 'ô', 'ơ': 'ơ', p: 'pê',
  q: 'quy', r: 'e rờ', s: 'ét xì', t: 'tê', u: 'u', 'ư': 'ư', v: 'vê', w: 'vê kép', x: 'ích xì', y: 'i dài',
  z: 'dét',
};

/** The spoken name of one letter, or undefined when it is not a letter we can name. */
export function letterNameVi(letter: string): string | undefined {
  return LETTER_NAMES[letter.normalize('NFC').toLowerCase()];
}

/** A token of a code: a run of letters, a run of digits, or anything else (separators). */
export type CodeToken = { kind: 'letters'; text: string } | { kind: 'digits'; text: string } | { kind: 'other'; text: string };

export function tokenizeCode(code: string): CodeToken[] {
  const tokens: CodeToken[] = [];
  for (const m of code.normalize('NFC').matchAll(/(\p{L}+)|(\p{Nd}+)|([^\p{L}\p{Nd}]+)/gu)) {
    if (m[1] !== undefined) tokens.push({ kind: 'letters', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'digits', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'other', text: m[3] });
  }
  return tokens;
}

/** Digits as their number value ("012" → "mười hai"); runs too long to read as a number go digit by digit. */
export function speakDigitsVi(digits: string): string {
  const value = Number.parseInt(digits, 10);
  if (digits.length <= 6 && value <= READ_NUMBER_VI_MAX) return readNumberVi(value);
  return [...digits].map((d) => readNumberVi(Number(d))).join(' ');
}

/**
 * A ticket number or counter name as it is spoken: letters of a short code are spelled ("A012" → "a mười hai",
 * "B7" → "bê bảy"), numbers are read by value, and whole words (a counter called "Thu phí") are kept as words.
 */
export function speakCodeVi(code: string): string {
  const words: string[] = [];
  for (const token of tokenizeCode(code)) {
    if (token.kind === 'digits') words.push(speakDigitsVi(token.text));
    else if (token.kind === 'letters') words.push(spellOrKeepVi(token.text));
  }
  return words.join(' ');
}

// A single letter or an upper-case run of up to three (A, BT, HC) is an abbreviation and is spelled;
// anything else ("Thu", "phí") is a word and is left for the voice to read.
function spellOrKeepVi(letters: string): string {
  const chars = [...letters];
  const abbreviation = chars.length === 1 || (chars.length <= 3 && letters === letters.toUpperCase());
  const named = chars.map(letterNameVi);
  if (abbreviation && named.every((n) => n !== undefined)) return named.join(' ');
  return letters.toLowerCase();
}
