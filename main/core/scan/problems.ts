import type { ScanProblem } from '../../../drivers/docscanner/sane-errors.ts';
import type { ScanProblemView } from '../../contract/ops/scan.ts';
import type { z } from 'zod';

export type ProblemView = z.infer<typeof ScanProblemView>;

// Whatever went wrong, the citizen keeps the pages already scanned and has three ways on: try again (after
// staff cleared a jam, or with paper in the tray), go on without scanning (originals shown at the counter),
// or take a number for the counter.
const ALL_WAYS: ProblemView['wayOn'] = ['retry', 'continue', 'counter'];

export function fromSaneProblem(p: ScanProblem): ProblemView {
  return { problem: p.problem, message: p.citizen, messageEn: p.citizenEn, blocking: p.blocking, wayOn: ALL_WAYS };
}

export function noPagesArrived(seconds: number): ProblemView {
  return {
    problem: 'no-pages',
    message: `Chưa nhận được trang nào từ máy quét sau ${seconds} giây. Quý vị kiểm tra giấy đã đặt đúng khay rồi chạm "Quét lại", hoặc nhờ cán bộ hỗ trợ.`,
    messageEn: `No page arrived from the scanner after ${seconds} seconds. Check the paper is in the tray and tap "Scan again", or ask staff.`,
    blocking: false,
    wayOn: ALL_WAYS,
  };
}

export function unreadableFile(): ProblemView {
  return {
    problem: 'error',
    message: 'Máy quét gửi tệp không đọc được. Vui lòng quét lại hoặc nhờ cán bộ hỗ trợ.',
    messageEn: 'The scanner sent a file that cannot be read. Please scan again or ask staff.',
    blocking: false,
    wayOn: ALL_WAYS,
  };
}

export function scannerFailed(): ProblemView {
  return {
    problem: 'error',
    message: 'Máy quét gặp lỗi. Vui lòng nhờ cán bộ hỗ trợ.',
    messageEn: 'The scanner reported an error. Please ask staff for help.',
    blocking: true,
    wayOn: ALL_WAYS,
  };
}
