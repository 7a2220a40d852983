import { describe, expect, it } from 'vitest';
import { ageOn, dateFromDigits, DateEntryError, formatDob, isElderly, maskDateDigits, nameNeedsDiacritics, personFromIdentity, priorityBasisFor, vnToday } from '../../renderer/src/identity/person.ts';
import { collectMrzLine, dossierCodeIn, scanFromWedge } from '../../renderer/src/identity/scan-input.ts';
import { asOfText, formatDong, vietnameseDate, vnClock, vnDate } from '../../renderer/src/pages/kiosk/format.ts';
import { CCCD_SAMPLE, QR_2021 } from './identity-fixtures.ts';

describe('age from the date of birth', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('1966-05-08', '2026-05-07')).toBe(59);
    expect(ageOn('1966-05-08', '2026-05-08')).toBe(60);
    expect(ageOn('1966-12-31', '2026-12-30')).toBe(59);
    expect(ageOn('1966-12-31', '2027-01-01')).toBe(60);
  });
  it('a 29 February birthday comes on 1 March in common years', () => {
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1964-02-29', '2025-02-28')).toBe(60);
    expect(ageOn('1964-02-29', '2025-03-01')).toBe(61);
    expect(ageOn('1965-02-29', '2025-03-01')).toBeNull(); // no such day
  });
  it('elderly from 60 (Law on the Elderly)', () => {
    expect(isElderly('1966-05-08', '2026-05-08')).toBe(true);
    expect(isElderly('1966-05-09', '2026-05-08')).toBe(false);
    expect(isElderly('nonsense', '2026-05-08')).toBe(false);
  });
  it('a birth date after today is no age', () => {
    expect(ageOn('2030-01-01', '2026-01-01')).toBeNull();
  });
  it('today in Vietnam is UTC+7', () => {
    expect(vnToday(new Date('2026-05-07T17:00:00Z'))).toBe('2026-05-08');
    expect(vnToday(new Date('2026-05-07T16:59:59Z'))).toBe('2026-05-07');
  });
});

describe('what a priority claim rests on', () => {
  const born1960 = { source: 'cccd-qr' as const, fullName: 'Trần Thị Lan', idNumber: '001160000001', dateOfBirth: '1960-11-27', address: 'Hà Nội' };
  it('the card’s date of birth backs the elderly priority from the 60th birthday on', () => {
    expect(priorityBasisFor('elderly', born1960, '2020-11-27')).toBe('card-birth-date');
    expect(priorityBasisFor('elderly', born1960, '2020-11-26')).toBe('declared');
  });
  it('a typed date of birth, another priority or no card is the citizen’s word', () => {
    expect(priorityBasisFor('elderly', { ...born1960, source: 'keyboard' }, '2026-11-27')).toBe('declared');
    expect(priorityBasisFor('pregnant', born1960, '2026-11-27')).toBe('declared');
    expect(priorityBasisFor('elderly', null, '2026-11-27')).toBe('declared');
  });
});

describe('date of birth on the keypad', () => {
  it('reads ddmmyyyy', () => {
    expect(dateFromDigits('01021950', '2026-05-08')).toBe('1950-02-01');
    expect(dateFromDigits('01/02/1950', '2026-05-08')).toBe('1950-02-01');
    expect(maskDateDigits('0102')).toBe('01/02');
    expect(maskDateDigits('010219')).toBe('01/02/19');
    expect(formatDob('1950-02-01')).toBe('01/02/1950');
  });
  it.each([
    ['0102195', /8 chữ số/],
    ['31022000', /không có thật/],
    ['00012000', /không có thật/],
    ['01132000', /không có thật/],
    ['01012030', /tương lai/],
    ['01011800', /không hợp lệ/],
  ])('%s is refused in Vietnamese', (typed, msg) => {
    expect(() => dateFromDigits(typed, '2026-05-08')).toThrow(DateEntryError);
    try {
      dateFromDigits(typed, '2026-05-08');
    } catch (e) {
      expect((e as DateEntryError).messageVi).toMatch(msg);
    }
  });
});

describe('Vietnamese dates, times and money', () => {
  it('writes the appointment the Vietnamese way', () => {
    expect(vietnameseDate('2026-05-08')).toBe('Thứ Sáu, ngày 08 tháng 5 năm 2026');
    expect(vietnameseDate('2026-04-26')).toBe('Chủ Nhật, ngày 26 tháng 4 năm 2026');
    expect(vietnameseDate('2026-12-14')).toBe('Thứ Hai, ngày 14 tháng 12 năm 2026');
    expect(vietnameseDate('2026-05-08', 'en')).toBe('Friday, 8 May 2026');
  });
  it('reads instants in Vietnam time', () => {
    expect(vnClock('2026-05-08T02:15:00Z')).toBe('09:15');
    expect(vnDate('2026-05-07T18:00:00Z')).toBe('2026-05-08');
  });
  it('formats đồng with dots', () => {
    expect(formatDong(500_000)).toBe('500.000 đồng');
    expect(formatDong(1_250_000, 'en')).toBe('1,250,000 VND');
    expect(formatDong(0)).toBe('0 đồng');
  });
  it('says how old an offline answer is', () => {
    expect(asOfText('2026-05-08T02:15:00Z', new Date('2026-05-08T05:00:00Z'))).toBe('Thông tin lúc 09:15');
    expect(asOfText('2026-05-07T02:15:00Z', new Date('2026-05-08T05:00:00Z'))).toBe('Thông tin lúc 09:15 ngày 07/05/2026');
  });
});

describe('scans', () => {
  it('a wedge burst with a CCCD QR is an identity', () => {
    const s = scanFromWedge(QR_2021, '2026-05-08');
    expect(s.identity?.fullName).toBe('Nguyễn Văn Ánh');
    expect(s.text).toBeNull();
    const p = personFromIdentity(s.identity!);
    expect(p).toEqual({ source: 'cccd-qr', fullName: 'Nguyễn Văn Ánh', idNumber: '001093047064', dateOfBirth: '1993-01-05', address: 'Số 8, ngõ 9 Kim Ngưu, Phường Vĩnh Tuy, Quận Hai Bà Trưng, Hà Nội' });
    expect(nameNeedsDiacritics(p)).toBe(false);
  });
  it('an MRZ gives an upper-case name to correct', () => {
    const s = scanFromWedge(CCCD_SAMPLE.join('\n'), '2026-05-08');
    const p = personFromIdentity(s.identity!);
    expect(p.fullName).toBe('UNG HOANG HIEP');
    expect(p.idNumber).toBe('001093047064');
    expect(p.address).toBe('');
    expect(nameNeedsDiacritics(p)).toBe(true);
  });
  it('anything else keeps its text and says why in Vietnamese', () => {
    const s = scanFromWedge('000.00.12.H57-260424-0001', '2026-05-08');
    expect(s.identity).toBeNull();
    expect(s.text).toBe('000.00.12.H57-260424-0001');
    expect(s.errorVi).toMatch(/Định dạng/);
  });
  it('finds a dossier code in a code, a link or nothing', () => {
    expect(dossierCodeIn(' 000.00.12.H57-260424-0001 ')).toBe('000.00.12.H57-260424-0001');
    expect(dossierCodeIn('https://dichvucong.example/tra-cuu?ma=000.00.12.H57-260424-0001')).toBe('000.00.12.H57-260424-0001');
    expect(dossierCodeIn('https://x.example/ho-so/H00.00-260508-0012%2F')).toBe('H00.00-260508-0012');
    expect(dossierCodeIn('http://kiosk/files/receipts/abcdefabcdefabcdef.pdf')).toBeNull();
    expect(dossierCodeIn('%E0%A4%A')).toBeNull();
  });
});

describe('MRZ lines from a wedge reader', () => {
  it('collects the three lines of an ID card, then parses them as one', () => {
    let lines: string[] = [];
    for (const [i, line] of CCCD_SAMPLE.entries()) {
      const r = collectMrzLine(lines, line)!;
      if (i < 2) expect(r.complete).toBeNull();
      else expect(scanFromWedge(r.complete!, '2026-05-08').identity?.idNumber).toBe('001093047064');
      lines = r.lines;
    }
    expect(lines).toEqual([]);
  });
  it('is not fooled by other text, and restarts on a line of another length', () => {
    expect(collectMrzLine([], QR_2021)).toBeNull();
    expect(collectMrzLine([], 'ABC')).toBeNull();
    const r = collectMrzLine([CCCD_SAMPLE[0]], 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')!;
    expect(r.lines).toEqual(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<']);
  });
});
