import { useContext } from 'react';
import { LangContext } from '../../i18n.ts';

// Texts of the citizen's flows (ticket, identity, dossier, status look-up): Vietnamese first, English second.
const s = {
  takeNumberLong: { vi: 'Lấy số thứ tự', en: 'Take a queue number' },
  takeNumberSub: { vi: 'Chờ gọi tên, làm thủ tục tại quầy', en: 'Wait for your call and apply at the counter' },
  submitHere: { vi: 'Nộp hồ sơ tại ki-ốt', en: 'Submit your dossier at the kiosk' },
  submitHereSub: { vi: 'Khai thông tin, nhận giấy hẹn ngay', en: 'Fill in here and get your receipt now' },
  lookUp: { vi: 'Tra cứu hồ sơ', en: 'Check a dossier' },
  lookUpSub: { vi: 'Quét mã trên giấy hẹn hoặc nhập mã hồ sơ', en: 'Scan your receipt or type the dossier code' },
  searchOpen: { vi: 'Tìm thủ tục', en: 'Search procedures' },
  hideKeyboard: { vi: 'Ẩn bàn phím', en: 'Hide keyboard' },
  // identity
  idTitle: { vi: 'Xác định người nộp', en: 'Who is applying' },
  idWays: { vi: 'Quý vị chọn một trong ba cách:', en: 'Choose one of three ways:' },
  idQr: { vi: 'Đưa mã QR trên mặt trước thẻ Căn cước vào máy quét', en: 'Hold the QR code on the front of your ID card to the scanner' },
  idMrz: { vi: 'Hoặc đặt mặt sau thẻ (dòng chữ máy đọc) lên đầu đọc', en: 'Or put the back of the card (machine-readable lines) on the reader' },
  idType: { vi: 'Hoặc nhập bằng bàn phím', en: 'Or type it on the keyboard' },
  idWaiting: { vi: 'Đang chờ quét thẻ…', en: 'Waiting for your card…' },
  fullName: { vi: 'Họ và tên (có dấu)', en: 'Full name (with diacritics)' },
  idNumber: { vi: 'Số định danh cá nhân (12 số)', en: 'Personal ID number (12 digits)' },
  dob: { vi: 'Ngày sinh (ngày/tháng/năm)', en: 'Date of birth (dd/mm/yyyy)' },
  address: { vi: 'Nơi thường trú', en: 'Permanent address' },
  next: { vi: 'Tiếp tục →', en: 'Continue →' },
  confirmTitle: { vi: 'Quý vị kiểm tra lại thông tin', en: 'Please check your details' },
  confirmYes: { vi: 'Đúng, tiếp tục', en: 'Correct, continue' },
  confirmNo: { vi: 'Không đúng, làm lại', en: 'Not correct, start again' },
  mrzNote: {
    vi: 'Thẻ chỉ ghi họ tên không dấu. Mời quý vị sửa họ tên cho có dấu bằng bàn phím.',
    en: 'The card’s machine-readable lines have no diacritics. Please correct your name with the keyboard.',
  },
  fixName: { vi: 'Sửa họ tên có dấu', en: 'Correct the name' },
  readError: { vi: 'Không đọc được thẻ', en: 'The card could not be read' },
  readErrorWayOn: { vi: 'Mời quý vị quét lại, hoặc nhập bằng bàn phím.', en: 'Please scan again, or type your details.' },
  notAnId: { vi: 'Mã vừa quét không phải thẻ Căn cước.', en: 'That code is not an ID card.' },
  needIdNumber: {
    vi: 'Giấy tờ này không có số định danh cá nhân. Mời quý vị nhập số định danh 12 số.',
    en: 'This document has no personal ID number. Please type your 12-digit ID number.',
  },
  errName: { vi: 'Mời quý vị nhập họ và tên.', en: 'Please type your full name.' },
  errId: { vi: 'Số định danh gồm đúng 12 chữ số.', en: 'The ID number is exactly 12 digits.' },
  errAddress: { vi: 'Mời quý vị nhập địa chỉ.', en: 'Please type your address.' },
  // priority
  useCard: { vi: 'Quét thẻ Căn cước để được xét ưu tiên theo tuổi', en: 'Scan your ID card to check priority by age' },
  elderlySuggest: {
    vi: 'Quý vị từ 60 tuổi trở lên, thuộc diện ưu tiên người cao tuổi (Luật Người cao tuổi). Quý vị có muốn lấy số ưu tiên không?',
    en: 'You are 60 or over: you have priority as an elderly person (Law on the Elderly). Take a priority number?',
  },
  age: { vi: 'tuổi', en: 'years old' },
  takeElderly: { vi: 'Có, lấy số ưu tiên người cao tuổi', en: 'Yes, take an elderly priority number' },
  // contact
  contactTitle: { vi: 'Thông tin liên hệ', en: 'Contact details' },
  phone: { vi: 'Số điện thoại (bắt buộc)', en: 'Phone number (required)' },
  email: { vi: 'Thư điện tử (không bắt buộc)', en: 'E-mail (optional)' },
  errPhone: { vi: 'Số điện thoại gồm 10 hoặc 11 số, bắt đầu bằng 0 (ví dụ 0905123456).', en: 'A phone number is 10 or 11 digits starting with 0.' },
  errEmail: { vi: 'Địa chỉ thư điện tử chưa đúng (ví dụ ten@gmail.com). Có thể để trống.', en: 'That e-mail address is not valid. You may leave it empty.' },
  // documents
  docsTitle: { vi: 'Giấy tờ trong hồ sơ', en: 'Documents in your dossier' },
  docsHelp: { vi: 'Với mỗi giấy tờ, quý vị chọn một ô:', en: 'For each document, choose one:' },
  docScanned: { vi: 'Đã có, quét tại ki-ốt', en: 'I have it, scan at the kiosk' },
  docOriginal: { vi: 'Mang bản chính, xuất trình tại quầy', en: 'Original, shown at the counter' },
  docMissing: { vi: 'Chưa có', en: 'I don’t have it' },
  copies: { vi: 'Số lượng', en: 'Copies' },
  scanSlotTitle: { vi: 'Quét giấy tờ', en: 'Scan documents' },
  scanSlotBody: {
    vi: 'Chức năng quét giấy tờ tại ki-ốt đang được lắp đặt. Giấy tờ chọn “quét tại ki-ốt” sẽ được nhân viên đối chiếu khi tiếp nhận.',
    en: 'Document scanning at the kiosk is being installed. Documents marked “scan at the kiosk” are checked by staff.',
  },
  chooseAll: { vi: 'Mời quý vị chọn cho tất cả giấy tờ.', en: 'Please choose for every document.' },
  noDocsTitle: { vi: 'Mời quý vị nộp hồ sơ tại quầy', en: 'Please submit this dossier at the counter' },
  noDocs: {
    vi: 'Thủ tục này chưa có danh mục giấy tờ trên ki-ốt. Mời quý vị lấy số để được nhân viên tiếp nhận.',
    en: 'This procedure has no document list at the kiosk. Please take a number for the counter.',
  },
  missingTitle: { vi: 'Hồ sơ còn thiếu giấy tờ', en: 'Your dossier is missing documents' },
  missingBody: { vi: 'Quý vị cần bổ sung các giấy tờ sau trước khi nộp:', en: 'You need these documents before submitting:' },
  missingWayOn: {
    vi: 'Quý vị có thể lấy số thứ tự để được nhân viên hướng dẫn, hoặc quay lại khi đã đủ giấy tờ.',
    en: 'You can take a queue number to be guided by staff, or come back when you have everything.',
  },
  takeNumberGuided: { vi: 'Lấy số để được hướng dẫn', en: 'Take a number to be guided' },
  backToDocs: { vi: 'Quay lại danh sách giấy tờ', en: 'Back to the documents' },
  // delivery
  deliveryTitle: { vi: 'Quý vị muốn nhận kết quả ở đâu?', en: 'Where do you want the result?' },
  atCenter: { vi: 'Nhận tại Trung tâm', en: 'Collect at the center' },
  byPost: { vi: 'Nhận qua bưu điện (Bưu chính công ích)', en: 'By public postal service (BCCI)' },
  postAddress: { vi: 'Địa chỉ nhận kết quả', en: 'Delivery address' },
  // review
  reviewTitle: { vi: 'Xem lại trước khi nộp', en: 'Review before submitting' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  documents: { vi: 'Giấy tờ', en: 'Documents' },
  delivery: { vi: 'Nhận kết quả', en: 'Result delivery' },
  submit: { vi: 'Nộp hồ sơ', en: 'Submit' },
  submitting: { vi: 'Đang nộp hồ sơ…', en: 'Submitting…' },
  edit: { vi: 'Sửa', en: 'Edit' },
  // receipt
  receiptTitle: { vi: 'Đã tiếp nhận hồ sơ', en: 'Dossier received' },
  dossierCode: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  appointment: { vi: 'Ngày hẹn trả kết quả', en: 'Result due' },
  at: { vi: 'lúc', en: 'at' },
  fee: { vi: 'Phí, lệ phí', en: 'Fee' },
  payByQr: { vi: 'Quét mã bằng ứng dụng ngân hàng để nộp phí', en: 'Scan with your banking app to pay the fee' },
  noFee: { vi: 'Không thu phí', en: 'No fee' },
  feeAtCounter: { vi: 'Theo quy định — nhân viên xác định và thu tại quầy', en: 'As regulated — assessed and collected at the counter' },
  paid: { vi: 'Đã nộp phí', en: 'Fee paid' },
  unpaid: { vi: 'Chưa nộp phí', en: 'Fee not paid yet' },
  receiptPrinting: { vi: 'Đang in giấy tiếp nhận…', en: 'Printing your receipt…' },
  receiptPrinted: { vi: 'Mời quý vị nhận giấy tiếp nhận và hẹn trả kết quả ở khe máy in', en: 'Please take your receipt from the printer' },
  receiptPrintFailed: {
    vi: 'Máy in đang gặp sự cố, chưa in được giấy tiếp nhận. Quý vị hãy quét mã dưới đây bằng điện thoại để lưu giấy tiếp nhận.',
    en: 'The printer has a problem and your receipt did not print. Scan this code with your phone to keep it.',
  },
  keepReceipt: { vi: 'Quét để lưu giấy tiếp nhận', en: 'Scan to keep your receipt' },
  originalsNote: { vi: 'Quý vị cần xuất trình bản chính tại quầy.', en: 'You need to show originals at the counter.' },
  takeNumberOriginals: { vi: 'Lấy số để xuất trình bản chính tại quầy', en: 'Take a number to show originals at the counter' },
  // status
  statusTitle: { vi: 'Tra cứu hồ sơ', en: 'Check a dossier' },
  statusScan: { vi: 'Đưa mã QR trên giấy tiếp nhận vào máy quét, hoặc nhập mã hồ sơ:', en: 'Hold the QR code on your receipt to the scanner, or type the code:' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  search: { vi: 'Tra cứu', en: 'Look up' },
  status: { vi: 'Tình trạng', en: 'Status' },
  payment: { vi: 'Phí', en: 'Fee' },
  notACode: { vi: 'Mã vừa quét không chứa mã hồ sơ. Mời quý vị quét mã trên giấy tiếp nhận hoặc nhập mã.', en: 'That code holds no dossier code. Scan the receipt’s code or type it.' },
  badCode: { vi: 'Mã hồ sơ có dạng <mã đơn vị>-YYMMDD-NNNN, ví dụ H00.00-260508-0001.', en: 'A dossier code looks like H00.00-260508-0001.' },
  offline: { vi: 'hệ thống một cửa tạm thời không kết nối được', en: 'the one-stop system cannot be reached right now' },
  // inactivity
  stillThere: { vi: 'Quý vị vẫn đang sử dụng?', en: 'Are you still there?' },
  stillThereBody: { vi: 'Để bảo vệ thông tin cá nhân, ki-ốt sẽ xoá thông tin và về trang chủ sau', en: 'To protect your personal data the kiosk will clear it and go home in' },
  continue: { vi: 'Tôi vẫn đang dùng', en: 'I’m still here' },
  seconds: { vi: 'giây', en: 'seconds' },
  step: { vi: 'Bước', en: 'Step' },
} as const;

export type KioskStringKey = keyof typeof s;

export function useKT() {
  const { lang } = useContext(LangContext);
  return (key: KioskStringKey) => s[key][lang];
}
