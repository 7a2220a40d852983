export type { Identity, IdentitySource, ParseOptions } from './types.ts';
export { IdentityParseError } from './errors.ts';
export { parseIdentity } from './parse.ts';
export { parseCccdQr } from './cccd-qr.ts';
export { parseMrz, splitMrzLines, detectMrzFormat, type MrzFormat } from './mrz.ts';
export { checkDigit } from './check-digit.ts';
