import { useContext } from 'react';
import { LangContext } from '../../i18n.ts';

// Texts of the scanning step: Vietnamese with full diacritics first, English second.
const s = {
  title: { vi: 'Quét giấy tờ', en: 'Scan your papers' },
  place: { vi: 'Đặt giấy tờ lên máy quét rồi chạm Quét', en: 'Put your papers on the scanner, then tap Scan' },
  placeFolder: { vi: 'Đặt giấy tờ vào máy quét rồi chạm Quét; các trang sẽ hiện ở đây', en: 'Put your papers in the scanner and tap Scan; the pages will appear here' },
  form: { vi: 'Tờ khai sẽ được đọc tự động', en: 'The form will be read automatically' },
  scan: { vi: 'Quét', en: 'Scan' },
  noScanner: { vi: 'Ki-ốt này chưa kết nối máy quét giấy tờ. Quý vị chọn "Xuất trình bản chính tại quầy" cho từng giấy tờ.', en: 'This kiosk has no document scanner. Choose "Show the original at the counter" for each paper.' },
  scanning: { vi: 'Đang quét trang', en: 'Scanning page' },
  waitingPages: { vi: 'Đang chờ máy quét gửi trang…', en: 'Waiting for the scanner…' },
  reading: { vi: 'Đang đọc chữ trên các trang…', en: 'Reading the pages…' },
  page: { vi: 'Trang', en: 'Page' },
  pageReading: { vi: 'đang đọc…', en: 'reading…' },
  pageFailed: { vi: 'không đọc được chữ', en: 'text not readable' },
  retry: { vi: 'Quét lại', en: 'Scan again' },
  continueWithout: { vi: 'Tiếp tục, không quét', en: 'Continue without scanning' },
  counter: { vi: 'Lấy số, làm tại quầy', en: 'Take a number for the counter' },
  kept: { vi: 'Các trang đã quét vẫn được giữ.', en: 'The pages already scanned are kept.' },
  fieldsTitle: { vi: 'Thông tin đọc được từ tờ khai', en: 'What was read from the form' },
  fieldsHelp: { vi: 'Ô tô màu cần quý vị kiểm tra. Chạm "Sửa" để sửa.', en: 'Highlighted boxes need checking. Tap "Edit" to correct.' },
  namesTitle: { vi: 'Quý vị kiểm tra họ tên (chữ in hoa có dấu dễ đọc sai)', en: 'Please check the names (capitals with tone marks are easily misread)' },
  correct: { vi: 'Đúng', en: 'Correct' },
  confirmed: { vi: 'Đã xác nhận', en: 'Confirmed' },
  useSuggestion: { vi: 'Sửa thành', en: 'Change to' },
  edit: { vi: 'Sửa', en: 'Edit' },
  save: { vi: 'Lưu', en: 'Save' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  empty: { vi: '(trống)', en: '(empty)' },
  textTitle: { vi: 'Chữ đọc được trên trang', en: 'Text read on the page' },
  noText: { vi: 'Không đọc được chữ nào trên trang này.', en: 'No text could be read on this page.' },
  more: { vi: 'Quét thêm trang', en: 'Scan more pages' },
  remove: { vi: 'Bỏ trang này', en: 'Remove this page' },
  finish: { vi: 'Xác nhận các trang và thông tin', en: 'Confirm the pages and details' },
  mustConfirmFirst: { vi: 'Quý vị chạm "Đúng" hoặc "Sửa" cho từng họ tên trước khi xác nhận.', en: 'Tap "Correct" or "Edit" for each name before confirming.' },
  finished: { vi: 'Đã xác nhận — các trang sẽ được nộp cùng hồ sơ.', en: 'Confirmed — the pages go with your dossier.' },
  pagesCount: { vi: 'trang', en: 'page(s)' },
  discard: { vi: 'Bỏ các trang đã quét', en: 'Discard the scanned pages' },
  unconfirmed: { vi: 'Quý vị chưa xác nhận các trang đã quét: chạm "Xác nhận các trang và thông tin" hoặc "Bỏ các trang đã quét".', en: 'You have not confirmed the scanned pages: tap "Confirm" or "Discard the scanned pages".' },
  continued: { vi: 'Quý vị có thể tiếp tục mà không quét: chọn "Xuất trình bản chính tại quầy" cho giấy tờ chưa quét.', en: 'You can go on without scanning: choose "Show the original at the counter" for the papers not scanned.' },
  expired: { vi: 'Phiên quét đã hết hạn. Mời quý vị quét lại.', en: 'The scan session expired. Please scan again.' },
  // The document camera.
  cameraOpen: { vi: 'Chụp bằng máy ảnh', en: 'Use the camera' },
  cameraMore: { vi: 'Chụp thêm trang', en: 'Photograph another page' },
  placeCamera: { vi: 'Đặt tờ giấy dưới máy ảnh, nằm gọn trong khung, rồi chạm "Chụp trang này"', en: 'Put the page under the camera, inside the frame, then tap "Take this page"' },
  cameraStarting: { vi: 'Đang mở máy ảnh…', en: 'Starting the camera…' },
  cameraShoot: { vi: 'Chụp trang này', en: 'Take this page' },
  cameraClose: { vi: 'Đóng máy ảnh', en: 'Close the camera' },
  cameraCheck: { vi: 'Khung màu xanh có ôm đúng mép tờ giấy không?', en: 'Does the green outline follow the edges of the page?' },
  cameraNoEdges: { vi: 'Không thấy rõ mép tờ giấy. Quý vị nên đặt tờ giấy lên nền tối rồi chụp lại, hoặc dùng cả ảnh này.', en: 'The page’s edges were not found. Put the page on a dark surface and take it again, or use the whole photo.' },
  cameraAccept: { vi: 'Đúng, dùng ảnh này', en: 'Yes, use this photo' },
  cameraRetake: { vi: 'Chụp lại', en: 'Take it again' },
  cameraSending: { vi: 'Đang gửi ảnh…', en: 'Sending the photo…' },
  cameraDenied: { vi: 'Ki-ốt chưa được phép dùng máy ảnh. Vui lòng nhờ cán bộ hỗ trợ, hoặc chọn cách khác bên dưới.', en: 'The kiosk is not allowed to use the camera. Please ask staff, or choose another way below.' },
  cameraNone: { vi: 'Không tìm thấy máy ảnh của ki-ốt. Vui lòng nhờ cán bộ kiểm tra, hoặc chọn cách khác bên dưới.', en: 'The kiosk’s camera was not found. Please ask staff to check it, or choose another way below.' },
  cameraBusy: { vi: 'Máy ảnh đang bận hoặc bị lỗi. Vui lòng thử lại sau giây lát, hoặc chọn cách khác bên dưới.', en: 'The camera is busy or not working. Please try again shortly, or choose another way below.' },
  cameraTooLarge: { vi: 'Ảnh chụp quá lớn để gửi. Vui lòng chụp lại.', en: 'The photo is too large to send. Please take it again.' },
  cameraTryAgain: { vi: 'Thử lại máy ảnh', en: 'Try the camera again' },
  useScanner: { vi: 'Dùng máy quét', en: 'Use the scanner' },
} as const;

export type ScanStringKey = keyof typeof s;

export function useST() {
  const { lang } = useContext(LangContext);
  return (key: ScanStringKey) => s[key][lang];
}
