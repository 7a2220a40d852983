import { describe, expect, it } from 'vitest';
import { IdentityParseError, parseCccdQr, parseIdentity } from '../../drivers/identity/index.ts';
import { QR_2021, QR_2024 } from './identity-fixtures.ts';

const today = '2026-03-01';
const p = (s: string) => parseIdentity(s, { today });
const fieldOf = (s: string) => {
  try {
    p(s);
  } catch (e) {
    if (e instanceof IdentityParseError) return e.field;
    throw e;
  }
  throw new Error('expected an IdentityParseError');
};
const withField = (i: number, v: string) => QR_2021.split('|').map((f, j) => (j === i ? v : f)).join('|');

describe('CCCD QR (Circular 06/2021)', () => {
  it('parses every field, keeping diacritics', () => {
    expect(p(QR_2021)).toEqual({
      source: 'cccd-qr', idNumber: '001093047064', documentNumber: '001093047064', oldIdNumber: '123456789',
      fullName: 'Nguyễn Văn Ánh', dateOfBirth: '1993-01-05', issueDate: '2021-08-15', expiryDate: null, sex: 'M',
      nationality: 'VNM', address: 'Số 8, ngõ 9 Kim Ngưu, Phường Vĩnh Tuy, Quận Hai Bà Trưng, Hà Nội',
    });
  });
  it('normalises decomposed (NFD) text to NFC', () => {
    const r = p(QR_2021.normalize('NFD'));
    expect(r.fullName).toBe('Nguyễn Văn Ánh');
    expect(r.fullName === r.fullName.normalize('NFC')).toBe(true);
    expect(r.address).toBe(p(QR_2021).address);
  });
  it('tolerates a BOM and the scanner’s CR/LF terminator', () => {
    expect(p(`\uFEFF${QR_2021}\r\n`)).toEqual(p(QR_2021));
  });
  it('2024 thẻ căn cước: extra fields and an empty old CMND', () => {
    expect(p(QR_2024)).toMatchObject({
      idNumber: '079204001234', oldIdNumber: null, fullName: 'Trần Thị Ngọc Hương', dateOfBirth: '2004-02-29',
      sex: 'F', issueDate: '2024-07-01',
    });
  });
  it('empty optional fields become null', () => {
    const r = p('001093047064||Lò Văn Páo|02091960||||');
    expect(r).toMatchObject({ oldIdNumber: null, sex: null, address: null, issueDate: null });
    expect(fieldOf('001093047064||Lò Văn Páo||||')).toBe('dateOfBirth');
  });
  it('does not judge the province/century prefix of the ID', () => {
    expect(p(withField(0, '999999999999')).idNumber).toBe('999999999999');
  });
  it('accepts 12-digit old CMND and upper-case sex', () => {
    expect(p(withField(1, '012345678901')).oldIdNumber).toBe('012345678901');
    expect(p(withField(4, 'NỮ')).sex).toBe('F');
  });
  it.each([
    ['idNumber', withField(0, '00109304706')],
    ['idNumber', withField(0, '00109304706a')],
    ['oldIdNumber', withField(1, '1234')],
    ['fullName', withField(2, '')],
    ['fullName', withField(2, 'Nguyễn 3 Văn')],
    ['dateOfBirth', withField(3, '31021993')],
    ['dateOfBirth', withField(3, '29021900')],
    ['dateOfBirth', withField(3, '1993-01-05')],
    ['dateOfBirth', withField(3, '02032026')],
    ['sex', withField(4, 'Male')],
    ['issueDate', withField(6, '32012021')],
    ['issueDate', withField(6, '01011990')],
    ['issueDate', withField(6, '01012027')],
    ['fieldCount', '001093047064|123456789|Nguyễn Văn Ánh|05011993|Nam|Hà Nội'],
    ['fieldCount', `${QR_2021}${'|'.repeat(10)}`],
    ['address', withField(5, 'Hà Nội\u0007')],
    ['payload', QR_2021.replace('|Nam|', '|Nam\n|')],
  ])('rejects bad %s', (field, payload) => {
    expect(fieldOf(payload)).toBe(field);
  });
  it('the message is Vietnamese then English and carries no personal data', () => {
    try {
      parseCccdQr(withField(3, '31021993'), { today });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(IdentityParseError);
      const err = e as IdentityParseError;
      expect(err.message).toBe('Ngày sinh: không phải ngày có thật / dateOfBirth: is not a real calendar date');
      expect(err.messageVi).toBe('Ngày sinh: không phải ngày có thật');
      expect(err.message).not.toContain('1993');
    }
  });
  it('format detection rejects text that is neither QR nor MRZ', () => {
    expect(fieldOf('hello world')).toBe('format');
    expect(fieldOf('   ')).toBe('payload');
  });
});
