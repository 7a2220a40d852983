import { looksLikeCccdQr, parseCccdQr } from './cccd-qr.ts';
import { fail } from './errors.ts';
import { parseMrz } from './mrz.ts';
import type { Identity, ParseOptions } from './types.ts';

/** Anything a scanner or MRZ reader produced → an identity, or an IdentityParseError saying why not. */
export function parseIdentity(payload: string, options: ParseOptions = {}): Identity {
  if (typeof payload !== 'string') fail('payload', 'is not text', 'không phải văn bản');
  const text = payload.replace(/^\uFEFF/, '').trim();
  if (text === '') fail('payload', 'is empty', 'bị trống');
  if (looksLikeCccdQr(text)) return parseCccdQr(text, options);
  if (/^[A-Z0-9<]/.test(text) && /[\r\n]/.test(text)) return parseMrz(text, options);
  return fail('format', 'neither a CCCD QR (fields separated by |) nor a 2- or 3-line MRZ',
    'không phải mã QR CCCD (các trường ngăn bởi |) hay vùng MRZ 2 hoặc 3 dòng');
}
