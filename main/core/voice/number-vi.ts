// Reading whole numbers aloud the Vietnamese way (northern standard: "linh", "nghìn").
// Rules: 1 after a tens digit ≥ 2 is "mốt"; 5 after any tens digit is "lăm"; 4 after a tens digit ≥ 2 is "tư";
// a zero tens digit before a non-zero unit inside a hundred is "linh"; a non-leading group keeps "không trăm".

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

export const READ_NUMBER_VI_MAX = 999_999;

export class NumberReadingError extends Error {
  override readonly name = 'NumberReadingError';
  constructor(readonly value: number, reason: string) {
    super(`cannot read ${String(value)} aloud: ${reason}`);
  }
}

function digit(d: number): string {
  const word = DIGITS[d];
  if (word === undefined) throw new NumberReadingError(d, 'not a digit');
  return word;
}

/** Tens and units of a group, 0..99; `inner` is true when something (a hundred or a higher group) precedes. */
function readTens(n: number, inner: boolean): string[] {
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 0) {
    if (unit === 0) return [];
    return inner ? ['linh', digit(unit)] : [digit(unit)];
  }
  const words = tens === 1 ? ['mười'] : [digit(tens), 'mươi'];
  if (unit === 0) return words;
  if (unit === 5) words.push('lăm');
  else if (unit === 1 && tens >= 2) words.push('mốt');
  else if (unit === 4 && tens >= 2) words.push('tư');
  else words.push(digit(unit));
  return words;
}

/** A three-digit group 0..999; `leading` is false when a higher group precedes (then "không trăm" is spoken). */
function readGroup(n: number, leading: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && leading) return readTens(rest, false);
  const words = [digit(hundreds), 'trăm'];
  if (rest === 0) return words;
  return [...words, ...readTens(rest, true)];
}

/** Vietnamese words for an integer 0..999999, e.g. 105 → "một trăm linh năm", 21 → "hai mươi mốt". */
export function readNumberVi(n: number): string {
  if (!Number.isInteger(n)) throw new NumberReadingError(n, 'not a whole number');
  if (n < 0) throw new NumberReadingError(n, 'negative');
  if (n > READ_NUMBER_VI_MAX) throw new NumberReadingError(n, `above ${READ_NUMBER_VI_MAX}`);
  if (n === 0) return 'không';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands > 0) words.push(...readGroup(thousands, true), 'nghìn');
  if (rest > 0) words.push(...readGroup(rest, thousands === 0));
  return words.join(' ');
}
