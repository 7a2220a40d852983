/** ICAO 9303 part 3 §4.9: weights 7-3-1, `<` = 0, A = 10 … Z = 35. Input must be [0-9A-Z<] only. */
export function checkDigit(field: string): number {
  const weights = [7, 3, 1] as const;
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    const v = c === 60 ? 0 : c <= 57 ? c - 48 : c - 55;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}
