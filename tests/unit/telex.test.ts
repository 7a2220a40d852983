import { describe, expect, it } from 'vitest';
import { composeWord, decomposeWord, telexEdit, type TelexField, telexType } from '../../renderer/src/telex/telex.ts';

const nfc = (s: string) => s.normalize('NFC');

describe('Telex: letters with marks', () => {
  it.each([
    ['aa', 'â'],
    ['aw', 'ă'],
    ['ee', 'ê'],
    ['oo', 'ô'],
    ['ow', 'ơ'],
    ['uw', 'ư'],
    ['w', 'ư'],
    ['dd', 'đ'],
    ['DD', 'Đ'],
    ['Dd', 'Đ'],
    ['AA', 'Â'],
    ['W', 'Ư'],
    ['tw', 'tư'],
    ['nhw', 'như'],
    ['truwowngf', 'trường'],
    ['truowngf', 'trường'],
    ['nguwowif', 'người'],
    ['muwa', 'mưa'],
    ['muaw', 'mưa'],
    ['cuwar', 'cửa'],
    ['quawn', 'quăn'],
    ['quoocs', 'quốc'],
    ['hoawcj', 'hoặc'],
    ['guwir', 'gửi'],
    ['cuwus', 'cứu'],
    ['ddi', 'đi'],
    ['dungd', 'đung'],
  ])('%s → %s', (keys, out) => expect(composeWord(keys)).toBe(nfc(out)));
});

describe('Telex: tones', () => {
  it.each([
    ['as', 'á'],
    ['af', 'à'],
    ['ar', 'ả'],
    ['ax', 'ã'],
    ['aj', 'ạ'],
    ['asz', 'a'],
    ['asf', 'à'], // a second tone replaces the first
    ['Thij', 'Thị'],
    ['Nguyeenx', 'Nguyễn'],
    ['NGUYEENX', 'NGUYỄN'],
    ['DDaWngj', 'Đặng'],
    ['Hoaf', 'Hoà'],
    ['hofa', 'hoà'], // the tone moves as the word grows
    ['Hoangf', 'Hoàng'],
    ['toans', 'toán'],
    ['giuwax', 'giữa'],
    ['gif', 'gì'],
    ['ginf', 'gìn'],
    ['giaays', 'giấy'],
    ['quys', 'quý'],
    ['quar', 'quả'],
    ['khuyur', 'khuỷu'],
    ['ngoaif', 'ngoài'],
    ['muaf', 'mùa'],
    ['mias', 'mía'],
    ['tuis', 'túi'],
    ['roofi', 'rồi'],
    ['huynhf', 'huỳnh'],
    ['Huees', 'Huế'],
    ['ruwowuj', 'rượu'],
    ['tieengs', 'tiếng'],
    ['yeeu', 'yêu'],
  ])('%s → %s', (keys, out) => expect(composeWord(keys)).toBe(nfc(out)));

  it('uses the modern placement in open oa, oe, uy', () => {
    expect(composeWord('hoaf')).toBe(nfc('hoà'));
    expect(composeWord('khoer')).toBe(nfc('khoẻ'));
    expect(composeWord('thuys')).toBe(nfc('thuý'));
    expect(composeWord('Thuys')).not.toBe(nfc('Thúy'));
  });

  it('writes NFC: one code point per letter', () => {
    const s = composeWord('Nguyeenx');
    expect(s).toBe(s.normalize('NFC'));
    expect(Array.from(s)).toHaveLength(6);
  });
});

describe('Telex: doubling a key undoes it and types the letter', () => {
  it.each([
    ['ass', 'as'],
    ['asss', 'ass'],
    ['aff', 'af'],
    ['aaa', 'aa'],
    ['eee', 'ee'],
    ['ooo', 'oo'],
    ['aww', 'aw'],
    ['oww', 'ow'],
    ['uww', 'uw'],
    ['ww', 'w'],
    ['ddd', 'dd'],
    ['Hoaff', 'Hoaf'],
  ])('%s → %s', (keys, out) => expect(composeWord(keys)).toBe(out));
});

describe('Telex: what it leaves alone', () => {
  it.each([
    ['sang', 'sang'], // a tone key with no vowel before it is a letter
    ['xin', 'xin'],
    ['rar', 'rả'],
    ['z', 'z'],
    ['az', 'az'], // z with no tone to remove is a letter
    ['bcs', 'bcs'], // not a syllable: no tone
  ])('%s → %s', (keys, out) => expect(composeWord(keys)).toBe(nfc(out)));
});

describe('decomposeWord', () => {
  it.each(['Nguyễn', 'Thị', 'Hoà', 'Đặng', 'người', 'Ưng', 'trường', 'giữa', 'quốc', 'khuỷu', 'Huế', 'ĐẶNG'])('%s round-trips', (w) => {
    expect(composeWord(decomposeWord(w))).toBe(nfc(w));
  });
  it('gives the keys a person would type', () => {
    expect(decomposeWord('Nguyễn')).toBe('Nguyeenx');
    expect(decomposeWord('Đặng')).toBe('DDawngj');
  });
});

describe('telexEdit: a field typed key by key', () => {
  it('types a full name with spaces', () => {
    expect(telexType('Nguyeenx Thij Hoaf')).toBe(nfc('Nguyễn Thị Hoà'));
    expect(telexType('12 Lee Lowij, Huees')).toBe(nfc('12 Lê Lợi, Huế'));
  });
  it('types as it is with Telex off', () => {
    expect(telexType('Nguyeenx', false)).toBe('Nguyeenx');
  });
  it('Backspace deletes one letter and the next key continues the word', () => {
    let f: TelexField = { text: '', keys: null };
    for (const k of 'Nguyeenx') f = telexEdit(f, k);
    f = telexEdit(f, 'Backspace');
    expect(f.text).toBe(nfc('Nguyễ'));
    f = telexEdit(f, 'n');
    expect(f.text).toBe(nfc('Nguyễn'));
    f = telexEdit(f, 'z');
    expect(f.text).toBe(nfc('Nguyên'));
  });
  it('adds diacritics to a prefilled upper-case name', () => {
    let f: TelexField = { text: 'NGUYEN THI HOA', keys: null };
    f = telexEdit(f, 'F');
    expect(f.text).toBe(nfc('NGUYEN THI HOÀ'));
  });
  it('continues foreign text literally', () => {
    let f: TelexField = { text: 'Ưashington', keys: null };
    f = telexEdit(f, 's');
    expect(f.text.endsWith('s')).toBe(true);
  });
  it('Backspace on an empty field stays empty', () => {
    expect(telexEdit({ text: '', keys: null }, 'Backspace').text).toBe('');
  });
});
