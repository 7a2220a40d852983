import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossierPdf, dossierText } from '../../main/core/ocr/dossier.ts';
import { createOcrPool, type OcrPool } from '../../main/core/ocr/pool.ts';
import { createOcrService, OcrInputError, type OcrService } from '../../main/core/ocr/service.ts';
import { renderFilledForm, renderTextPage, type FormValues } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import { noise, skew } from '../../bench/corpus/degrade.ts';
import { FORM_VALUES } from '../fixtures/form-values.ts';

const templates = loadTemplates();
let pool: OcrPool;
let ocr: OcrService;
beforeAll(async () => {
  pool = await createOcrPool({ size: 2 });
  ocr = createOcrService({ pool, templates });
});
afterAll(async () => pool.close());

/** Character error rate between two strings (NFC, case kept). */
function cer(got: string, want: string): number {
  const a = [...got.normalize('NFC')];
  const b = [...want.normalize('NFC')];
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return d[b.length]! / Math.max(1, b.length);
}

const KHAI_SINH: FormValues = FORM_VALUES['khai-sinh']!;

describe('reading a filled Tờ khai đăng ký khai sinh (150 dpi scan)', () => {
  it('registers the page and reads every field, none flagged', async () => {
    const page = await renderFilledForm(templates.get('khai-sinh')!, KHAI_SINH, { dpi: 150 });
    const r = await ocr.readPage(page, { templateId: 'khai-sinh' });
    expect(r.template?.registration.anchorsFound).toBeGreaterThanOrEqual(5);
    expect(r.text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    const fields = r.fields!;
    for (const [name, want] of Object.entries(KHAI_SINH)) {
      const got = fields[name]!;
      if (typeof want === 'boolean') expect(got.value, name).toBe(want);
      else expect(cer(String(got.value), want), `${name}: "${got.value}"`).toBeLessThanOrEqual(0.05);
      expect(got.valid, name).toBe(true);
    }
    // Exact where the type allows no slack.
    expect(fields.giay_to_tuy_than!.value).toBe('046085001234');
    expect(fields.ngay_sinh!.value).toBe('12/03/2024');
    expect(Object.values(fields).filter((f) => f.flagged)).toEqual([]);
  });
});

describe('reading a skewed Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (300 dpi) with wrong answers', () => {
  it('deskews, reads, and flags the invalid fields', async () => {
    const values: FormValues = {
      ho_ten: 'LÊ THỊ MINH THƯ',
      gioi_tinh: 'Nữ',
      ngay_sinh: '31/02/1990', // no such date
      noi_sinh: 'Phú Vang, Thừa Thiên Huế',
      quoc_tich: 'Việt Nam',
      noi_thuong_tru: '5 Trần Hưng Đạo, phường Phú Hòa, TP Huế',
      so_giay_to: '04619000123', // 11 digits
      ngay_cap: '15/08/2021',
      ho_ten_cha: 'LÊ VĂN HÙNG',
      ho_ten_me: 'PHAN THỊ MAI',
      dien_thoai: '0905123456',
      email: 'minhthu.le@example.vn',
      phieu_so_1: false,
      phieu_so_2: true,
      muc_dich: 'Bổ sung hồ sơ xin việc',
      so_luong: '2',
    };
    const page = await skew(await renderFilledForm(templates.get('ly-lich-tu-phap')!, values, { dpi: 300 }), 2);
    const r = await ocr.readPage(page, { templateId: 'ly-lich-tu-phap' });
    expect(Math.abs(r.page.skewDeg - 2)).toBeLessThan(0.3);
    const f = r.fields!;
    expect(f.ngay_sinh!.value).toBe('31/02/1990');
    expect(f.ngay_sinh!.valid).toBe(false);
    expect(f.ngay_sinh!.flagged).toBe(true);
    expect(f.so_giay_to!.value).toBe('04619000123');
    expect(f.so_giay_to!.flagged).toBe(true);
    expect(f.ten_goi_khac!.value).toBe(''); // left empty, optional
    expect(f.ten_goi_khac!.flagged).toBe(false);
    // Numbers and addresses exactly; names within one character (the dotted leader under a line can pass for
    // a dot-below mark: Ư read as Ự, so at most one character off).
    for (const name of ['ngay_cap', 'dien_thoai', 'email', 'so_luong']) {
      expect(f[name]!.value, name).toBe(values[name]);
      expect(f[name]!.flagged, name).toBe(false);
    }
    for (const name of ['ho_ten', 'ho_ten_cha', 'ho_ten_me', 'muc_dich']) {
      const want = String(values[name]);
      expect(cer(String(f[name]!.value), want) * [...want].length, `${name}: ${f[name]!.value}`).toBeLessThanOrEqual(1);
      expect(f[name]!.valid, name).toBe(true);
    }
    expect(cer(String(f.noi_thuong_tru!.value), String(values.noi_thuong_tru))).toBeLessThanOrEqual(0.05);
    expect(f.phieu_so_1!.value).toBe(false);
    expect(f.phieu_so_2!.value).toBe(true);
  });
});

describe('pages without a template', () => {
  it('still get full text; a noisy scan is binarised first', async () => {
    const lines = ['Thủ tục đăng ký kết hôn', 'Giấy xác nhận tình trạng hôn nhân', 'Ủy ban nhân dân phường Thuận Hòa'];
    const page = await noise(await renderTextPage(lines, { dpi: 200 }), 30, 7);
    const r = await ocr.readPage(page);
    expect(r.page.binarised).toBe(true);
    expect(cer(r.text.replace(/\s*\n\s*/g, '\n'), lines.join('\n'))).toBeLessThanOrEqual(0.05);
  });

  it('rejects bytes that are not an image and an unknown template', async () => {
    await expect(ocr.readPage(Buffer.from('not an image'))).rejects.toThrow(OcrInputError);
    await expect(ocr.readPage(Buffer.alloc(10), { templateId: 'nope' })).rejects.toThrow(/unknown form template "nope"/);
  });
});

describe('dossier PDF', () => {
  it('stores the pages as one PDF at their physical size, with the recognised text attached', async () => {
    const a = await renderTextPage(['Trang một'], { dpi: 150 });
    const b = await renderTextPage(['Trang hai'], { dpi: 150 });
    const readings = [await ocr.readPage(a), await ocr.readPage(b)];
    const pdf = await buildDossierPdf([a, b], { readings });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(595); // A4 in points
    expect(Math.round(height)).toBe(842);
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
    expect(names.has(PDFName.of('EmbeddedFiles'))).toBe(true);
    expect(dossierText(readings).pages.map((p) => p.text)).toEqual(['Trang một', 'Trang hai']);
  });
});
