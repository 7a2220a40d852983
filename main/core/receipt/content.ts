// The receipt's content as ordered, keyed text, shared by the ticket-printer and the PDF builders so that
// both print exactly the fields of Mẫu số 01 (receipt_form_fields in the procedures catalog).
import type { ReceiptData } from './data.ts';
import { vnDateText, vnDateTimeText, vnMoney } from './data.ts';

/** One key per field of Mẫu số 01, in the catalog's order. */
export const MAU_01_FIELD_KEYS = [
  'chu-ky-so',
  'tieu-de-co-quan',
  'quoc-hieu-tieu-ngu',
  'so-giay',
  'dia-danh-ngay',
  'ten-giay',
  'ma-ho-so',
  'lien',
  'bo-phan-tiep-nhan',
  'tiep-nhan-cua',
  'dia-chi',
  'so-dien-thoai',
  'email',
  'noi-dung-yeu-cau',
  'thanh-phan-ho-so',
  'so-luong-ho-so',
  'thoi-gian-giai-quyet',
  'thoi-gian-nhan',
  'thoi-gian-tra',
  'dang-ky-nhan-ket-qua',
  'vao-so',
  'nguoi-nop',
  'nguoi-tiep-nhan',
  'ghi-chu',
] as const;

export type ReceiptFieldKey = (typeof MAU_01_FIELD_KEYS)[number] | 'phi-le-phi';

export interface ReceiptLine {
  text: string;
  bold?: boolean;
  align?: 'left' | 'center';
  small?: boolean;
}

export interface ReceiptSection {
  key: ReceiptFieldKey;
  lines: ReceiptLine[];
}

export const TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
export const NOTE =
  'Ghi chú: Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên; một liên chuyển kèm theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận tiếp nhận và trả kết quả; một liên giao cho cá nhân, tổ chức nộp hồ sơ; cá nhân, tổ chức có thể đăng ký nhận kết quả tại Bộ phận tiếp nhận và trả kết quả hoặc tại nhà (trụ sở tổ chức) qua dịch vụ bưu chính.';

const FEE_STATE: Record<ReceiptData['fee']['state'], string> = {
  'khong-thu': 'Không thu',
  'chua-thanh-toan': 'Chưa thanh toán',
  'da-thanh-toan': 'Đã thanh toán',
  'tai-quay': 'Nhân viên xác định và thu tại quầy',
};

export function feeIsDue(d: ReceiptData): boolean {
  return d.fee.state === 'chua-thanh-toan' && d.fee.vietQr !== null;
}

/** Every field in reading order (the heading first, the note last). */
export function receiptSections(d: ReceiptData): ReceiptSection[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const delivery =
    d.resultDelivery.method === 'tai-bo-phan'
      ? '6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả'
      : `6. Đăng ký nhận kết quả tại: qua dịch vụ bưu chính công ích về địa chỉ ${d.resultDelivery.address}`;
  const sections: ReceiptSection[] = [
    { key: 'tieu-de-co-quan', lines: [{ text: d.parentAgency.toUpperCase(), align: 'center' }, { text: d.centerName.toUpperCase(), align: 'center', bold: true }] },
    { key: 'quoc-hieu-tieu-ngu', lines: [{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', align: 'center', bold: true }, { text: 'Độc lập - Tự do - Hạnh phúc', align: 'center', bold: true }] },
    { key: 'so-giay', lines: [{ text: `Số: ${d.receiptNumber}` }] },
    { key: 'dia-danh-ngay', lines: [{ text: `${d.place}, ${vnDateText(d.issuedOn)}` }] },
    { key: 'ten-giay', lines: [{ text: TITLE, align: 'center', bold: true }] },
    { key: 'ma-ho-so', lines: [{ text: `Mã hồ sơ: ${d.dossierCode}`, align: 'center', bold: true }] },
    { key: 'lien', lines: [{ text: d.copy === 1 ? '(Liên 1: Lưu)' : '(Liên 2: Giao khách hàng)', align: 'center' }] },
    { key: 'bo-phan-tiep-nhan', lines: [{ text: `Bộ phận tiếp nhận và trả kết quả: ${d.receivingUnit}` }] },
    { key: 'tiep-nhan-cua', lines: [{ text: `Tiếp nhận hồ sơ của: ${d.applicant.name}` }] },
    { key: 'dia-chi', lines: [{ text: `Địa chỉ: ${d.applicant.address}` }] },
    { key: 'so-dien-thoai', lines: [{ text: `Số điện thoại: ${d.applicant.phone}` }] },
    { key: 'email', lines: [{ text: `Email: ${d.applicant.email ?? '(không có)'}` }] },
    { key: 'noi-dung-yeu-cau', lines: [{ text: `Nội dung yêu cầu giải quyết: ${d.procedureName}` }] },
    {
      key: 'thanh-phan-ho-so',
      lines: [
        { text: '1. Thành phần hồ sơ nộp gồm:' },
        ...d.documents.map((doc, i) => ({ text: `  ${i + 1}) ${doc.name}: ${pad(doc.quantity)}${doc.form ? ` ${doc.form}` : ' bản'}` })),
      ],
    },
    { key: 'so-luong-ho-so', lines: [{ text: `2. Số lượng hồ sơ: ${pad(d.sets)} bộ` }] },
    { key: 'thoi-gian-giai-quyet', lines: [{ text: `3. Thời gian giải quyết hồ sơ theo quy định là: ${d.processingDays === 0 ? 'trong ngày' : `${pad(d.processingDays)} ${d.processingUnit}`}` }] },
    { key: 'thoi-gian-nhan', lines: [{ text: `4. Thời gian nhận hồ sơ: ${vnDateTimeText(d.receivedAt)}` }] },
    { key: 'thoi-gian-tra', lines: [{ text: `5. Thời gian trả kết quả giải quyết hồ sơ: ${vnDateTimeText(d.appointmentAt)}`, bold: true }] },
    { key: 'dang-ky-nhan-ket-qua', lines: [{ text: delivery }] },
    {
      key: 'phi-le-phi',
      lines: [
        {
          text:
            d.fee.state === 'tai-quay'
              ? `Phí, lệ phí: theo quy định (${FEE_STATE[d.fee.state]})`
              : `Phí, lệ phí: ${d.fee.amount === 0 ? 'Không' : vnMoney(d.fee.amount)} (${FEE_STATE[d.fee.state]})`,
        },
        ...(feeIsDue(d) ? [{ text: `Quét mã VietQR để chuyển khoản; nội dung chuyển khoản: ${d.dossierCode}` }] : []),
      ],
    },
    { key: 'vao-so', lines: [{ text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${d.register.book}, Số thứ tự: ${d.register.number}` }] },
    { key: 'nguoi-nop', lines: [{ text: 'NGƯỜI NỘP HỒ SƠ', bold: true, align: 'center' }, { text: '(Ký và ghi rõ họ tên)', align: 'center', small: true }, { text: d.applicant.name, align: 'center' }] },
    { key: 'nguoi-tiep-nhan', lines: [{ text: 'NGƯỜI TIẾP NHẬN HỒ SƠ', bold: true, align: 'center' }, { text: '(Ký và ghi rõ họ tên)', align: 'center', small: true }, { text: d.receiverName, align: 'center' }] },
    {
      key: 'chu-ky-so',
      lines: [
        {
          text: d.digitalSignature
            ? `Chữ ký số của tổ chức: ${d.digitalSignature.signer}${d.digitalSignature.serial ? ` (số sê-ri ${d.digitalSignature.serial})` : ''}`
            : 'Chữ ký số của tổ chức: không có (bản in giấy)',
          small: true,
        },
      ],
    },
    { key: 'ghi-chu', lines: [{ text: NOTE, small: true }] },
  ];
  return sections;
}
