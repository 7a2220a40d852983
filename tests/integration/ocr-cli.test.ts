import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runOcr } from '../../main/cli/ocr.ts';
import { buildDossierPdf } from '../../main/core/ocr/dossier.ts';
import { renderFilledForm, renderTextPage } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';

const dir = mkdtempSync(join(tmpdir(), 'letan-ocr-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runOcr(args, { stdin: new PassThrough(), stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('letan ocr', () => {
  it('prints the text of a page, and of each page of a PDF', { timeout: 90_000 }, async () => {
    const png = join(dir, 'page.png');
    writeFileSync(png, await renderTextPage(['Phiếu lý lịch tư pháp số 1'], { dpi: 150 }));
    const r = await run([png]);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe('Phiếu lý lịch tư pháp số 1');

    const pdf = join(dir, 'two.pdf');
    writeFileSync(pdf, await buildDossierPdf([await renderTextPage(['Trang một'], { dpi: 150 }), await renderTextPage(['Trang hai'], { dpi: 150 })]));
    const p = await run([pdf, '--json']);
    expect(p.code).toBe(0);
    const j = JSON.parse(p.out);
    expect(j.pages).toBe(2);
    expect(j.text).toBe('Trang một\n\f\nTrang hai');
  });

  it('with --template --json gives text, confidence, ms and the fields', { timeout: 90_000 }, async () => {
    const t = loadTemplates().get('ket-hon')!;
    const values = {
      kinh_gui: 'UBND phường Vĩnh Ninh',
      nu_ho_ten: 'HOÀNG THỊ YẾN',
      nam_ho_ten: 'ĐẶNG QUỐC BẢO',
      nu_ngay_sinh: '04/11/1996',
      nam_ngay_sinh: '21/06/1994',
      nu_dan_toc: 'Kinh',
      nam_dan_toc: 'Kinh',
      nu_quoc_tich: 'Việt Nam',
      nam_quoc_tich: 'Việt Nam',
      nu_noi_cu_tru: 'Phường Vĩnh Ninh, Huế',
      nam_noi_cu_tru: 'Phường An Cựu, Huế',
      nu_cccd: '046196004512',
      nam_cccd: '046094007788',
      nu_lan_ket_hon: '1',
      nam_lan_ket_hon: '1',
      ban_sao_co: true,
      ban_sao_khong: false,
      so_ban_sao: '2',
    };
    const png = join(dir, 'ket-hon.png');
    writeFileSync(png, await renderFilledForm(t, values, { dpi: 200 }));
    const r = await run([png, '--template', 'ket-hon', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.text).toContain('TỜ KHAI ĐĂNG KÝ KẾT HÔN');
    expect(j.confidence).toBeGreaterThan(70);
    expect(typeof j.ms).toBe('number');
    for (const k of ['nu_cccd', 'nam_cccd', 'nu_ngay_sinh', 'nam_ngay_sinh', 'nu_dan_toc', 'nam_quoc_tich']) {
      expect(j.fields[k], k).toMatchObject({ value: values[k as keyof typeof values], valid: true });
    }
    expect(j.fields.ban_sao_co.value).toBe(true);
    expect(j.fields.nu_ho_ten.confidence).toBeGreaterThan(0);
  });

  it('exits 2 with one line for unreadable or unsupported input', async () => {
    const txt = join(dir, 'notes.txt');
    writeFileSync(txt, 'hello');
    const cases = [
      [[join(dir, 'missing.png')], /cannot read .*missing\.png: no such file/],
      [[txt], /unsupported file type/],
      [[dir], /is a directory/],
      [[txt, '--template', 'nope'], /unknown template "nope" \(known: ket-hon, khai-sinh, ly-lich-tu-phap\)/],
      [[], /usage: letan ocr/],
    ] as const;
    for (const [args, msg] of cases) {
      const r = await run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
