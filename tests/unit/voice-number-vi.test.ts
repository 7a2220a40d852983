import { describe, expect, it } from 'vitest';
import { NumberReadingError, readNumberVi } from '../../main/core/voice/number-vi.ts';

describe('readNumberVi', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'], // "mốt" only after a tens digit ≥ 2
    [14, 'mười bốn'], // "tư" only after a tens digit ≥ 2
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [91, 'chín mươi mốt'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'], // not "mốt" after "linh"
    [104, 'một trăm linh bốn'], // not "tư" after "linh"
    [105, 'một trăm linh năm'], // not "lăm" after "linh"
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [999, 'chín trăm chín mươi chín'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm linh năm'],
    [1050, 'một nghìn không trăm năm mươi'],
    [1500, 'một nghìn năm trăm'],
    [2024, 'hai nghìn không trăm hai mươi tư'],
    [10000, 'mười nghìn'],
    [15015, 'mười lăm nghìn không trăm mười lăm'],
    [21000, 'hai mươi mốt nghìn'],
    [100001, 'một trăm nghìn không trăm linh một'],
    [105000, 'một trăm linh năm nghìn'],
    [999999, 'chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
  ])('%i → %s', (n, words) => {
    expect(readNumberVi(n)).toBe(words);
  });

  it.each([-1, 1.5, 1_000_000, Number.NaN])('refuses %d with a precise reason', (n) => {
    expect(() => readNumberVi(n)).toThrow(NumberReadingError);
  });
});
