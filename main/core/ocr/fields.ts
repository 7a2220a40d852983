import type { Psm } from './pool.ts';
import { normWord, type FieldType, type FormField } from './template.ts';

/** How a field of each type is read: one text line, and only the characters the type can contain. */
export interface FieldReadSpec {
  psm: Psm;
  whitelist?: string;
}

const DIGITS = '0123456789';

/** Every Vietnamese letter, both cases, precomposed (NFC): base letters × the five tone marks. */
function vietnameseLetters(): string {
  const bases = 'aăâeêioôơuưy';
  const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  const set = new Set<string>('abcdđeghiklmnopqrstuvxyfjwz'.split(''));
  for (const b of bases) for (const t of tones) set.add((b + t).normalize('NFC'));
  const lower = [...set];
  return lower.join('') + lower.map((c) => c.toUpperCase()).join('');
}

const SPECS: Record<Exclude<FieldType, 'checkbox'>, FieldReadSpec> = {
  text: { psm: 7 },
  name: { psm: 7, whitelist: vietnameseLetters() + ' ' },
  date: { psm: 7, whitelist: DIGITS + '/' },
  id12: { psm: 7, whitelist: DIGITS },
  phone: { psm: 7, whitelist: DIGITS + '+' },
  email: { psm: 7, whitelist: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' + DIGITS + '@._-+' },
  amount: { psm: 7, whitelist: DIGITS + '.' },
};

export function readSpec(type: Exclude<FieldType, 'checkbox'>): FieldReadSpec {
  return SPECS[type];
}

/** Numeric types: characters a short field holds, so the bench can time them apart from text lines. */
export function isShortNumeric(type: FieldType): boolean {
  return type === 'date' || type === 'id12' || type === 'phone' || type === 'amount';
}

/** Removes what a printed form leaves around an answer: dotted leaders, stray colons, doubled spaces. */
export function cleanValue(type: FieldType, raw: string): string {
  let v = raw.normalize('NFC').replace(/[\u2026·_]+/g, ' ');
  // Quote marks are never part of an answer; tesseract makes them from leader dots next to the text.
  v = v.replace(/\.{2,}/g, ' ').replace(/^[\s:;,.\-|"“”'‘’`]+|[\s:;,\-|"“”'‘’`]+$/g, '');
  v = v.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'date':
      return v.replace(/\s*\/\s*/g, '/').replace(/[^0-9/]/g, '');
    case 'id12':
      return v.replace(/\D/g, '');
    case 'phone':
      return v.replace(/[^0-9+]/g, '');
    case 'amount':
      return v.replace(/[^0-9.]/g, '').replace(/\.$/, '');
    case 'email':
      return v.replace(/\s/g, '');
    default:
      return v.replace(/\.$/, '');
  }
}

export interface Validation {
  valid: boolean;
  reason?: string;
}

// CCCD province codes (first three digits of the 12-digit personal identification number).
const PROVINCE_CODES = new Set(
  ('001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 ' +
    '042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 ' +
    '086 087 089 091 092 093 094 095 096').split(' '),
);

function isCalendarDate(d: number, m: number, y: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Checks a cleaned value against its field's type and rules. Empty optional fields are valid. */
export function validateField(field: Pick<FormField, 'type' | 'required' | 'oneOf'>, value: string | boolean): Validation {
  if (field.type === 'checkbox') return { valid: typeof value === 'boolean' };
  const v = String(value);
  if (v === '') return field.required ? { valid: false, reason: 'trống' } : { valid: true };
  const bad = (reason: string): Validation => ({ valid: false, reason });
  switch (field.type) {
    case 'date': {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
      if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return bad('ngày không hợp lệ (dd/mm/yyyy)');
      break;
    }
    case 'id12':
      if (!/^\d{12}$/.test(v)) return bad('số định danh phải có 12 chữ số');
      if (!PROVINCE_CODES.has(v.slice(0, 3))) return bad('mã tỉnh của số định danh không tồn tại');
      break;
    case 'phone': {
      const n = v.startsWith('+84') ? '0' + v.slice(3) : v;
      if (!/^0[35789]\d{8}$/.test(n) && !/^02\d{9}$/.test(n)) return bad('số điện thoại không hợp lệ');
      break;
    }
    case 'email':
      if (!/^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(v)) return bad('email không hợp lệ');
      break;
    case 'amount':
      if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(v) || Number(v.replace(/\./g, '')) <= 0) return bad('số lượng không hợp lệ');
      break;
    case 'name':
      if (!/^[\p{L} ]+$/u.test(v) || v.split(' ').length < 2) return bad('họ tên phải gồm chữ cái, ít nhất hai từ');
      break;
    case 'text':
      if (!/\p{L}/u.test(v)) return bad('không có chữ');
      break;
  }
  if (field.oneOf && !field.oneOf.some((o) => normWord(o) === normWord(v))) return bad(`phải là một trong: ${field.oneOf.join(', ')}`);
  return { valid: true };
}
