import { states } from 'mrz';
import { checkDigit } from './check-digit.ts';
import { parseYyMmDd, todayOf, toIso, type YMD } from './dates.ts';
import { fail } from './errors.ts';
import type { Identity, ParseOptions } from './types.ts';

/*
 * ICAO Doc 9303 TD1 (3×30) and TD3 (2×44). We reuse the `mrz` package's table of ICAO state codes but not
 * its parser, because for a kiosk that must either return a fully valid identity or say exactly why not,
 * mrz 5.0.2 falls short:
 *  - its character check is an unanchored /[A-Z0-9<]+/, so lines with lower-case or stray characters are
 *    parsed and fed into check-digit arithmetic that is only defined for [0-9A-Z<];
 *  - dates are only range-checked (month 1–12, day 1–31): 31 February passes, and it returns raw yymmdd
 *    with no century;
 *  - for a long TD1 document number it accepts the check digit computed either with or without the filler
 *    at position 15, and when the optional field has no terminating filler it reads the wrong character;
 *  - it rejects ICAO's own specimen state `UTO`, so the Doc 9303 examples come back invalid;
 *  - it does not know the CCCD layout (the 12-digit ID and its check digit in the optional data of line 1).
 * bench/identity.ts measures both on the same inputs and lists where they disagree.
 */

const STATE_CODES: ReadonlySet<string> = new Set([...Object.keys(states), 'UTO']);

export type MrzFormat = 'TD1' | 'TD3';

/**
 * Split reader/OCR output into MRZ lines. Tolerated, because the transport (not the document) adds them:
 * CR/LF in any mix, blank lines, trailing spaces/tabs. Everything else must be exactly as printed.
 */
export function splitMrzLines(payload: string): string[] {
  return payload
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t]+$/, ''))
    .filter((l) => l !== '');
}

export function detectMrzFormat(lines: readonly string[]): MrzFormat | null {
  if (lines.length === 3 && lines.every((l) => l.length === 30)) return 'TD1';
  if (lines.length === 2 && lines.every((l) => l.length === 44)) return 'TD3';
  return null;
}

export function parseMrz(payload: string, options: ParseOptions = {}): Identity {
  const today = todayOf(options.today);
  const lines = splitMrzLines(payload);
  const format = detectMrzFormat(lines);
  if (!format) {
    fail('format', `expected 3 lines of 30 (TD1) or 2 lines of 44 (TD3), got ${lines.length} line(s) of ${lines.map((l) => l.length).join('/') || 0}`,
      `cần 3 dòng 30 ký tự (TD1) hoặc 2 dòng 44 ký tự (TD3)`);
  }
  for (const [i, line] of lines.entries()) {
    const bad = /[^A-Z0-9<]/.exec(line);
    if (bad) {
      fail(`line${i + 1}`, `character ${JSON.stringify(bad[0])} at position ${bad.index + 1} is not A-Z, 0-9 or <`,
        `ký tự ở vị trí ${bad.index + 1} không phải A-Z, 0-9 hoặc <`);
    }
  }
  return format === 'TD1' ? parseTd1(lines as [string, string, string], today) : parseTd3(lines as [string, string], today);
}

function parseTd1([l1, l2, l3]: [string, string, string], today: YMD): Identity {
  if (!/^[ACI][A-Z<]$/.test(l1.slice(0, 2))) fail('documentCode', 'TD1 document code must start with A, C or I', 'mã loại giấy tờ TD1 phải bắt đầu bằng A, C hoặc I');
  const issuer = state(l1.slice(2, 5), 'issuingState');
  const doc = documentNumberTd1(l1.slice(5, 14), l1.charAt(14), l1.slice(15, 30));
  const common = line2Fields(l2, 0, today);
  const nationality = state(l2.slice(15, 18), 'nationality');
  expectCheck(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2.charAt(29), 'compositeCheckDigit');
  const idNumber = issuer === 'VNM' ? cccdIdNumber(doc.optional) : null;
  return {
    source: 'mrz-td1',
    idNumber,
    documentNumber: doc.number,
    oldIdNumber: null,
    fullName: name(l3),
    dateOfBirth: common.dateOfBirth,
    issueDate: null,
    expiryDate: common.expiryDate,
    sex: common.sex,
    nationality,
    address: null,
  };
}

function parseTd3([l1, l2]: [string, string], today: YMD): Identity {
  if (!/^P[A-Z<]$/.test(l1.slice(0, 2))) fail('documentCode', 'TD3 document code must start with P', 'mã loại giấy tờ TD3 phải bắt đầu bằng P');
  state(l1.slice(2, 5), 'issuingState');
  const numberField = l2.slice(0, 9);
  expectCheck(numberField, l2.charAt(9), 'documentNumberCheckDigit');
  const documentNumber = documentNumberOf(numberField);
  const nationality = state(l2.slice(10, 13), 'nationality');
  const common = line2Fields(l2, 13, today);
  const personal = l2.slice(28, 42);
  expectCheck(personal, l2.charAt(42), 'personalNumberCheckDigit');
  expectCheck(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), l2.charAt(43), 'compositeCheckDigit');
  const personalNumber = stripFillers(personal);
  return {
    source: 'mrz-td3',
    // A Vietnamese passport carries the 12-digit personal ID in the personal number field.
    idNumber: nationality === 'VNM' && /^\d{12}$/.test(personalNumber) ? personalNumber : null,
    documentNumber,
    oldIdNumber: null,
    fullName: name(l1.slice(5)),
    dateOfBirth: common.dateOfBirth,
    issueDate: null,
    expiryDate: common.expiryDate,
    sex: common.sex,
    nationality,
    address: null,
  };
}

/** DOB, sex, expiry: same order in TD1 (from column 0) and TD3 (from column 13). */
function line2Fields(line: string, at: number, today: YMD) {
  const dobField = line.slice(at, at + 6);
  expectCheck(dobField, line.charAt(at + 6), 'dateOfBirthCheckDigit');
  const dateOfBirth = toIso(parseYyMmDd(dobField, 'dateOfBirth', 'birth', today));
  const sexChar = line.charAt(at + 7);
  // `X` is allowed for "unspecified" since the 8th edition, as is `<`.
  if (!/^[MFX<]$/.test(sexChar)) fail('sex', 'must be M, F, X or <', 'phải là M, F, X hoặc <');
  const expField = line.slice(at + 8, at + 14);
  expectCheck(expField, line.charAt(at + 14), 'expiryDateCheckDigit');
  // An all-filler expiry is how a document without expiry is written (e.g. CCCD of citizens over 60).
  const expiryDate = expField === '<<<<<<' ? null : toIso(parseYyMmDd(expField, 'expiryDate', 'expiry', today));
  return { dateOfBirth, expiryDate, sex: sexChar === 'M' ? 'M' : sexChar === 'F' ? 'F' : null } as const;
}

/**
 * Doc 9303 part 5 §4.2.2 note: a number longer than 9 characters puts its first 9 in columns 6–14, a `<` in
 * column 15, then the rest, its check digit and a `<` at the start of the optional data. The check digit is
 * over the whole number (without the column-15 filler).
 */
function documentNumberTd1(field: string, check: string, optional: string) {
  if (check !== '<') {
    expectCheck(field, check, 'documentNumberCheckDigit');
    return { number: documentNumberOf(field), optional };
  }
  const end = optional.indexOf('<');
  if (end < 2) fail('documentNumber', 'long document number has no continuation and check digit in the optional data', 'số giấy tờ dài thiếu phần tiếp theo');
  if (field.includes('<')) fail('documentNumber', 'a truncated document number cannot contain fillers', 'số giấy tờ dài không được có ký tự <');
  const number = field + optional.slice(0, end - 1);
  expectCheck(number, optional.charAt(end - 1), 'documentNumberCheckDigit');
  return { number, optional: optional.slice(end + 1) };
}

/**
 * The CCCD puts the full 12-digit ID in the optional data, then `<<`, then that ID's check digit (seen on
 * issued cards; the composite digit covers it too). Any other optional content means the ID is unknown.
 */
function cccdIdNumber(optional: string): string | null {
  const m = /^(\d{12})<<([0-9<])$/.exec(optional) ?? /^(\d{12})<*$/.exec(optional);
  if (!m) return null;
  const id = m[1]!;
  if (m[2] !== undefined && m[2] !== '<') expectCheck(id, m[2], 'idNumberCheckDigit');
  return id;
}

function expectCheck(field: string, digit: string, name: string): void {
  const expected = checkDigit(field);
  // A field of fillers only (absent optional data) may carry `<` instead of 0 as its check digit.
  if (digit === '<' && /^<*$/.test(field)) return;
  if (digit !== String(expected)) {
    fail(name, `is ${JSON.stringify(digit)}, computed ${expected}`, `là ${JSON.stringify(digit)}, tính ra ${expected}`);
  }
}

function state(raw: string, field: 'issuingState' | 'nationality'): string {
  const code = stripFillers(raw);
  if (!/^[A-Z]{1,3}$/.test(code) || !STATE_CODES.has(code)) fail(field, 'is not an ICAO state code', 'không phải mã quốc gia ICAO');
  return code;
}

function name(field: string): string {
  if (!/^[A-Z<]+$/.test(field)) fail('name', 'may only contain A-Z and <', 'chỉ được có A-Z và <');
  const [primary = '', ...rest] = field.split('<<');
  const words = (s: string) => s.split('<').filter(Boolean).join(' ');
  const surname = words(primary);
  if (surname === '') fail('name', 'primary identifier (surname) is empty', 'thiếu họ');
  const given = words(rest.join('<'));
  return given === '' ? surname : `${surname} ${given}`;
}

/** ICAO 9303 pads a short document number with `<` on the right only; a filler before or inside it is corrupt. */
function documentNumberOf(field: string): string {
  const number = stripFillers(field);
  if (number === '') fail('documentNumber', 'is empty', 'bị trống');
  if (number.includes('<')) fail('documentNumber', 'has a < filler before or inside the number', 'có ký tự < ở đầu hoặc giữa số giấy tờ');
  return number;
}

function stripFillers(s: string): string {
  return s.replace(/<+$/, '');
}
