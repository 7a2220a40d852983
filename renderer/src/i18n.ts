import { createContext, useContext } from 'react';

export type Lang = 'vi' | 'en';

const strings = {
  welcome: { vi: 'Xin kính chào quý vị', en: 'Welcome' },
  chooseService: { vi: 'Chạm vào lĩnh vực quý vị cần làm thủ tục', en: 'Touch the service you need' },
  search: { vi: 'Tìm thủ tục (ví dụ: khai sinh)', en: 'Search procedures (e.g. birth)' },
  waiting: { vi: 'người đang chờ', en: 'waiting' },
  minutes: { vi: 'phút', en: 'min' },
  about: { vi: 'khoảng', en: 'about' },
  soon: { vi: 'Sắp đến lượt', en: 'Very soon' },
  takeNumber: { vi: 'Lấy số thứ tự', en: 'Take a number' },
  back: { vi: 'Quay lại', en: 'Back' },
  home: { vi: 'Về trang chủ', en: 'Home' },
  procedures: { vi: 'Các thủ tục', en: 'Procedures' },
  documents: { vi: 'Thành phần hồ sơ', en: 'Required documents' },
  documentsUnlisted: {
    vi: 'Danh mục chưa ghi thành phần hồ sơ của thủ tục này. Cán bộ tại quầy sẽ hướng dẫn quý vị.',
    en: 'The catalogue does not list the documents for this procedure. Staff at the counter will tell you.',
  },
  fee: { vi: 'Phí, lệ phí', en: 'Fees' },
  processing: { vi: 'Thời hạn giải quyết', en: 'Processing time' },
  workingDays: { vi: 'ngày làm việc', en: 'working days' },
  sameDay: { vi: 'Trả trong ngày', en: 'Same day' },
  source: { vi: 'Nguồn', en: 'Source' },
  priorityQuestion: { vi: 'Quý vị có thuộc diện ưu tiên không?', en: 'Do you have priority?' },
  noPriority: { vi: 'Không, lấy số thường', en: 'No, normal ticket' },
  yourNumber: { vi: 'Số thứ tự của quý vị', en: 'Your number' },
  ahead: { vi: 'Số người chờ trước quý vị', en: 'People ahead of you' },
  estimate: { vi: 'Thời gian chờ dự kiến', en: 'Estimated wait' },
  scanToFollow: { vi: 'Quét mã để theo dõi lượt gọi trên điện thoại', en: 'Scan to follow your turn on your phone' },
  printing: { vi: 'Đang in vé…', en: 'Printing…' },
  printed: { vi: 'Mời quý vị nhận vé ở khe máy in', en: 'Please take your ticket from the printer' },
  printFailed: {
    vi: 'Máy in đang gặp sự cố, nhân viên đã được báo. Quý vị hãy ghi nhớ số hoặc quét mã QR trên màn hình.',
    en: 'The printer has a problem; staff have been alerted. Please note your number or scan the QR code.',
  },
  reprint: { vi: 'In lại vé', en: 'Print again' },
  returningHome: { vi: 'Tự động về trang chủ sau', en: 'Returning home in' },
  seconds: { vi: 'giây', en: 's' },
  closed: { vi: 'Chưa có quầy mở', en: 'No counter open yet' },
  error: { vi: 'Có lỗi xảy ra', en: 'Something went wrong' },
  tryAgain: { vi: 'Thử lại', en: 'Try again' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  ticketStatus: { vi: 'Trạng thái số thứ tự', en: 'Ticket status' },
  calledTo: { vi: 'Mời quý vị đến quầy', en: 'Please go to counter' },
  served: { vi: 'Đã phục vụ xong', en: 'Served' },
  noShow: { vi: 'Đã gọi nhưng quý vị vắng mặt — hãy báo nhân viên để được gọi lại', en: 'Called while you were away — ask staff to recall you' },
  stillWaiting: { vi: 'Đang chờ', en: 'Waiting' },
} as const;

export type StringKey = keyof typeof strings;

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'vi', setLang: () => undefined });

export function useT() {
  const { lang } = useContext(LangContext);
  return (key: StringKey) => strings[key][lang];
}
