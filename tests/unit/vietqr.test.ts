import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildVietQr, crc16ccitt, parseVietQr, toAsciiNote, VietQrError } from '../../main/core/payment/vietqr.ts';

// Published payloads (CRC recomputed independently before use):
// - NAPAS spec examples (970403 / 0011012345678 / 9704031101234567 / NPS6869 "thanh toan don hang"),
//   reproduced in the tests of several public VietQR libraries (e.g. a TS makeQRData suite, a PHP VietQrCode suite).
// - subiz/vietqr README and vietqr_test.go (970415 / 970422 / 970423 examples).
const NAPAS_STATIC_CARD = '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52';
const NAPAS_STATIC_ACCOUNT = '00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F';
const NAPAS_DYNAMIC_ACCOUNT = '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E';
const NAPAS_DYNAMIC_CARD = '00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203';
const SUBIZ_README = '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
const SUBIZ_DIACRITICS = '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62160812chuyen khoan6304722F';
const SUBIZ_STATIC = '00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4';

describe('CRC-16/CCITT-FALSE', () => {
  it('check value of "123456789" is 0x29B1', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
  });
  it('matches the NAPAS example', () => {
    expect(crc16ccitt(NAPAS_STATIC_CARD.slice(0, -4))).toBe('4F52');
  });
});

describe('buildVietQr reproduces published payloads byte for byte', () => {
  it('NAPAS static to card', () => {
    expect(buildVietQr({ bankBin: '970403', account: '9704031101234567', service: 'QRIBFTTC' })).toBe(NAPAS_STATIC_CARD);
  });
  it('NAPAS static to account', () => {
    expect(buildVietQr({ bankBin: '970403', account: '0011012345678' })).toBe(NAPAS_STATIC_ACCOUNT);
  });
  it('NAPAS dynamic with amount, bill number and purpose (account and card)', () => {
    const common = { bankBin: '970403', amount: 180000, billNumber: 'NPS6869', purpose: 'thanh toan don hang' };
    expect(buildVietQr({ ...common, account: '0011012345678' })).toBe(NAPAS_DYNAMIC_ACCOUNT);
    expect(buildVietQr({ ...common, account: '9704031101234567', service: 'QRIBFTTC' })).toBe(NAPAS_DYNAMIC_CARD);
  });
  it('subiz examples, including a note with diacritics stripped', () => {
    expect(buildVietQr({ bankBin: '970415', account: '0011001932418', amount: 120000, purpose: 'ủng hộ lũ lụt' })).toBe(SUBIZ_README);
    expect(buildVietQr({ bankBin: '970422', account: '0023457923442', amount: 40123, purpose: 'chuyển khoản' })).toBe(SUBIZ_DIACRITICS);
    expect(buildVietQr({ bankBin: '970423', account: '0099999999' })).toBe(SUBIZ_STATIC);
  });
  it('a dossier fee: the dossier code is the transfer note', () => {
    const p = buildVietQr({ bankBin: '970415', account: '113366668888', amount: 50000, purpose: '000.00.00.H49-250310-0007' });
    expect(p).toContain('62290825000.00.00.H49-250310-0007');
    expect(parseVietQr(p).purpose).toBe('000.00.00.H49-250310-0007');
  });
});

describe('parseVietQr', () => {
  it('reads every published example', () => {
    expect(parseVietQr(NAPAS_DYNAMIC_CARD)).toMatchObject({
      pointOfInitiation: 'dynamic',
      bankBin: '970403',
      account: '9704031101234567',
      service: 'QRIBFTTC',
      currency: '704',
      amount: 180000,
      country: 'VN',
      purpose: 'thanh toan don hang',
      billNumber: 'NPS6869',
    });
    expect(parseVietQr(SUBIZ_STATIC)).toMatchObject({ pointOfInitiation: 'static', amount: null, purpose: null, account: '0099999999' });
    for (const p of [NAPAS_STATIC_ACCOUNT, NAPAS_STATIC_CARD, NAPAS_DYNAMIC_ACCOUNT, SUBIZ_README, SUBIZ_DIACRITICS]) expect(parseVietQr(p).bankBin).toMatch(/^9704\d\d$/);
  });
  it('rejects a wrong CRC, truncation, bad nesting and non-ASCII', () => {
    expect(() => parseVietQr(NAPAS_STATIC_CARD.slice(0, -4) + '0000')).toThrow(/CRC/);
    expect(() => parseVietQr(NAPAS_STATIC_CARD.slice(0, -10))).toThrow(VietQrError);
    // A payload seen in public code whose CRC is right but whose 38/01 length (27) does not match its content.
    expect(() => parseVietQr('00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5')).toThrow(/38\/01/);
    expect(() => parseVietQr('Đ' + NAPAS_STATIC_CARD)).toThrow(/ASCII/);
    expect(() => parseVietQr('')).toThrow(VietQrError);
  });
});

describe('length and value checks', () => {
  it('refuses notes over 25 characters instead of truncating them', () => {
    expect(() => buildVietQr({ bankBin: '970415', account: '1', amount: 1, purpose: 'x'.repeat(26) })).toThrow(/tối đa 25/);
  });
  it('refuses bad BIN, account, card, amount', () => {
    expect(() => buildVietQr({ bankBin: '97041', account: '1' })).toThrow(/BIN/);
    expect(() => buildVietQr({ bankBin: '970415', account: 'x'.repeat(20) })).toThrow(VietQrError);
    expect(() => buildVietQr({ bankBin: '970415', account: '123', service: 'QRIBFTTC' })).toThrow(/thẻ/);
    expect(() => buildVietQr({ bankBin: '970415', account: '1', amount: 0 })).toThrow(/số tiền/);
    expect(() => buildVietQr({ bankBin: '970415', account: '1', amount: 10.5 })).toThrow(/số tiền/);
  });
  it('toAsciiNote strips Vietnamese diacritics including đ/Đ', () => {
    expect(toAsciiNote('Lệ phí cấp Giấy phép — Đà Nẵng, hồ sơ số 7')).toBe('Le phi cap Giay phep Da Nang, ho so so 7');
  });
  it('build → parse round-trips', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[0-9A-Z]{1,19}$/),
        fc.option(fc.integer({ min: 1, max: 9_999_999_999 }), { nil: undefined }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9][ -~]{0,23}[A-Za-z0-9]$/), { nil: undefined }),
        (bankBin, account, amount, purpose) => {
          const d = parseVietQr(buildVietQr({ bankBin, account, amount, purpose }));
          expect(d.bankBin).toBe(bankBin);
          expect(d.account).toBe(account);
          expect(d.amount).toBe(amount ?? null);
          if (purpose !== undefined) expect(d.purpose).toBe(toAsciiNote(purpose));
        },
      ),
    );
  });
});
