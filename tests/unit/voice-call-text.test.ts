import { describe, expect, it } from 'vitest';
import { callText } from '../../main/core/voice/call-text.ts';
import { VoiceError } from '../../main/core/voice/errors.ts';
import { letterNameVi, speakCodeVi } from '../../main/core/voice/spell-vi.ts';

describe('callText', () => {
  it('separates what is shown from what is said, in Vietnamese and English', () => {
    expect(callText({ ticketNumber: 'A012', counterName: '5' })).toEqual({
      display: {
        vi: 'Mời công dân có số thứ tự A012 đến quầy số 5',
        en: 'Ticket A012, please go to counter 5',
      },
      spoken: {
        vi: 'Mời công dân có số thứ tự a mười hai đến quầy số năm',
        en: 'Ticket A12, please go to counter 5',
      },
    });
  });

  it('reads the number value with the linh / mốt rules', () => {
    expect(callText({ ticketNumber: 'B105', counterName: '21' }).spoken.vi).toBe(
      'Mời công dân có số thứ tự bê một trăm linh năm đến quầy số hai mươi mốt',
    );
  });

  it('keeps a named counter as words', () => {
    const t = callText({ ticketNumber: 'C015', counterName: 'Thu phí' });
    expect(t.display.vi).toBe('Mời công dân có số thứ tự C015 đến quầy Thu phí');
    expect(t.spoken.vi).toBe('Mời công dân có số thứ tự xê mười lăm đến quầy thu phí');
  });

  it('refuses an empty ticket with a bad-input error', () => {
    expect(() => callText({ ticketNumber: ' ', counterName: '5' })).toThrow(VoiceError);
    expect(() => callText({ ticketNumber: 'A1', counterName: '' })).toThrow(
      expect.objectContaining({ code: 'bad-input', reason: expect.stringContaining('counterName') }),
    );
  });
});

describe('spelling codes', () => {
  it.each([
    ['A', 'a'], ['B', 'bê'], ['C', 'xê'], ['D', 'dê'], ['Đ', 'đê'], ['E', 'e'], ['G', 'giê'], ['H', 'hát'], ['K', 'ca'],
    ['L', 'e lờ'], ['S', 'ét xì'], ['X', 'ích xì'], ['Y', 'i dài'],
  ])('letter %s is named %s', (letter, name) => {
    expect(letterNameVi(letter)).toBe(name);
  });

  it.each([
    ['A012', 'a mười hai'],
    ['D024', 'dê hai mươi tư'],
    ['HC-7', 'hát xê bảy'],
    ['Đ1000', 'đê một nghìn'],
    ['12B', 'mười hai bê'],
    ['1234567', 'một hai ba bốn năm sáu bảy'], // too long for a number value: digit by digit
  ])('%s is spoken %s', (code, spoken) => {
    expect(speakCodeVi(code)).toBe(spoken);
  });
});
