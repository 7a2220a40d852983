// ReceiptData: everything printed on "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Mẫu số 01, TT 01/2018/TT-VPCP).
import { z } from 'zod';
import { parseDossierCode } from '../dossier/code.ts';
import { parseVietQr } from '../payment/vietqr.ts';
import { toVnLocal, parseCivilDate, isCivilDate } from '../calendar/civil-date.ts';

const text = z.string().trim().min(1);

export const ReceiptDocumentSchema = z.object({
  name: text,
  /** How many of this paper were handed in. */
  quantity: z.number().int().min(1).max(999),
  /** e.g. "bản chính", "bản sao có chứng thực". */
  form: text.optional(),
});

export const FeeSchema = z
  .object({
    amount: z.number().int().min(0), // VND
    /** 'tai-quay': the published fee is not one amount (per page, per case…); staff assess and collect it. */
    state: z.enum(['khong-thu', 'chua-thanh-toan', 'da-thanh-toan', 'tai-quay']),
    /** VietQR payload to pay the fee (shown only while unpaid). */
    vietQr: z.string().nullable(),
  })
  .refine((f) => (f.state === 'khong-thu' || f.state === 'tai-quay') === (f.amount === 0), { message: 'số tiền = 0 khi và chỉ khi không thu hoặc xác định tại quầy' })
  .refine((f) => f.vietQr === null || f.state === 'chua-thanh-toan', { message: 'chỉ kèm VietQR khi phí chưa thanh toán' })
  .superRefine((f, ctx) => {
    if (f.vietQr === null) return;
    try {
      const q = parseVietQr(f.vietQr);
      if (q.amount !== f.amount) ctx.addIssue({ code: 'custom', message: `số tiền trong VietQR (${q.amount}) khác phí (${f.amount})` });
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `VietQR không hợp lệ: ${(e as Error).message}` });
    }
  });

export const ReceiptDataSchema = z
  .object({
    /** Upper line of the agency heading: TÊN CẤP TỈNH (or BỘ, NGÀNH / CẤP HUYỆN / CẤP XÃ), e.g. "UBND TỈNH THỪA THIÊN HUẾ". */
    parentAgency: text,
    /** Lower line: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" (or "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"). */
    centerName: text,
    /** Số hiệu của giấy, printed as "Số: <receiptNumber>", e.g. "125/TTPVHCC". */
    receiptNumber: text,
    /** Địa danh, e.g. "Huế". */
    place: text,
    /** Date of the paper ('YYYY-MM-DD'); usually the receipt date. */
    issuedOn: z.string().refine(isCivilDate, { message: 'ngày phải là YYYY-MM-DD có thật' }),
    dossierCode: z.string().refine((c) => {
      try {
        parseDossierCode(c, { permissive: true });
        return true;
      } catch {
        return false;
      }
    }, { message: 'mã hồ sơ không đúng cấu trúc TT 01/2018/TT-VPCP' }),
    /** Liên 1: lưu (kept with the control slip); Liên 2: giao khách hàng. */
    copy: z.union([z.literal(1), z.literal(2)]),
    /** Tên đơn vị tiếp nhận (Bộ phận tiếp nhận và trả kết quả …). */
    receivingUnit: text,
    applicant: z.object({
      name: text,
      address: text,
      phone: text,
      email: z.string().trim().email().nullable(),
    }),
    procedureName: text,
    documents: z.array(ReceiptDocumentSchema).min(1),
    sets: z.number().int().min(1).max(99),
    processingDays: z.number().int().min(0).max(365),
    /** "ngày làm việc" or "ngày", as published for the procedure. */
    processingUnit: z.enum(['ngày làm việc', 'ngày']),
    receivedAt: z.date(),
    appointmentAt: z.date(),
    resultDelivery: z.discriminatedUnion('method', [
      z.object({ method: z.literal('tai-bo-phan') }),
      z.object({ method: z.literal('buu-chinh'), address: text }),
    ]),
    register: z.object({ book: text, number: text }),
    fee: FeeSchema,
    /** Name of the officer who received the dossier (NGƯỜI TIẾP NHẬN HỒ SƠ). */
    receiverName: text,
    /** The organisation's digital signature on an electronic form; null for the paper/unsigned form. */
    digitalSignature: z.object({ signer: text, serial: text.optional() }).nullable(),
  })
  .refine((d) => d.appointmentAt.getTime() >= d.receivedAt.getTime(), { message: 'thời gian trả kết quả trước thời gian nhận hồ sơ', path: ['appointmentAt'] });

export type ReceiptData = z.infer<typeof ReceiptDataSchema>;
export type ReceiptDataInput = z.input<typeof ReceiptDataSchema>;

export class ReceiptDataError extends Error {
  override readonly name = 'ReceiptDataError';
}

export function parseReceiptData(input: unknown): ReceiptData {
  const r = ReceiptDataSchema.safeParse(input);
  if (!r.success) {
    throw new ReceiptDataError(
      'dữ liệu giấy tiếp nhận không hợp lệ — ' +
        r.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`)
          .join('; '),
    );
  }
  return r.data;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "ngày 05 tháng 02 năm 2025" — NĐ 30/2020/NĐ-CP Phụ lục I: a 0 before days < 10 and months 1, 2. */
export function vnDateText(date: string): string {
  const { year, month, day } = parseCivilDate(date);
  return `ngày ${pad2(day)} tháng ${month <= 2 ? pad2(month) : month} năm ${year}`;
}

/** "09 giờ 05 phút, ngày 10 tháng 3 năm 2025" in Vietnamese time. */
export function vnDateTimeText(instant: Date): string {
  const l = toVnLocal(instant);
  return `${pad2(Math.floor(l.minutes / 60))} giờ ${pad2(l.minutes % 60)} phút, ${vnDateText(l.date)}`;
}

/** 1250000 → "1.250.000 đồng". */
export function vnMoney(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}
