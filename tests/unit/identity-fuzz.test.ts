import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityParseError, parseIdentity, type Identity } from '../../drivers/identity/index.ts';
import { CCCD_SAMPLE, ICAO_TD1, ICAO_TD3, LONG_TD1, QR_2021, QR_2024 } from './identity-fixtures.ts';

const today = '2026-03-01';
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function realIso(s: string | null): boolean {
  if (s === null) return true;
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Either a complete, valid identity or our own error; anything else fails the property. */
function check(payload: string): void {
  let r: Identity;
  try {
    r = parseIdentity(payload, { today });
  } catch (e) {
    if (e instanceof IdentityParseError) {
      expect(e.field).not.toBe('');
      expect(e.reason).not.toBe('');
      return;
    }
    throw e;
  }
  expect(['cccd-qr', 'mrz-td1', 'mrz-td3']).toContain(r.source);
  expect(r.idNumber === null || /^\d{12}$/.test(r.idNumber)).toBe(true);
  expect(r.documentNumber.length).toBeGreaterThan(0);
  expect(r.fullName.trim()).toBe(r.fullName);
  expect(r.fullName.length).toBeGreaterThan(0);
  expect(r.fullName).toBe(r.fullName.normalize('NFC'));
  expect(realIso(r.dateOfBirth) && r.dateOfBirth !== null && r.dateOfBirth <= today).toBe(true);
  expect(realIso(r.issueDate) && realIso(r.expiryDate)).toBe(true);
  expect([null, 'M', 'F']).toContain(r.sex);
  expect(r.nationality).toMatch(/^[A-Z]{1,3}$/);
  if (r.source === 'cccd-qr') {
    expect(r.idNumber).not.toBeNull();
    expect(r.oldIdNumber === null || /^(\d{9}|\d{12})$/.test(r.oldIdNumber)).toBe(true);
  } else {
    expect(r.documentNumber).toMatch(/^[A-Z0-9]+$/);
  }
}

const NOISE = ['|', '<', '0', '9', 'A', 'Z', 'ữ', 'Đ', '\r', '\n', ' ', '\u0000', '\uFFFD', '\uD83D', 'e\u0301', '2', '\t'];

/** Random edits of a valid payload: replace, insert, delete, duplicate, swap lines. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), ch: fc.oneof(fc.constantFrom(...NOISE), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), ch: fc.constantFrom(...NOISE) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), ch: fc.constant('') }),
  fc.record({ op: fc.constant('digit' as const), at: fc.nat(), ch: fc.constantFrom(...'0123456789') }),
);

function mutate(s: string, ms: Array<{ op: string; at: number; ch: string }>): string {
  let out = s;
  for (const m of ms) {
    const i = out.length === 0 ? 0 : m.at % out.length;
    if (m.op === 'insert') out = out.slice(0, i) + m.ch + out.slice(i);
    else if (m.op === 'delete') out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + m.ch + out.slice(i + 1);
  }
  return out;
}

const seeds = [QR_2021, QR_2024, ICAO_TD1.join('\n'), ICAO_TD3.join('\r\n'), LONG_TD1.join('\n'), CCCD_SAMPLE.join('\n')];

describe('parsers under random and mutated input', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), check), { numRuns: 3000 });
  });
  it('random pipe-separated and MRZ-alphabet strings (close to the real shapes)', () => {
    const field = fc.string({ unit: fc.constantFrom(...'0123456789 ăâđêôơưữÁNnamNữ'), maxLength: 14 });
    fc.assert(fc.property(fc.array(field, { maxLength: 12 }).map((a) => a.join('|')), check), { numRuns: 3000 });
    const mrzLine = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789<ABCIPUTOVNMFX'), minLength: n, maxLength: n });
    fc.assert(fc.property(fc.tuple(mrzLine(30), mrzLine(30), mrzLine(30)).map((l) => l.join('\n')), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.tuple(mrzLine(44), mrzLine(44)).map((l) => l.join('\n')), check), { numRuns: 2000 });
  });
  it('mutations of valid QR and MRZ payloads', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => check(mutate(seed, ms))),
      { numRuns: 6000 },
    );
  });
  it('a single-digit change in an MRZ never yields a different valid identity silently', () => {
    // Check digits exist exactly for this: one wrong digit in a checked field must be caught.
    const base = parseIdentity(CCCD_SAMPLE.join('\n'), { today });
    fc.assert(
      fc.property(fc.nat(89), fc.constantFrom(...'0123456789'), (pos, ch) => {
        const flat = CCCD_SAMPLE.join('');
        const orig = flat.charAt(pos);
        if (!/\d/.test(orig) || orig === ch) return;
        const changed = flat.slice(0, pos) + ch + flat.slice(pos + 1);
        const payload = [changed.slice(0, 30), changed.slice(30, 60), changed.slice(60)].join('\n');
        let r: Identity | null = null;
        try {
          r = parseIdentity(payload, { today });
        } catch (e) {
          if (!(e instanceof IdentityParseError)) throw e;
        }
        expect(r).toBeNull();
      }),
      { numRuns: 1000 },
    );
    expect(base.idNumber).toBe('001093047064');
  });
  it('very large input finishes (no catastrophic backtracking)', () => {
    check('Nguyễn '.repeat(200_000));
    check(`${'1'.repeat(12)}|${'|'.repeat(5)}${'ữ'.repeat(500_000)}`);
    check(`${'<'.repeat(30)}\n`.repeat(50_000));
    check(`001093047064||${'a '.repeat(300_000)}b|05011993|Nam||`);
  });
});
