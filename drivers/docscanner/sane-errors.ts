import type { DeviceProblem } from '../device/state.ts';

// scanimage reports failures as text on stderr ("scanimage: sane_read: Document feeder jammed") and as its
// exit status (the SANE_Status number). Both are parsed here, purely, into what the kiosk shows.

export interface ScanProblem {
  problem: DeviceProblem;
  /** SANE status name when known, e.g. SANE_STATUS_JAMMED. */
  status: string;
  /** For the technician page: what scanimage said, and where. */
  technician: string;
  /** For the citizen, Vietnamese first. */
  citizen: string;
  citizenEn: string;
  /** The scanner needs a person before it can scan again (vs. try again / add paper). */
  blocking: boolean;
}

interface Known {
  status: string;
  problem: DeviceProblem;
  text: RegExp;
  citizen: string;
  citizenEn: string;
  blocking: boolean;
}

const KNOWN: Known[] = [
  {
    status: 'SANE_STATUS_JAMMED',
    problem: 'jam',
    text: /feeder jammed|jammed/i,
    citizen: 'Giấy bị kẹt trong máy quét. Vui lòng nhờ cán bộ hỗ trợ lấy giấy ra.',
    citizenEn: 'Paper is jammed in the scanner. Please ask staff to remove it.',
    blocking: true,
  },
  {
    status: 'SANE_STATUS_NO_DOCS',
    problem: 'feeder-empty',
    text: /out of documents|no documents|feeder empty/i,
    citizen: 'Khay nạp giấy đang trống. Vui lòng đặt giấy tờ vào khay rồi chạm "Quét".',
    citizenEn: 'The feeder is empty. Put your papers in the tray and tap "Scan".',
    blocking: false,
  },
  {
    status: 'SANE_STATUS_COVER_OPEN',
    problem: 'cover-open',
    text: /cover is open|cover open/i,
    citizen: 'Nắp máy quét đang mở. Vui lòng đóng nắp rồi thử lại.',
    citizenEn: 'The scanner lid is open. Please close it and try again.',
    blocking: false,
  },
  {
    status: 'SANE_STATUS_DEVICE_BUSY',
    problem: 'error',
    text: /device busy/i,
    citizen: 'Máy quét đang bận. Vui lòng chờ một lát rồi thử lại.',
    citizenEn: 'The scanner is busy. Please wait a moment and try again.',
    blocking: false,
  },
  {
    status: 'SANE_STATUS_IO_ERROR',
    problem: 'error',
    text: /error during device i\/o|i\/o error/i,
    citizen: 'Máy quét gặp lỗi. Vui lòng nhờ cán bộ hỗ trợ.',
    citizenEn: 'The scanner reported an error. Please ask staff for help.',
    blocking: true,
  },
  {
    status: 'SANE_STATUS_ACCESS_DENIED',
    problem: 'error',
    text: /access (to resource has been )?denied/i,
    citizen: 'Máy quét chưa sẵn sàng. Vui lòng nhờ cán bộ hỗ trợ.',
    citizenEn: 'The scanner is not available. Please ask staff for help.',
    blocking: true,
  },
  {
    status: 'SANE_STATUS_NO_MEM',
    problem: 'error',
    text: /out of memory/i,
    citizen: 'Máy quét gặp lỗi. Vui lòng nhờ cán bộ hỗ trợ.',
    citizenEn: 'The scanner reported an error. Please ask staff for help.',
    blocking: true,
  },
];

const UNPLUGGED: Omit<ScanProblem, 'technician'> = {
  problem: 'unplugged',
  status: 'SANE_STATUS_INVAL',
  citizen: 'Không tìm thấy máy quét. Vui lòng nhờ cán bộ kiểm tra dây cáp và nguồn điện.',
  citizenEn: 'The scanner was not found. Please ask staff to check its cable and power.',
  blocking: true,
};

// SANE_Status numbers (sane.h) as scanimage's exit status.
const STATUS_BY_CODE: Record<number, string> = {
  1: 'SANE_STATUS_UNSUPPORTED',
  2: 'SANE_STATUS_CANCELLED',
  3: 'SANE_STATUS_DEVICE_BUSY',
  4: 'SANE_STATUS_INVAL',
  6: 'SANE_STATUS_JAMMED',
  7: 'SANE_STATUS_NO_DOCS',
  8: 'SANE_STATUS_COVER_OPEN',
  9: 'SANE_STATUS_IO_ERROR',
  10: 'SANE_STATUS_NO_MEM',
  11: 'SANE_STATUS_ACCESS_DENIED',
};

/** The `scanimage: …` error lines, without progress chatter. */
export function saneErrorLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => /^scanimage: /.test(l) && !/^scanimage: (rounded value|setting|warning)/i.test(l));
}

/**
 * What went wrong, from scanimage's stderr and exit status; null when nothing did. `device` only goes
 * into the technician message.
 */
export function parseScanError(stderr: string, exitCode: number | null, device: string): ScanProblem | null {
  const lines = saneErrorLines(stderr);
  const said = lines.join(' | ');
  if (lines.some((l) => /open of device .* failed|no SANE devices found|Invalid argument|Error opening device/i.test(l))) {
    return { ...UNPLUGGED, technician: `scanimage could not open "${device}": ${said}. Check USB/network, power, and \`scanimage -L\`.` };
  }
  for (const k of KNOWN) {
    if (lines.some((l) => k.text.test(l)) || STATUS_BY_CODE[exitCode ?? -1] === k.status) {
      const where = lines.find((l) => /sane_(start|read)/.test(l))?.match(/sane_(start|read)/)?.[0] ?? 'scan';
      return {
        problem: k.problem,
        status: k.status,
        technician: `${device}: ${k.status} during ${where}${said ? ` — ${said}` : ''} (exit ${exitCode ?? 'signal'})`,
        citizen: k.citizen,
        citizenEn: k.citizenEn,
        blocking: k.blocking,
      };
    }
  }
  if (exitCode === 0 && lines.length === 0) return null;
  if (exitCode === 0) return null; // warnings only
  return {
    problem: 'error',
    status: STATUS_BY_CODE[exitCode ?? -1] ?? 'UNKNOWN',
    technician: `${device}: scanimage failed (exit ${exitCode ?? 'signal'})${said ? ` — ${said}` : ''}`,
    citizen: 'Máy quét gặp lỗi. Vui lòng nhờ cán bộ hỗ trợ.',
    citizenEn: 'The scanner reported an error. Please ask staff for help.',
    blocking: true,
  };
}
