import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePage, decodeBytes } from '../../drivers/printer/codepages/index.ts';
import { encodeWithReport } from '../../drivers/printer/encode.ts';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { loadFontSet } from '../../drivers/printer/raster.ts';
import { EscPosInterpreter } from '../helpers/virtual-printer.ts';

// Every Vietnamese letter: 12 vowels × (no tone + 5 tones) and đ, in both cases.
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const lower = [...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))), 'đ'];
const ALL = [...lower, ...lower.map((c) => c.toUpperCase())];
const NON_ASCII = ALL.filter((c) => c.charCodeAt(0) > 0x7f);

describe('Vietnamese letters in code pages', () => {
  it('the alphabet has 134 letters beyond plain ASCII, each one precomposed character', () => {
    expect(NON_ASCII).toHaveLength(134);
    for (const c of ALL) expect([...c]).toHaveLength(1);
  });

  it('CP1258 holds every letter, upper and lower, and it decodes back to the same letter', () => {
    const cp = codePage('cp1258');
    for (const c of ALL) {
      const bytes = cp.encode(c);
      expect(bytes, c).not.toBeNull();
      expect(bytes, c).not.toContain(0x3f);
      expect(decodeBytes('cp1258', bytes!), c).toBe(c);
    }
  });

  it('TCVN-3 holds every lowercase letter and the 7 base capitals; toned capitals are refused, not replaced', () => {
    const cp = codePage('tcvn3');
    for (const c of lower) {
      const bytes = cp.encode(c);
      expect(bytes, c).not.toBeNull();
      expect(bytes!.length, c).toBe(1);
      expect(decodeBytes('tcvn3', bytes!), c).toBe(c);
    }
    for (const c of ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']) expect(decodeBytes('tcvn3', cp.encode(c)!)).toBe(c);
    for (const c of ['Ấ', 'Ầ', 'Ố', 'Ự', 'Ỹ', 'À', 'É']) expect(cp.encode(c), c).toBeNull();
  });

  it('no code page ever encodes a control byte (they are ESC/POS commands on the wire)', () => {
    for (const id of ['tcvn3', 'cp1258'] as const)
      for (const c of ALL) for (const b of codePage(id).encode(c) ?? []) expect(b, `${id} ${c}`).toBeGreaterThanOrEqual(0x20);
  });

  const fonts = loadFontSet();
  const cases = [
    ['epson-tm-t88', 'tcvn3'],
    ['epson-tm-t88', 'cp1258'],
    ['generic-80', 'cp1258'],
  ] as const;

  it.each(cases)('%s / %s: every letter prints as itself or as a raster line, never "?"', async (id, cp) => {
    const profile = loadProfile(id);
    const blocks = ALL.map((c) => ({ kind: 'text' as const, text: `x${c}y`, render: { codePage: cp } }));
    const r = await encodeWithReport({ blocks }, profile, { fonts });
    const printer = new EscPosInterpreter(profile);
    printer.push(r.bytes);
    printer.tear();
    const printed = printer.tickets[0]!.items.filter((i) => i.kind === 'text' || i.kind === 'raster');
    expect(printed).toHaveLength(ALL.length);
    printed.forEach((item, k) => {
      const c = ALL[k]!;
      if (item.kind === 'text') {
        expect(item.text, c).toBe(`x${c}y`);
        if (c.charCodeAt(0) > 0x7f) expect(item.via, c).toBe(cp);
      } else {
        expect(r.lines[k]!.via, c).toBe('raster');
        expect(cp === 'tcvn3' && c !== c.toLowerCase(), c).toBe(true); // only TCVN-3 capitals go raster
      }
    });
    expect(printer.unknown).toEqual([]);
  });

  it('property: random Vietnamese lines come out of the virtual printer as the same text, or as raster', async () => {
    const profile = loadProfile('epson-tm-t88');
    const word = fc.array(fc.constantFrom(...ALL, 'n', 'g', 'h', 't', 'r'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('tcvn3', 'cp1258'), async (words, cp) => {
        const text = words.join(' ');
        const r = await encodeWithReport({ blocks: [{ kind: 'text', text, render: { codePage: cp } }] }, profile, { fonts });
        const printer = new EscPosInterpreter(profile);
        printer.push(r.bytes);
        printer.tear();
        const items = printer.tickets[0]!.items;
        expect(items).toHaveLength(1);
        const item = items[0]!;
        if (item.kind === 'text') expect(item.text).toBe(text.normalize('NFC'));
        else expect(item.kind).toBe('raster');
      }),
      { numRuns: 60 },
    );
  });
});
