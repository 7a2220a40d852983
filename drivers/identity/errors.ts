/**
 * The only error the identity parsers throw. `field` names what is wrong (e.g. `dateOfBirth`,
 * `compositeCheckDigit`, `line2`); `reason` is short English; `reasonVi` is the Vietnamese for the kiosk.
 * Never put the payload itself in the message: it is personal data and messages end up in logs.
 */
export class IdentityParseError extends Error {
  override readonly name = 'IdentityParseError';
  readonly field: string;
  readonly reason: string;
  readonly reasonVi: string;
  readonly messageVi: string;

  constructor(field: string, reason: string, reasonVi: string) {
    const labelVi = FIELD_LABELS_VI[field] ?? field;
    super(`${labelVi}: ${reasonVi} / ${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
    this.reasonVi = reasonVi;
    this.messageVi = `${labelVi}: ${reasonVi}`;
  }
}

export function fail(field: string, reason: string, reasonVi: string): never {
  throw new IdentityParseError(field, reason, reasonVi);
}

const FIELD_LABELS_VI: Record<string, string> = {
  payload: 'Dữ liệu',
  format: 'Định dạng',
  fieldCount: 'Số trường',
  idNumber: 'Số định danh',
  oldIdNumber: 'Số CMND cũ',
  fullName: 'Họ và tên',
  dateOfBirth: 'Ngày sinh',
  sex: 'Giới tính',
  address: 'Nơi thường trú',
  issueDate: 'Ngày cấp',
  expiryDate: 'Ngày hết hạn',
  documentCode: 'Loại giấy tờ',
  issuingState: 'Nước cấp',
  nationality: 'Quốc tịch',
  documentNumber: 'Số giấy tờ',
  documentNumberCheckDigit: 'Số kiểm tra của số giấy tờ',
  dateOfBirthCheckDigit: 'Số kiểm tra của ngày sinh',
  expiryDateCheckDigit: 'Số kiểm tra của ngày hết hạn',
  personalNumberCheckDigit: 'Số kiểm tra của số cá nhân',
  idNumberCheckDigit: 'Số kiểm tra của số định danh',
  compositeCheckDigit: 'Số kiểm tra tổng hợp',
  name: 'Họ tên (MRZ)',
  line1: 'Dòng MRZ 1',
  line2: 'Dòng MRZ 2',
  line3: 'Dòng MRZ 3',
};
