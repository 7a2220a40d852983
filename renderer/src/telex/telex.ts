/**
 * Telex: typing Vietnamese on a Latin keyboard (aa→â, aw→ă, ee→ê, oo→ô, ow→ơ, uw/w→ư, dd→đ; tones
 * s f r x j; z removes the tone). Pure, no DOM: the kiosk's on-screen keyboard and its physical-key path
 * both go through `telexEdit`.
 *
 * Why our own: the npm registry has no maintained Telex engine (the few names found are empty,
 * undocumented or years stale), and the kiosk needs exact, tested behaviour more than features.
 *
 * Choices (documented because citizens' names are printed on receipts):
 * - Tone placement is the **modern style** ("kiểu mới", as Unikey's default and the 2018 school
 *   orthography): in an open syllable "oa", "oe", "uy" take the tone on the second vowel — "hoà", "khoẻ",
 *   "thuý"; other pairs on the first ("mùa", "mía", "hài"); with a final consonant on the second
 *   ("hoàng", "huỳnh"); a vowel with a mark (â ă ê ô ơ ư) always takes it, the last one in "ươ"
 *   ("người"); three vowels: the middle one ("ngoài", "khuỷu").
 * - A tone or modifier key pressed again right where it applied undoes it and types the letter ("ass" →
 *   "as", "aaa" → "aa", "ww" → "w"); after an undo the rest of the word is typed as it is.
 * - A key only transforms a word that can be a Vietnamese syllable (valid initial and final consonants,
 *   1–3 vowels), so "Washington"-like text stays as typed.
 * - Output is NFC.
 */

type Mod = '' | 'hat' | 'breve' | 'horn' | 'bar';
type Tone = '' | 's' | 'f' | 'r' | 'x' | 'j';

interface Char {
  /** Base Latin letter, lower case. */
  base: string;
  mod: Mod;
  upper: boolean;
}

interface Word {
  chars: Char[];
  tone: Tone;
  /** After an undo the rest of the word is literal. */
  frozen: boolean;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const TONE_KEYS = new Set(['s', 'f', 'r', 'x', 'j']);
const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];
const FINALS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

const TONE_MARK: Record<Exclude<Tone, ''>, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const MOD_MARK: Record<Exclude<Mod, '' | 'bar'>, string> = { hat: '\u0302', breve: '\u0306', horn: '\u031B' };

function isVowel(c: Char): boolean {
  return VOWELS.has(c.base);
}

/** Where the vowels of a syllable are: [start, end) in chars; null when it cannot be Vietnamese. */
function syllable(chars: Char[]): { start: number; end: number } | null {
  const plain = chars.map((c) => (c.mod === 'bar' ? 'đ' : c.base)).join('');
  let initial = '';
  if (plain.startsWith('đ')) initial = 'đ';
  else {
    for (const i of INITIALS) {
      if (!plain.startsWith(i)) continue;
      // "gi" and "qu" are initials only before another vowel ("gì" is g + i, "giá" is gi + a).
      if ((i === 'gi' || i === 'qu') && !(chars[2] && isVowel(chars[2]))) continue;
      initial = i;
      break;
    }
  }
  let end = initial.length;
  while (end < chars.length && isVowel(chars[end]!)) end++;
  const final = plain.slice(end);
  if (!FINALS.has(final)) return null;
  if (end - initial.length > 3) return null;
  return { start: initial.length, end };
}

/** Index of the vowel that carries the tone (modern style), or -1. */
function tonePosition(w: Word): number {
  const s = syllable(w.chars) ?? looseVowels(w.chars);
  if (!s || s.end === s.start) return -1;
  const idx = Array.from({ length: s.end - s.start }, (_, k) => s.start + k);
  const marked = idx.filter((i) => w.chars[i]!.mod !== '');
  if (marked.length > 0) return marked[marked.length - 1]!;
  if (idx.length === 3) return idx[1]!;
  if (idx.length === 2) {
    const hasFinal = s.end < w.chars.length;
    const pair = w.chars[idx[0]!]!.base + w.chars[idx[1]!]!.base;
    if (hasFinal || pair === 'oa' || pair === 'oe' || pair === 'uy') return idx[1]!;
    return idx[0]!;
  }
  return idx[0]!;
}

/** For a word that is not a syllable any more (typing went on): its first run of vowels. */
function looseVowels(chars: Char[]): { start: number; end: number } | null {
  const start = chars.findIndex(isVowel);
  if (start < 0) return null;
  let end = start;
  while (end < chars.length && isVowel(chars[end]!) && end - start < 3) end++;
  return { start, end };
}

function render(w: Word): string {
  const at = w.tone ? tonePosition(w) : -1;
  let out = '';
  w.chars.forEach((c, i) => {
    let s = c.mod === 'bar' ? 'đ' : c.base;
    if (c.upper) s = s.toUpperCase();
    if (c.mod !== '' && c.mod !== 'bar') s += MOD_MARK[c.mod];
    if (i === at && w.tone) s += TONE_MARK[w.tone];
    out += s;
  });
  // A tone with no vowel to sit on cannot happen: tones are only set on words with a vowel.
  return out.normalize('NFC');
}

function literal(w: Word, key: string, freeze = false): Word {
  return { chars: [...w.chars, { base: key.toLowerCase(), mod: '', upper: key !== key.toLowerCase() }], tone: w.tone, frozen: w.frozen || freeze };
}

function withChar(w: Word, i: number, mod: Mod): Word {
  const chars = w.chars.map((c, k) => (k === i ? { ...c, mod } : c));
  return { ...w, chars };
}

/** The vowels of a syllable, by index. */
function vowelIndexes(w: Word): number[] | null {
  const s = syllable(w.chars);
  if (!s) return null;
  return Array.from({ length: s.end - s.start }, (_, k) => s.start + k);
}

function applyKey(w: Word, key: string): Word {
  if (!/^[a-zA-Z]$/.test(key)) throw new TelexError(`not a letter key: ${JSON.stringify(key)}`);
  if (w.frozen) return literal(w, key);
  const k = key.toLowerCase();
  const vowels = vowelIndexes(w);

  if (TONE_KEYS.has(k) && vowels && vowels.length > 0) {
    if (w.tone === k) return literal({ ...w, tone: '' }, key, true);
    return { ...w, tone: k as Tone };
  }
  if (k === 'z' && w.tone !== '') return { ...w, tone: '' };

  if (k === 'd' && vowels && w.chars[0]?.base === 'd') {
    if (w.chars[0].mod === 'bar') return literal(withChar(w, 0, ''), key, true);
    return withChar(w, 0, 'bar');
  }

  if ((k === 'a' || k === 'e' || k === 'o') && vowels) {
    const i = [...vowels].reverse().find((x) => w.chars[x]!.base === k);
    if (i !== undefined) {
      const c = w.chars[i]!;
      if (c.mod === 'hat') return literal(withChar(w, i, ''), key, true);
      let next = withChar(w, i, 'hat');
      // "ươ" + o → "uô" (muốn typed as "muwown" then corrected)
      const prev = next.chars[i - 1];
      if (k === 'o' && prev?.base === 'u' && prev.mod === 'horn') next = withChar(next, i - 1, '');
      return next;
    }
  }

  if (k === 'w' && vowels) {
    const ch = (i: number) => w.chars[i]!;
    const uo = vowels.find((i) => ch(i).base === 'u' && vowels.includes(i + 1) && ch(i + 1).base === 'o');
    if (uo !== undefined) {
      if (ch(uo).mod === 'horn' && ch(uo + 1).mod === 'horn') return literal(withChar(withChar(w, uo, ''), uo + 1, ''), key, true);
      return withChar(withChar(w, uo, 'horn'), uo + 1, 'horn');
    }
    // "ua" after anything but q is "ưa" (mưa, cửa); after "qu" the a takes the breve (quăn).
    const ua = vowels.find((i) => ch(i).base === 'u' && vowels.includes(i + 1) && ch(i + 1).base === 'a' && ch(i + 1).mod === '');
    if (ua !== undefined) {
      if (ch(ua).mod === 'horn') return literal(withChar(w, ua, ''), key, true);
      return withChar(w, ua, 'horn');
    }
    for (const [base, mod] of [['a', 'breve'], ['o', 'horn'], ['u', 'horn']] as const) {
      const i = vowels.find((x) => ch(x).base === base);
      if (i === undefined) continue;
      if (ch(i).mod === mod) return literal(withChar(w, i, ''), key, true);
      return withChar(w, i, mod);
    }
    // No a, o or u: a lone "w" is "ư" when the word so far is only an initial consonant (tư, như, ư).
    if (vowels.length === 0 && syllable(w.chars)?.end === w.chars.length) {
      return { ...w, chars: [...w.chars, { base: 'u', mod: 'horn', upper: key === 'W' }] };
    }
  }
  // "ư" typed with a lone w, pressed again: undo to "w". (Recognised because it is the last char.)
  return literal(w, key);
}

export class TelexError extends Error {
  override readonly name = 'TelexError';
}

/** Composes one word from its keystrokes: composeWord("Nguyeenx") === "Nguyễn". */
export function composeWord(keys: string): string {
  let w: Word = { chars: [], tone: '', frozen: false };
  let lastW = -1; // index of a ư made from a lone w, so "ww" can undo it
  for (const key of keys) {
    if ((key === 'w' || key === 'W') && lastW === w.chars.length - 1 && lastW >= 0 && !w.frozen) {
      const c = w.chars[lastW]!;
      w = { ...w, chars: [...w.chars.slice(0, lastW), { base: 'w', mod: '', upper: c.upper }], frozen: true };
      lastW = -1;
      continue;
    }
    const before = w.chars.length;
    w = applyKey(w, key);
    const last = w.chars[w.chars.length - 1];
    lastW = (key === 'w' || key === 'W') && w.chars.length === before + 1 && last?.base === 'u' && last.mod === 'horn' ? w.chars.length - 1 : -1;
  }
  return render(w);
}

const DECOMPOSE_TONE: Record<string, string> = { '\u0301': 's', '\u0300': 'f', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };

/** The keystrokes that compose a word (the inverse of composeWord for Vietnamese words): "Đặng" → "DDawngj". */
export function decomposeWord(word: string): string {
  let keys = '';
  let tone = '';
  for (const ch of word.normalize('NFC')) {
    if (ch === 'đ' || ch === 'Đ') {
      keys += ch === 'đ' ? 'dd' : 'DD';
      continue;
    }
    const [base = '', ...marks] = ch.normalize('NFD');
    keys += base;
    for (const m of marks) {
      if (m in DECOMPOSE_TONE) tone = DECOMPOSE_TONE[m]!;
      else if (m === '\u0302') keys += base; // â ê ô: the vowel doubled
      else if (m === '\u0306' || m === '\u031B') keys += base === base.toUpperCase() ? 'W' : 'w'; // ă ơ ư
    }
  }
  return keys + tone;
}

/** The letters a word can be made of: Latin letters and Vietnamese letters with marks. */
const WORD_CHAR = /^\p{L}$/u;

export interface TelexField {
  /** The text as shown (NFC). */
  text: string;
  /** Keystrokes of the word being typed at the end of `text`; null when it must be derived again. */
  keys: string | null;
}

/**
 * One key into a field: a letter goes through Telex (when on), 'Backspace' deletes the last character,
 * anything else (space, digits, punctuation) is typed as it is and ends the word.
 */
export function telexEdit(field: TelexField, key: string, telex = true): TelexField {
  if (key === 'Backspace') {
    const chars = Array.from(field.text);
    chars.pop();
    return { text: chars.join(''), keys: null };
  }
  if (!telex || !/^[a-zA-Z]$/.test(key)) return { text: (field.text + key).normalize('NFC'), keys: null };
  const chars = Array.from(field.text);
  let n = 0;
  while (n < chars.length && WORD_CHAR.test(chars[chars.length - 1 - n]!)) n++;
  const word = chars.slice(chars.length - n).join('');
  const head = chars.slice(0, chars.length - n).join('');
  let keys = field.keys !== null && composeWord(field.keys) === word ? field.keys : decomposeWord(word);
  // A word that Telex would not give back as it stands (e.g. foreign text) is continued literally.
  if (composeWord(keys) !== word) return { text: field.text + key, keys: null };
  keys += key;
  return { text: head + composeWord(keys), keys };
}

/** Types a whole string into an empty field, key by key (tests, and pasting a typed sample). */
export function telexType(text: string, telex = true): string {
  let f: TelexField = { text: '', keys: null };
  for (const k of text) f = telexEdit(f, k, telex);
  return f.text;
}
