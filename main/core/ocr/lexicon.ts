import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldType } from './template.ts';

// OCR's confident misreads on Vietnamese are mostly one wrong mark: NGUYÊN for NGUYỄN, Thiện for Thiên, ĐĂNG for
// ĐẶNG. Each misread is itself a valid syllable, so syllable rules cannot catch it; a short list of the names that
// fill most forms can. A value that matches a list entry once marks are ignored, but not with its marks, is
// flagged with the entry as a suggestion (never replaced: "Nguyên" is a real, rare family name).

export interface Lexicon {
  /** Family names, most common first. */
  familyNames: string[];
  /** Place names of two syllables or more (provinces, common wards and districts). */
  places: string[];
}

export interface LexiconHint {
  /** The value with the list's spelling in place of the near-miss. */
  suggestion: string;
  /** For the clerk and the citizen (Vietnamese). */
  reason: string;
}

/** assets/lexicon, found from this file so it works from any working directory. */
export function defaultLexiconDir(): string {
  return fileURLToPath(new URL('../../../assets/lexicon/', import.meta.url));
}

function readList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim().normalize('NFC'))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function loadLexicon(dir: string = defaultLexiconDir()): Lexicon {
  return {
    familyNames: readList(join(dir, 'family-names.txt')),
    places: [...readList(join(dir, 'provinces.txt')), ...readList(join(dir, 'places.txt'))],
  };
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** No marks at all, lower case, đ → d: what a misread keeps. */
export function bare(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/**
 * The spelling with every mark, independent of where the tone mark sits ("Hoà" and "Hòa" are one spelling):
 * vowel marks kept in place, the tone mark moved to the end.
 */
export function spelling(s: string): string {
  const d = s.normalize('NFD').toLowerCase();
  return d.replace(TONES, '') + (d.match(TONES) ?? []).join('');
}

function sameCase(model: string, word: string): string {
  return model === model.toUpperCase() && model !== model.toLowerCase() ? word.toUpperCase() : word;
}

interface Entry {
  words: string[];
  spelling: string;
}

export interface LexiconIndex {
  family: Map<string, Entry[]>;
  /** Keyed by the bare words joined with spaces; `lengths` lists the word counts present, longest first. */
  places: Map<string, Entry[]>;
  lengths: number[];
}

function add(map: Map<string, Entry[]>, name: string): void {
  const words = name.split(/\s+/);
  const key = words.map(bare).join(' ');
  const list = map.get(key) ?? [];
  list.push({ words, spelling: words.map(spelling).join(' ') });
  map.set(key, list);
}

export function indexLexicon(lex: Lexicon): LexiconIndex {
  const family = new Map<string, Entry[]>();
  for (const n of lex.familyNames) add(family, n);
  const places = new Map<string, Entry[]>();
  for (const p of lex.places) if (p.split(/\s+/).length >= 2) add(places, p);
  const lengths = [...new Set([...places.values()].flat().map((e) => e.words.length))].sort((a, b) => b - a);
  return { family, places, lengths };
}

/** The entry the words are a near-miss of (same bare letters, other marks), or null when exact or unknown. */
function nearMiss(map: Map<string, Entry[]>, words: string[]): Entry | null {
  const entries = map.get(words.map(bare).join(' '));
  if (!entries) return null;
  const sp = words.map(spelling).join(' ');
  if (entries.some((e) => e.spelling === sp)) return null; // spelt like a list entry: fine
  return entries[0]!; // most common first
}

/** Words of a value and, after each, the separator that follows it: a suggestion changes only the near-miss. */
function tokens(value: string): { words: string[]; seps: string[] } {
  const parts = value.split(/([^\p{L}\p{M}]+)/u); // word, separator, word, …, word (words may be '')
  return { words: parts.filter((_, i) => i % 2 === 0), seps: parts.filter((_, i) => i % 2 === 1) };
}

/**
 * Checks a field's value against the lists: a name's first word (the family name) against the family names, a
 * text field's runs of words against the place names. Other types are not checked.
 */
export function lexiconHint(type: FieldType, value: string, index: LexiconIndex): LexiconHint | null {
  const v = value.normalize('NFC');
  const { words, seps } = tokens(v);
  const join = (ws: string[]) => ws.map((w, i) => w + (seps[i] ?? '')).join('');
  if (type === 'name') {
    const first = words[0];
    if (!first || words.filter((w) => w !== '').length < 2) return null;
    const e = nearMiss(index.family, [first]);
    if (!e) return null;
    const fixed = [sameCase(first, e.words[0]!), ...words.slice(1)];
    return { suggestion: join(fixed), reason: `có thể đọc sai dấu: họ "${sameCase(first, e.words[0]!)}"?` };
  }
  if (type !== 'text') return null;
  const fixed = [...words];
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const n of index.lengths) {
      const run = words.slice(i, i + n);
      // A run must be whole words separated by spaces only ("Phú Vang, Thừa Thiên Huế" has two runs).
      if (run.length < n || run.some((w) => w === '') || seps.slice(i, i + n - 1).some((s) => s.trim() !== '')) continue;
      const e = nearMiss(index.places, run);
      if (!e) continue;
      e.words.forEach((w, k) => (fixed[i + k] = sameCase(run[k]!, w)));
      found.push(e.words.join(' '));
      i += n - 1;
      break;
    }
  }
  if (found.length === 0) return null;
  return { suggestion: join(fixed), reason: `có thể đọc sai dấu: ${found.map((f) => `"${f}"`).join(', ')}?` };
}
