import { describe, expect, it } from 'vitest';
import { looksLikeIdentity, monitorView } from '../../main/core/devices/monitor-mask.ts';

const QR = '001093047064|123456789|Nguyễn Văn A|05011993|Nam|Hà Nội|15082021';
const MRZ = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'].join('\n');

describe('device monitor masking', () => {
  it('shows a CCCD QR as its shape: separators kept, digits and letters replaced, diacritics visible as such', () => {
    const v = monitorView(QR, false);
    expect(v.text).toBe('999999999999|999999999|aaaaăa aăa a|99999999|aaa|aă aăa|99999999');
    expect(v.text).not.toMatch(/[0-8]/);
    expect(v.text).not.toContain('Nguy');
    expect(v.bytes).toBe(Buffer.byteLength(QR));
    // "|" is 7c and stays readable; every digit's byte is hidden
    expect(v.hex.split(' ')[12]).toBe('7c');
    expect(v.hex).not.toMatch(/3[0-9]/);
  });

  it('shows an MRZ as its shape, fillers and line breaks kept', () => {
    expect(looksLikeIdentity(MRZ)).toBe(true);
    const v = monitorView(MRZ, false);
    expect(v.text).toBe('a<aaaa999999999<<<<<<<<<<<<<<<\\n9999999a9999999aaa<<<<<<<<<<<9\\naaaaaaaa<<aaaa<aaaaa<<<<<<<<<<');
  });

  it('keeps words of other text but hides long numbers; escapes control characters', () => {
    const v = monitorView('https://kiosk.test/hs/H00.00-260102-0001 call 0912345678\u0002', false);
    expect(v.text).toBe('https://kiosk.test/hs/H00.00-999999-0001 call 9999999999\\x02');
  });

  it('raw view shows the frame as sent', () => {
    const v = monitorView(QR, true);
    expect(v.text).toBe(QR);
    expect(v.hex.startsWith('30 30 31')).toBe(true);
  });
});
