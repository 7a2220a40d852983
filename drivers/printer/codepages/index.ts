// Single-byte code pages the encoder can use, as Unicode <-> byte maps built from data on demand.
// encodeLine returns null when any character cannot be held: the caller then rasterises the line
// instead of letting the printer print '?'.
import iconv from 'iconv-lite';
import { TCVN3_UPPER_HALF } from './tcvn3.ts';

export const CODE_PAGE_IDS = ['pc437', 'tcvn3', 'cp1258'] as const;
export type CodePageId = (typeof CODE_PAGE_IDS)[number];

export interface CodePage {
  id: CodePageId;
  /** byte -> Unicode string ('' when the byte holds nothing printable). */
  decodeByte(byte: number): string;
  /** Bytes for `text`, or null if some character cannot be held. */
  encode(text: string): Uint8Array | null;
}

function isPrintableAscii(cp: number): boolean {
  return cp >= 0x20 && cp < 0x7f;
}

function tableFromIconv(name: string): string[] {
  const table: string[] = [];
  for (let b = 0; b < 256; b++) table.push(iconv.decode(Buffer.from([b]), name));
  return table;
}

function reverse(table: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  table.forEach((ch, b) => {
    // Only printable bytes: control bytes are ESC/POS commands on the wire.
    if (b >= 0x20 && b !== 0x7f && ch !== '' && ch !== '\ufffd' && !map.has(ch)) map.set(ch, b);
  });
  return map;
}

/** A single-byte page where each NFC character maps to one byte; a character it lacks makes the line null. */
function singleBytePage(id: CodePageId, table: string[]): CodePage {
  const rev = reverse(table);
  return {
    id,
    decodeByte: (b) => table[b] ?? '',
    encode(text) {
      const out: number[] = [];
      for (const ch of text.normalize('NFC')) {
        const b = rev.get(ch);
        if (b === undefined) return null;
        out.push(b);
      }
      return Uint8Array.from(out);
    },
  };
}

function makePc437(): CodePage {
  return singleBytePage('pc437', tableFromIconv('cp437'));
}

function makeTcvn3(): CodePage {
  const table: string[] = [];
  for (let b = 0; b < 256; b++) {
    if (b < 0x80) table.push(isPrintableAscii(b) ? String.fromCharCode(b) : '');
    else if (b < 0xa0) table.push('');
    else {
      const cp = TCVN3_UPPER_HALF[b - 0xa0] ?? 0;
      table.push(cp === 0 ? '' : String.fromCodePoint(cp));
    }
  }
  return singleBytePage('tcvn3', table);
}

/**
 * Windows-1258 holds only some precomposed letters; the rest is base letter (maybe with its own
 * circumflex/breve/horn, e.g. â, ơ) followed by a combining tone mark (0xCC ̀, 0xEC ́, 0xDE ̃, 0xD2 ̉, 0xF2 ̣).
 * This is the "CP1258 form": the letter without its tone (precomposed if the page has it), then the tone mark.
 */
/** grave, acute, tilde, hook above, dot below: the five Vietnamese tone marks */
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

function makeCp1258(): CodePage {
  const table = tableFromIconv('windows1258');
  const rev = reverse(table);
  function encodeChar(ch: string, out: number[]): boolean {
    const direct = rev.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      return true;
    }
    // NFD orders dot below before the circumflex (ệ = e ̣ ̂), so pull the tone marks out, recompose the
    // rest (e ̂ -> ê) and put the tones after it.
    const parts = [...ch.normalize('NFD')];
    const tones = parts.filter((m) => TONE_MARKS.includes(m));
    const base = parts.filter((m) => !TONE_MARKS.includes(m)).join('').normalize('NFC');
    const bb = [...base].length === 1 ? rev.get(base) : undefined;
    const tb = tones.map((m) => rev.get(m));
    if (bb === undefined || tones.length === 0 || tb.some((t) => t === undefined)) return false;
    out.push(bb, ...(tb as number[]));
    return true;
  }
  return {
    id: 'cp1258',
    decodeByte: (b) => table[b] ?? '',
    encode(text) {
      const out: number[] = [];
      for (const ch of text.normalize('NFC')) if (!encodeChar(ch, out)) return null;
      return Uint8Array.from(out);
    },
  };
}

/** Built on each call (cheap, ~256 entries); callers keep the instance they need. */
export function codePage(id: CodePageId): CodePage {
  switch (id) {
    case 'pc437':
      return makePc437();
    case 'tcvn3':
      return makeTcvn3();
    case 'cp1258':
      return makeCp1258();
  }
}

/** Decode bytes printed in `id` back to NFC Unicode (used by tests and the virtual printer). */
export function decodeBytes(id: CodePageId, bytes: Uint8Array): string {
  const page = codePage(id);
  let s = '';
  for (const b of bytes) s += page.decodeByte(b);
  return s.normalize('NFC');
}
