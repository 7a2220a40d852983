import { describe, expect, it } from 'vitest';
import { parse as mrzParse } from 'mrz';
import { IdentityParseError, parseIdentity, parseMrz } from '../../drivers/identity/index.ts';
import { CCCD_SAMPLE, ICAO_TD1, ICAO_TD3, LONG_TD1, cccdMrz, cd, pad, td3 } from './identity-fixtures.ts';

const today = '2026-03-01';
const p = (lines: readonly string[], sep = '\n') => parseIdentity(lines.join(sep), { today });

function errorOf(fn: () => unknown): IdentityParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IdentityParseError) return e;
    throw e;
  }
  throw new Error('expected an IdentityParseError');
}

/** Replace one character of one line. */
function patch(lines: readonly string[], line: number, col: number, ch: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, col) + ch + l.slice(col + 1) : l));
}

describe('ICAO Doc 9303 specimens', () => {
  it('TD1 (part 5)', () => {
    expect(p(ICAO_TD1)).toEqual({
      source: 'mrz-td1', idNumber: null, documentNumber: 'D23145890', oldIdNumber: null,
      fullName: 'ERIKSSON ANNA MARIA', dateOfBirth: '1974-08-12', issueDate: null, expiryDate: '2012-04-15',
      sex: 'F', nationality: 'UTO', address: null,
    });
  });
  it('TD3 (part 4)', () => {
    expect(p(ICAO_TD3)).toEqual({
      source: 'mrz-td3', idNumber: null, documentNumber: 'L898902C3', oldIdNumber: null,
      fullName: 'ERIKSSON ANNA MARIA', dateOfBirth: '1974-08-12', issueDate: null, expiryDate: '2012-04-15',
      sex: 'F', nationality: 'UTO', address: null,
    });
  });
  it('TD1 long document number continued in the optional data', () => {
    expect(p(LONG_TD1).documentNumber).toBe('D23145890123');
    expect(cd('D23145890123')).toBe('3');
  });
  it('rejects a long document number whose continuation has no check digit + filler', () => {
    const l1 = 'I<UTOD23145890<123312345678901';
    expect(errorOf(() => p([l1, LONG_TD1[1], LONG_TD1[2]])).field).toBe('documentNumber');
  });
});

describe('CCCD (back of the chip card)', () => {
  it('reads the published sample: 9-digit document number and the 12-digit ID from the optional data', () => {
    const r = p(CCCD_SAMPLE);
    expect(r).toMatchObject({
      source: 'mrz-td1', idNumber: '001093047064', documentNumber: '093047064', fullName: 'UNG HOANG HIEP',
      dateOfBirth: '1993-01-05', expiryDate: '2033-01-05', sex: 'M', nationality: 'VNM',
    });
  });
  it('the fixture builder reproduces the sample exactly (so constructed cards are real-format)', () => {
    expect(cccdMrz({ id: '001093047064', dob: '930105', sex: 'M', expiry: '330105', surname: 'UNG', given: ['HOANG', 'HIEP'] }))
      .toEqual([...CCCD_SAMPLE]);
  });
  it.each([
    ['079204001234', '040229', 'F', '290228', 'TRAN', ['THI', 'NGOC', 'HUONG'], '2004-02-29', '2029-02-28'],
    ['001058000111', '580817', 'M', '<<<<<<', 'NGUYEN', ['VAN', 'A'], '1958-08-17', null],
    ['036300009999', '001231', 'F', '401231', 'LE', ['B'], '2000-12-31', '2040-12-31'],
  ] as const)('constructed card %s', (id, dob, sex, expiry, surname, given, isoDob, isoExp) => {
    const r = p(cccdMrz({ id, dob, sex, expiry, surname, given: [...given] }));
    expect(r.idNumber).toBe(id);
    expect(r.documentNumber).toBe(id.slice(3));
    expect(r.dateOfBirth).toBe(isoDob);
    expect(r.expiryDate).toBe(isoExp);
    expect(r.fullName).toBe([surname, ...given].join(' '));
  });
  it('reports a wrong ID check digit (position 30 of line 1)', () => {
    const bad = patch(CCCD_SAMPLE, 0, 29, '3');
    // Keep the composite right so that only the ID check digit is wrong.
    const l1 = bad[0]!;
    const l2 = CCCD_SAMPLE[1].slice(0, 29) + cd(l1.slice(5, 30) + CCCD_SAMPLE[1].slice(0, 7) + CCCD_SAMPLE[1].slice(8, 15) + CCCD_SAMPLE[1].slice(18, 29));
    expect(errorOf(() => p([l1, l2, CCCD_SAMPLE[2]])).field).toBe('idNumberCheckDigit');
  });
});

describe('every check digit is verified and named', () => {
  const cases: Array<[string, readonly string[], number, number, string]> = [
    ['TD1 document number', ICAO_TD1, 0, 14, 'documentNumberCheckDigit'],
    ['TD1 birth date', ICAO_TD1, 1, 6, 'dateOfBirthCheckDigit'],
    ['TD1 expiry', ICAO_TD1, 1, 14, 'expiryDateCheckDigit'],
    ['TD1 composite', ICAO_TD1, 1, 29, 'compositeCheckDigit'],
    ['TD1 long number', LONG_TD1, 0, 18, 'documentNumberCheckDigit'],
    ['TD3 document number', ICAO_TD3, 1, 9, 'documentNumberCheckDigit'],
    ['TD3 birth date', ICAO_TD3, 1, 19, 'dateOfBirthCheckDigit'],
    ['TD3 expiry', ICAO_TD3, 1, 27, 'expiryDateCheckDigit'],
    ['TD3 personal number', ICAO_TD3, 1, 42, 'personalNumberCheckDigit'],
    ['TD3 composite', ICAO_TD3, 1, 43, 'compositeCheckDigit'],
  ];
  it.each(cases)('%s', (_n, lines, line, col, field) => {
    const orig = lines[line]!.charAt(col);
    const wrong = String((Number(orig) + 1) % 10);
    const e = errorOf(() => p(patch(lines, line, col, wrong)));
    expect(e.field).toBe(field);
    expect(e.reason).toBe(`is "${wrong}", computed ${orig}`);
  });
  it('a data change (not the digit) is caught by that field’s check digit', () => {
    expect(errorOf(() => p(patch(ICAO_TD3, 1, 0, 'M'))).field).toBe('documentNumberCheckDigit');
    expect(errorOf(() => p(patch(ICAO_TD1, 1, 18, 'X'))).field).toBe('compositeCheckDigit');
  });
});

describe('what the transport may add, and nothing else', () => {
  it('accepts CRLF, CR, blank lines and trailing spaces', () => {
    const expected = p(ICAO_TD1);
    expect(p(ICAO_TD1, '\r\n')).toEqual(expected);
    expect(parseIdentity(`\r\n${ICAO_TD1.join('  \r\r\n')}\t\r\n`, { today })).toEqual(expected);
  });
  it('rejects lower case, O for 0 and other OCR confusions with the line and position', () => {
    const e = errorOf(() => p(patch(ICAO_TD1, 2, 0, 'e')));
    expect(e.field).toBe('line3');
    expect(e.reason).toContain('position 1');
    expect(errorOf(() => p(patch(ICAO_TD1, 1, 0, 'O'))).field).toBe('dateOfBirthCheckDigit');
  });
  it('rejects wrong line counts and lengths', () => {
    expect(errorOf(() => p(ICAO_TD1.slice(0, 2))).field).toBe('format');
    expect(errorOf(() => p([ICAO_TD1[0], ICAO_TD1[1], ICAO_TD1[2].slice(0, 29)])).field).toBe('format');
    expect(errorOf(() => p([`${ICAO_TD3[0]}<`, ICAO_TD3[1]])).field).toBe('format');
  });
  it('rejects an unknown state code and a bad document code', () => {
    expect(errorOf(() => p(patch(ICAO_TD1, 0, 2, 'Q'))).field).toBe('issuingState');
    expect(errorOf(() => p(patch(ICAO_TD3, 0, 0, 'I'))).field).toBe('documentCode');
  });
});

describe('dates are real calendar dates, in the right century', () => {
  const withDob = (dob: string) =>
    td3({ issuer: 'UTO', surname: 'A', given: ['B'], number: 'X1', nationality: 'UTO', dob, sex: 'F', expiry: '300101', personal: '' });
  it('31 February is rejected even with correct check digits (mrz 5 accepts it)', () => {
    expect(errorOf(() => p(withDob('740231'))).field).toBe('dateOfBirth');
    expect(mrzParse(withDob('740231').map((l) => l.replace(/UTO/g, 'FRA'))).valid).toBe(true);
  });
  it('29 February only in leap years; 2000 is one', () => {
    expect(p(withDob('000229')).dateOfBirth).toBe('2000-02-29');
    expect(errorOf(() => p(withDob('010229'))).field).toBe('dateOfBirth');
  });
  it('a birth year that would be in the future goes to the previous century', () => {
    expect(p(withDob('300101')).dateOfBirth).toBe('1930-01-01');
    expect(p(withDob('260301')).dateOfBirth).toBe('2026-03-01');
    expect(p(withDob('260302')).dateOfBirth).toBe('1926-03-02');
  });
  it('a TD3 with an empty personal number and `<` check digit is fine', () => {
    expect(p(withDob('850615')).idNumber).toBeNull();
  });
  it('Vietnamese passport: 12-digit personal number becomes idNumber', () => {
    const r = p(td3({ issuer: 'VNM', surname: 'PHAM', given: ['MINH', 'DUC'], number: 'C1234567', nationality: 'VNM', dob: '880412', sex: 'M', expiry: '310412', personal: '001088012345' }));
    expect(r).toMatchObject({ source: 'mrz-td3', idNumber: '001088012345', documentNumber: 'C1234567', fullName: 'PHAM MINH DUC' });
  });
});

describe('agreement with the mrz package where it is right', () => {
  it('same fields for valid documents from a state mrz knows', () => {
    const lines = td3({ issuer: 'FRA', surname: 'MARTIN', given: ['LEA'], number: '12AB34567', nationality: 'FRA', dob: '910704', sex: 'F', expiry: '310703', personal: '' });
    const theirs = mrzParse(lines);
    const ours = parseMrz(lines.join('\n'), { today });
    expect(theirs.valid).toBe(true);
    expect(ours.documentNumber).toBe(theirs.fields.documentNumber);
    expect(ours.nationality).toBe(theirs.fields.nationality);
    expect(ours.fullName).toBe(`${theirs.fields.lastName} ${theirs.fields.firstName}`);
  });
  it('mrz rejects the ICAO specimen state UTO (why we only take its state table)', () => {
    expect(mrzParse([...ICAO_TD1]).valid).toBe(false);
  });
  it('padding helper sanity', () => {
    expect(pad('AB', 4)).toBe('AB<<');
  });
});

describe('fillers only pad a document number on the right', () => {
  it('rejects a filler before the number even when every check digit agrees (found by the fuzzer)', () => {
    const lines = td3({ issuer: 'VNM', surname: 'NGUYEN', given: ['VAN', 'A'], number: '<93047064', nationality: 'VNM', dob: '900101', sex: 'M', expiry: '300101', personal: '' });
    expect(() => parseMrz(lines.join('\n'))).toThrow(IdentityParseError);
    expect(() => parseMrz(lines.join('\n'))).toThrow(/documentNumber: has a < filler/);
  });
});
