import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVietQr } from '../../main/core/payment/vietqr.ts';
import { parseReceiptData, ReceiptDataError, vnDateText, vnDateTimeText, vnMoney, type ReceiptDataInput } from '../../main/core/receipt/data.ts';
import { MAU_01_FIELD_KEYS, receiptSections, TITLE } from '../../main/core/receipt/content.ts';
import { buildReceiptPrintDocument } from '../../main/core/receipt/print.ts';
import { buildReceiptPdf } from '../../main/core/receipt/pdf.ts';
import { loadReceiptFonts } from '../../main/core/receipt/fonts.ts';

const catalog = JSON.parse(readFileSync(fileURLToPath(new URL('../../assets/catalog/procedures-catalog.json', import.meta.url)), 'utf8')) as { receipt_form_fields: string[] };

const CODE = '000.00.00.H49-250310-0007';
const vietQr = buildVietQr({ bankBin: '970415', account: '113366668888', amount: 50000, purpose: CODE });

const base: ReceiptDataInput = {
  parentAgency: 'UBND tỉnh Thừa Thiên Huế',
  centerName: 'Trung tâm Phục vụ hành chính công',
  receiptNumber: '125/TTPVHCC',
  place: 'Huế',
  issuedOn: '2025-03-10',
  dossierCode: CODE,
  copy: 2,
  receivingUnit: 'Quầy Sở Khoa học và Công nghệ',
  applicant: { name: 'Nguyễn Thị Ánh Tuyết', address: '01 Lê Lai, phường Thuận Hóa, TP Huế', phone: '0234 3856868', email: 'anh.tuyet@example.vn' },
  procedureName: 'Cấp giấy phép xuất bản bản tin (địa phương)',
  documents: [
    { name: 'Tờ khai đề nghị cấp giấy phép xuất bản bản tin', quantity: 1, form: 'bản chính' },
    { name: 'Sơ yếu lý lịch của người chịu trách nhiệm xuất bản bản tin', quantity: 1 },
  ],
  sets: 1,
  processingDays: 20,
  processingUnit: 'ngày làm việc',
  receivedAt: new Date('2025-03-10T09:05:00+07:00'),
  appointmentAt: new Date('2025-04-08T09:05:00+07:00'),
  resultDelivery: { method: 'buu-chinh', address: '12 Trần Hưng Đạo, TP Huế' },
  register: { book: '03', number: '125' },
  fee: { amount: 50000, state: 'chua-thanh-toan', vietQr },
  receiverName: 'Trần Văn Đức',
  digitalSignature: null,
};
const data = parseReceiptData(base);

/** What each catalog field must show on paper (a label or fixed wording from Mẫu số 01). */
const EXPECTED_TEXT: Record<(typeof MAU_01_FIELD_KEYS)[number], string[]> = {
  'chu-ky-so': ['Chữ ký số của tổ chức'],
  'tieu-de-co-quan': ['UBND TỈNH THỪA THIÊN HUẾ', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG'],
  'quoc-hieu-tieu-ngu': ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  'so-giay': ['Số: 125/TTPVHCC'],
  'dia-danh-ngay': ['Huế, ngày 10 tháng 3 năm 2025'],
  'ten-giay': [TITLE],
  'ma-ho-so': [`Mã hồ sơ: ${CODE}`],
  lien: ['Liên 2: Giao khách hàng'],
  'bo-phan-tiep-nhan': ['Bộ phận tiếp nhận và trả kết quả: Quầy Sở Khoa học và Công nghệ'],
  'tiep-nhan-cua': ['Tiếp nhận hồ sơ của: Nguyễn Thị Ánh Tuyết'],
  'dia-chi': ['Địa chỉ: 01 Lê Lai, phường Thuận Hóa, TP Huế'],
  'so-dien-thoai': ['Số điện thoại: 0234 3856868'],
  email: ['Email: anh.tuyet@example.vn'],
  'noi-dung-yeu-cau': ['Nội dung yêu cầu giải quyết: Cấp giấy phép xuất bản bản tin (địa phương)'],
  'thanh-phan-ho-so': ['1. Thành phần hồ sơ nộp gồm:', 'Tờ khai đề nghị cấp giấy phép xuất bản bản tin: 01 bản chính', 'Sơ yếu lý lịch'],
  'so-luong-ho-so': ['2. Số lượng hồ sơ: 01 bộ'],
  'thoi-gian-giai-quyet': ['3. Thời gian giải quyết hồ sơ theo quy định là: 20 ngày làm việc'],
  'thoi-gian-nhan': ['4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 10 tháng 3 năm 2025'],
  'thoi-gian-tra': ['5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 08 tháng 4 năm 2025'],
  'dang-ky-nhan-ket-qua': ['6. Đăng ký nhận kết quả tại: qua dịch vụ bưu chính công ích về địa chỉ 12 Trần Hưng Đạo, TP Huế'],
  'vao-so': ['Vào Sổ theo dõi hồ sơ, Quyển số: 03, Số thứ tự: 125'],
  'nguoi-nop': ['NGƯỜI NỘP HỒ SƠ', '(Ký và ghi rõ họ tên)'],
  'nguoi-tiep-nhan': ['NGƯỜI TIẾP NHẬN HỒ SƠ', 'Trần Văn Đức'],
  'ghi-chu': ['Ghi chú:', 'lập thành 02 liên', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', 'qua dịch vụ bưu chính'],
};

describe('Mẫu số 01 field list', () => {
  it('has one key per field of the catalog, in order', () => {
    expect(MAU_01_FIELD_KEYS.length).toBe(catalog.receipt_form_fields.length);
    // Spot-check the pairing against the catalog's wording.
    const pairs: Array<[string, string]> = MAU_01_FIELD_KEYS.map((k, i) => [k, catalog.receipt_form_fields[i]!]);
    expect(pairs[0]![1]).toMatch(/^Chữ ký số/);
    expect(pairs[6]![1]).toBe('Mã hồ sơ');
    expect(pairs[12]![1]).toBe('Email');
    expect(pairs[20]![1]).toMatch(/^Vào Sổ theo dõi/);
    expect(pairs[23]![1]).toMatch(/^Ghi chú/);
  });
  it('every section is produced exactly once', () => {
    const keys = receiptSections(data).map((s) => s.key);
    for (const k of MAU_01_FIELD_KEYS) expect(keys.filter((x) => x === k)).toHaveLength(1);
  });
});

describe('ticket-printer document', () => {
  const doc = buildReceiptPrintDocument(data);
  const texts = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  const all = texts.join('\n');
  for (const k of MAU_01_FIELD_KEYS) {
    it(`prints ${k}`, () => {
      for (const t of EXPECTED_TEXT[k]) expect(all).toContain(t);
    });
  }
  it('has a QR of the dossier code and the VietQR while the fee is due, then cuts', () => {
    const qrs = doc.blocks.flatMap((b) => (b.kind === 'qr' ? [b.data] : []));
    expect(qrs).toEqual([CODE, vietQr]);
    expect(all).toContain('Phí, lệ phí: 50.000 đồng (Chưa thanh toán)');
    expect(doc.blocks.at(-1)).toEqual({ kind: 'cut' });
  });
  it('no VietQR once paid or when there is no fee; liên 1; counter delivery; missing email', () => {
    const paid = parseReceiptData({ ...base, copy: 1, fee: { amount: 50000, state: 'da-thanh-toan', vietQr: null }, resultDelivery: { method: 'tai-bo-phan' }, applicant: { ...base.applicant, email: null } });
    const d2 = buildReceiptPrintDocument(paid);
    const t2 = d2.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join('\n');
    expect(d2.blocks.filter((b) => b.kind === 'qr')).toHaveLength(1);
    expect(t2).toContain('(Đã thanh toán)');
    expect(t2).toContain('Liên 1: Lưu');
    expect(t2).toContain('6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả');
    expect(t2).toContain('Email: (không có)');
    const free = parseReceiptData({ ...base, fee: { amount: 0, state: 'khong-thu', vietQr: null } });
    expect(buildReceiptPrintDocument(free).blocks.filter((b) => b.kind === 'qr')).toHaveLength(1);
  });
});

describe('PDF (A5, Be Vietnam Pro embedded)', () => {
  it('contains every field as extractable text (pdftotext)', async () => {
    const bytes = await buildReceiptPdf(data, loadReceiptFonts());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'letan-receipt-'));
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+419\.53 x 595\.28 pts/); // A5 = 148 × 210 mm
      expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/BeVietnamPro-Regular[\s\S]*BeVietnamPro-Bold|BeVietnamPro-Bold[\s\S]*BeVietnamPro-Regular/);
      // -raw keeps each drawn line in drawing order; collapse line breaks from wrapping.
      const extracted = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
      for (const k of MAU_01_FIELD_KEYS) for (const t of EXPECTED_TEXT[k]) expect(extracted, k).toContain(t);
      expect(extracted).toContain('Phí, lệ phí: 50.000 đồng (Chưa thanh toán)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('flows onto a second page when the document list is long', async () => {
    const many = parseReceiptData({ ...base, documents: Array.from({ length: 45 }, (_, i) => ({ name: `Giấy tờ số ${i + 1} kèm theo hồ sơ đề nghị`, quantity: 1 })) });
    const dir = mkdtempSync(join(tmpdir(), 'letan-receipt-'));
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, await buildReceiptPdf(many, loadReceiptFonts()));
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
      const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('45) Giấy tờ số 45');
      expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('is deterministic for the same data', async () => {
    const fonts = loadReceiptFonts();
    const a = await buildReceiptPdf(data, fonts);
    const b = await buildReceiptPdf(data, fonts);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('ReceiptData validation and formatting', () => {
  it('formats dates per NĐ 30/2020 (0 before days < 10 and months 1, 2), times and money', () => {
    expect(vnDateText('2025-02-05')).toBe('ngày 05 tháng 02 năm 2025');
    expect(vnDateText('2025-11-20')).toBe('ngày 20 tháng 11 năm 2025');
    expect(vnDateTimeText(new Date('2025-01-01T00:30:00Z'))).toBe('07 giờ 30 phút, ngày 01 tháng 01 năm 2025');
    expect(vnMoney(1250000)).toBe('1.250.000 đồng');
    expect(vnMoney(500)).toBe('500 đồng');
  });
  it('rejects inconsistent data with a precise reason', () => {
    expect(() => parseReceiptData({ ...base, dossierCode: 'abc' })).toThrow(/dossierCode/);
    expect(() => parseReceiptData({ ...base, appointmentAt: new Date('2025-03-01T00:00:00Z') })).toThrow(/appointmentAt/);
    expect(() => parseReceiptData({ ...base, fee: { amount: 60000, state: 'chua-thanh-toan', vietQr } })).toThrow(/VietQR/);
    expect(() => parseReceiptData({ ...base, fee: { amount: 50000, state: 'da-thanh-toan', vietQr } })).toThrow(ReceiptDataError);
    expect(() => parseReceiptData({ ...base, fee: { amount: 0, state: 'chua-thanh-toan', vietQr: null } })).toThrow(ReceiptDataError);
    expect(() => parseReceiptData({ ...base, documents: [] })).toThrow(/documents/);
    expect(() => parseReceiptData({ ...base, applicant: { ...base.applicant, email: 'not-an-email' } })).toThrow(/email/);
  });
});
