import { describe, expect, it } from 'vitest';
import { listProfileIds, loadProfile, parseProfile, ProfileError } from '../../drivers/printer/profile.ts';

describe('printer profiles', () => {
  it('ships a TM-T88 class, a generic 58 mm and a generic 80 mm profile, all valid', () => {
    expect(listProfileIds()).toEqual(expect.arrayContaining(['epson-tm-t88', 'generic-58', 'generic-80']));
    for (const id of listProfileIds()) expect(loadProfile(id).id).toBe(id);
    expect(loadProfile('generic-58').paper).toEqual({ widthMm: 58, dots: 384, columns: 32 });
    expect(loadProfile('epson-tm-t88').codePages).toContainEqual({ id: 'tcvn3', page: 30 });
  });

  const good = () => structuredClone(loadProfile('generic-80')) as Record<string, any>;

  it('a bad value gives its path and the reason', () => {
    const p = good();
    p.paper.dots = 384;
    expect(() => parseProfile(p, 'x.json')).toThrow('invalid printer profile x.json: paper.dots: 80 mm paper has 512 or 576 dots, not 384');
  });

  it('codepage mode needs a Vietnamese page that is listed', () => {
    const p = good();
    p.text = { mode: 'codepage', vietnameseCodePage: 'tcvn3', cancelKanji: true };
    expect(() => parseProfile(p, 'x.json')).toThrow('text.vietnameseCodePage: "tcvn3" is not listed in codePages');
  });

  it('unknown keys, wrong types and unknown code pages are all named', () => {
    const p = good();
    p.baud = 9600;
    p.serial.baudRate = 12345;
    p.codePages.push({ id: 'viscii', page: 99 });
    try {
      parseProfile(p, 'bad.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProfileError);
      const issues = (e as ProfileError).issues.join('\n');
      expect(issues).toMatch(/^serial\.baudRate: /m);
      expect(issues).toMatch(/^codePages\.2\.id: /m);
      expect(issues).toMatch(/^\(root\): .*baud/m);
    }
  });

  it('an unknown id lists the known ones', () => {
    expect(() => loadProfile('epson-tm-t20')).toThrow(/no such profile; known: epson-tm-t88, generic-58, generic-80/);
    expect(() => loadProfile('../etc/passwd')).toThrow(/not a valid id/);
  });
});
