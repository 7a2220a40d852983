import { describe, expect, it } from 'vitest';
import { isPersonalKey, maskDeep, maskLogLine, maskPersonalText, redactPaths } from '../../main/core/log/mask.ts';

describe('maskPersonalText', () => {
  it.each([
    ['CCCD 001099012345 scanned', 'CCCD [id-12] scanned'],
    ['CCCD 001 099 012 345 scanned', 'CCCD [id-12] scanned'],
    ['CMND 123456789.', 'CMND [id-9].'],
    ['CMND 123.456.789', 'CMND [id-9]'],
    ['call 0912345678 now', 'call [phone] now'],
    ['call +84 912 345 678', 'call [phone]'],
    ['id=001099012345,cmnd=123456789', 'id=[id-12],cmnd=[id-9]'],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalText(text)).toBe(masked);
  });

  it.each([
    'ticket A012 at counter 5',
    'took 12345678 ns', // 8 digits
    'epoch 1700000000000', // 13 digits
    'order 1234567890123456', // a longer number is not an ID
    '2025-10-11T08:00:00.000Z',
  ])('leaves %s alone', (text) => {
    expect(maskPersonalText(text)).toBe(text);
  });
});

describe('maskDeep', () => {
  it('redacts personal fields at any depth and any spelling, masks text and ID-sized numbers', () => {
    expect(
      maskDeep({
        ticket: 'A012',
        a: { b: { c: { full_name: 'Nguyễn Văn An', DateOfBirth: '1990-01-02' } } },
        list: [{ idNumber: '001099012345' }, 'note 123456789'],
        typedAsNumber: 1099012345,
        cmndAsNumber: 123456789,
        count: 42,
      }),
    ).toEqual({
      ticket: 'A012',
      a: { b: { c: { full_name: '[redacted]', DateOfBirth: '[redacted]' } } },
      list: [{ idNumber: '[redacted]' }, 'note [id-9]'],
      typedAsNumber: 1099012345,
      cmndAsNumber: '[id-9]',
      count: 42,
    });
  });

  it('survives cycles and turns errors into masked plain objects', () => {
    const loop: Record<string, unknown> = { n: 1 };
    loop.self = loop;
    expect(maskDeep(loop)).toEqual({ n: 1, self: '[circular]' });
    const masked = maskDeep({ e: new Error('bad 001099012345') }) as { e: { message: string; stack: string } };
    expect(masked.e.message).toBe('bad [id-12]');
    expect(masked.e.stack).not.toContain('001099012345');
  });

  it('keys', () => {
    expect(isPersonalKey('phone_number')).toBe(true);
    expect(isPersonalKey('counterName')).toBe(false);
    expect(redactPaths(['email'])).toEqual(['email', '*.email']);
  });
});

describe('maskLogLine', () => {
  it('keeps a pino line valid JSON while masking inside it', () => {
    const line = `${JSON.stringify({ level: 30, time: 1700000000000, msg: 'scan 001099012345', n: 123456789 })}\n`;
    const out = maskLogLine(line);
    expect(out.endsWith('\n')).toBe(true);
    expect(JSON.parse(out)).toEqual({ level: 30, time: 1700000000000, msg: 'scan [id-12]', n: '[id-9]' });
  });

  it('masks a line that is not JSON as text', () => {
    expect(maskLogLine('raw 001099012345')).toBe('raw [id-12]\n');
  });
});
