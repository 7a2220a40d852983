import { compare, parseDdMmYyyy, todayOf, toIso } from './dates.ts';
import { fail } from './errors.ts';
import type { Identity, ParseOptions } from './types.ts';

// Circular 06/2021/TT-BCA: ID | old CMND | name | DOB | sex | permanent address | issue date. The 2024
// "thẻ căn cước" keeps these seven first and may append more; we read the seven and ignore the rest.
const MIN_FIELDS = 7;
// A sanity bound so a random pipe-riddled string is not taken for a card; real payloads carry ≤ 11.
const MAX_FIELDS = 16;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Vietnamese names are letters and spaces; a few ethnic-minority names carry an apostrophe or hyphen.
const NAME = /^\p{L}[\p{L}\p{M}]*(?:[ '’-][\p{L}\p{M}]+)*$/u;

export function looksLikeCccdQr(payload: string): boolean {
  return payload.includes('|');
}

export function parseCccdQr(payload: string, options: ParseOptions = {}): Identity {
  const today = todayOf(options.today);
  const text = payload.normalize('NFC').replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
  if (text.includes('\n') || text.includes('\r')) fail('payload', 'contains a line break', 'có ký tự xuống dòng');
  const parts = text.split('|');
  if (parts.length < MIN_FIELDS || parts.length > MAX_FIELDS) {
    fail('fieldCount', `expected ${MIN_FIELDS} to ${MAX_FIELDS} fields separated by |, got ${parts.length}`,
      `cần từ ${MIN_FIELDS} đến ${MAX_FIELDS} trường ngăn bởi |, có ${parts.length}`);
  }
  for (const [i, part] of parts.entries()) {
    if (CONTROL.test(part)) fail(FIELD_NAMES[i] ?? `field${i + 1}`, 'contains a control character', 'có ký tự điều khiển');
  }
  const [idRaw, oldRaw, nameRaw, dobRaw, sexRaw, addressRaw, issueRaw] = parts.map((p) => p.trim()) as [
    string, string, string, string, string, string, string,
  ];

  if (!/^\d{12}$/.test(idRaw)) fail('idNumber', 'must be exactly 12 digits', 'phải gồm đúng 12 chữ số');
  if (oldRaw !== '' && !/^(\d{9}|\d{12})$/.test(oldRaw)) {
    fail('oldIdNumber', 'must be empty, 9 or 12 digits', 'phải để trống hoặc gồm 9 hay 12 chữ số');
  }
  const fullName = nameRaw.replace(/\s+/g, ' ');
  if (fullName === '') fail('fullName', 'is empty', 'bị trống');
  if (!NAME.test(fullName)) fail('fullName', 'contains characters that are not letters', 'có ký tự không phải chữ cái');

  const dob = parseDdMmYyyy(dobRaw, 'dateOfBirth');
  if (compare(dob, today) > 0) fail('dateOfBirth', 'is in the future', 'ở tương lai');

  const sex = parseSex(sexRaw);
  const address = addressRaw.replace(/\s+/g, ' ');

  let issueDate: string | null = null;
  if (issueRaw !== '') {
    const issue = parseDdMmYyyy(issueRaw, 'issueDate');
    if (compare(issue, today) > 0) fail('issueDate', 'is in the future', 'ở tương lai');
    if (compare(issue, dob) < 0) fail('issueDate', 'is before the date of birth', 'trước ngày sinh');
    issueDate = toIso(issue);
  }

  return {
    source: 'cccd-qr',
    idNumber: idRaw,
    documentNumber: idRaw, // the CCCD's card number is the personal ID number
    oldIdNumber: oldRaw === '' ? null : oldRaw,
    fullName,
    dateOfBirth: toIso(dob),
    issueDate,
    expiryDate: null, // not in the QR
    sex,
    nationality: 'VNM', // a CCCD is only issued to Vietnamese citizens
    address: address === '' ? null : address,
  };
}

const FIELD_NAMES = ['idNumber', 'oldIdNumber', 'fullName', 'dateOfBirth', 'sex', 'address', 'issueDate'];

function parseSex(raw: string): 'M' | 'F' | null {
  const v = raw.toLocaleLowerCase('vi');
  if (v === '') return null;
  if (v === 'nam') return 'M';
  if (v === 'nữ') return 'F';
  return fail('sex', 'must be "Nam", "Nữ" or empty', 'phải là "Nam", "Nữ" hoặc để trống');
}
