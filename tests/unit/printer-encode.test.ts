import { describe, expect, it } from 'vitest';
import { encode, encodeWithReport } from '../../drivers/printer/encode.ts';
import { EncodeError } from '../../drivers/printer/errors.ts';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { lineHeight, layoutText, loadFontSet } from '../../drivers/printer/raster.ts';
import { testPage } from '../../drivers/printer/test-page.ts';
import { EscPosInterpreter } from '../helpers/virtual-printer.ts';

const epson = loadProfile('epson-tm-t88');
const g58 = loadProfile('generic-58');
const g80 = loadProfile('generic-80');
const fonts = loadFontSet();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('encode: text modes byte for byte', () => {
  it('TCVN-3 (Epson page 30): "chào đường"', async () => {
    const bytes = await encode({ blocks: [{ kind: 'text', text: 'chào đường' }] }, epson, { fonts });
    // ESC @ | ESC t 30 | c h à=B5 o ␠ đ=AE ư=AD ờ=EA n g | LF
    expect(hex(bytes)).toBe('1b40' + '1b741e' + '6368b56f20aeadea6e67' + '0a');
  });

  it('CP1258 (page 27): "Việt Nam đẹp" as base letter + combining mark', async () => {
    const bytes = await encode({ blocks: [{ kind: 'text', text: 'Việt Nam đẹp' }] }, g80, { textMode: 'codepage', fonts });
    // ESC @ | FS . | ESC t 27 | V i ê=EA ̣=F2 t ␠ N a m ␠ đ=F0 e ̣=F2 p | LF
    expect(hex(bytes)).toBe('1b40' + '1c2e' + '1b741b' + '5669eaf274204e616d20f065f270' + '0a');
  });

  it('CP1258 keeps the precomposed letters the page has (à, Ê) and decomposes the rest (ả, ữ)', async () => {
    const bytes = await encode({ blocks: [{ kind: 'text', text: 'àÊảữ' }] }, g80, { textMode: 'codepage', fonts });
    // à=E0, Ê=CA, a+̉(D2), ư(FD)+̃(DE)
    expect(hex(bytes)).toBe('1b40' + '1c2e' + '1b741b' + 'e0ca61d2fdde' + '0a');
  });

  it('raster: GS v 0 header, dimensions and payload size for "Xin chào"', async () => {
    const bytes = await encode({ blocks: [{ kind: 'text', text: 'Xin chào' }] }, g58, { fonts });
    const width = (layoutText(fonts, 'Xin chào', 24, false).width + 7) & ~7;
    const height = lineHeight(24);
    expect(height).toBe(35);
    expect(width).toBe(104); // Be Vietnam Pro 400 at 24 px
    const head = [0x1b, 0x40, 0x1c, 0x2e, 0x1d, 0x76, 0x30, 0x00, width / 8, 0, height, 0];
    expect([...bytes.subarray(0, head.length)]).toEqual(head);
    expect(bytes.length).toBe(head.length + (width / 8) * height);
    const ink = bytes.subarray(head.length).reduce((n, b) => n + (b ? 1 : 0), 0);
    expect(ink).toBeGreaterThan(20);
  });

  it('a line the code page cannot hold falls back to raster, never "?"', async () => {
    // TCVN-3 has no toned capitals: "ẤP" must not go out as text
    const r = await encodeWithReport({ blocks: [{ kind: 'text', text: 'ẤP BẮC' }, { kind: 'text', text: 'ấp bắc' }] }, epson, { fonts });
    expect(r.lines.map((l) => l.via)).toEqual(['raster', 'tcvn3']);
    expect([...r.bytes]).not.toContain(0x3f);
  });

  it('ticket number: large native text with GS !', async () => {
    const bytes = await encode({ blocks: [{ kind: 'big', text: 'A012' }] }, epson, { fonts });
    // ESC a 1 | ESC E 1 | GS ! 0x33 | A012 | LF | GS ! 0 | ESC E 0
    expect(hex(bytes)).toBe('1b40' + '1b6101' + '1b4501' + '1d2133' + '41303132' + '0a' + '1d2100' + '1b4500');
  });

  it('native QR (GS ( k), CODE128 and partial cut', async () => {
    const bytes = await encode({ blocks: [{ kind: 'qr', data: 'AB', moduleSize: 5 }, { kind: 'barcode', data: 'A{1' }, { kind: 'cut' }] }, epson, { fonts });
    expect(hex(bytes)).toBe(
      '1b40' +
        '1b6101' +
        '1d286b0400314132001d286b03003143051d286b03003145311d286b050031503041421d286b0300315130' +
        '1d6850' + '1d7702' + '1d4802' + '1d6b49' + '06' + '7b42' + '417b7b31' +
        '1d564200',
    );
  });

  it('raster QR where the profile has no native QR, and tear feed without cutter', async () => {
    const r = new EscPosInterpreter(g58);
    r.push(await encode({ blocks: [{ kind: 'qr', data: 'https://example.vn/A012', moduleSize: 4 }, { kind: 'cut' }] }, g58, { fonts }));
    const img = r.items.find((i) => i.kind === 'raster');
    // version 2 QR: 25 modules + 2×4 quiet = 33 modules × 4 dots = 132, padded to 136
    expect(img).toMatchObject({ kind: 'raster', widthDots: 136, height: 132 });
    expect(r.items.at(-1)).toEqual({ kind: 'feed', lines: 4 });
  });

  it('rejects non-ASCII barcode data with a precise EncodeError', async () => {
    await expect(encode({ blocks: [{ kind: 'barcode', data: 'Số 1' }] }, epson, { fonts })).rejects.toThrow(EncodeError);
    await expect(encode({ blocks: [{ kind: 'barcode', data: 'Số 1' }] }, epson, { fonts })).rejects.toThrow(/printable ASCII/);
  });

  it('wraps code-page text by columns (58 mm: 32)', async () => {
    const r = await encodeWithReport({ blocks: [{ kind: 'text', text: 'thủ tục đăng ký khai sinh cho trẻ em dưới sáu tuổi' }] }, g58, { textMode: 'codepage', fonts });
    expect(r.lines.map((l) => l.text)).toEqual(['thủ tục đăng ký khai sinh cho', 'trẻ em dưới sáu tuổi']);
  });
});

describe('test page', () => {
  it.each([['epson-tm-t88'], ['generic-58'], ['generic-80']])('%s: every configured path, QR, barcode, cut', async (id) => {
    const profile = loadProfile(id);
    const r = await encodeWithReport(testPage(profile), profile, { fonts });
    const vi = profile.codePages.filter((c) => c.id !== 'pc437').map((c) => c.id);
    for (const cp of vi) expect(r.lines.some((l) => l.via === cp)).toBe(true);
    expect(r.lines.some((l) => l.via === 'raster')).toBe(true);
    const printer = new EscPosInterpreter(profile);
    printer.push(r.bytes);
    if (profile.cutter === 'none') printer.tear();
    expect(printer.unknown).toEqual([]);
    expect(printer.tickets).toHaveLength(1);
    const items = printer.tickets[0]!.items;
    expect(items.some((i) => i.kind === (profile.qr.native ? 'qr' : 'raster'))).toBe(true);
    expect(items.some((i) => i.kind === 'barcode' && i.data === 'LETAN-A123')).toBe(true);
    expect(items.some((i) => i.kind === 'text' && i.text === 'A123' && i.width === profile.bigTextScale)).toBe(true);
    expect(EscPosInterpreter.textOf(printer.tickets[0]!).join(' ')).toContain('chào bạn, đường nguyễn trãi, ấp ổ ượng');
  });
});
