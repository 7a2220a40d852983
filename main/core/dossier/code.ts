// Mã số hồ sơ (dossier code) per Thông tư 01/2018/TT-VPCP: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX
//   V1V2V3.Z1Z2.Y1Y2.MX1X2 — the receiving unit's identifier under QCVN 102:2016/BTTTT (Thông tư 10/2016/TT-BTTTT):
//     MX1X2 = level-1 code (a letter and two digits, e.g. H49 = UBND tỉnh Quảng Ninh, whose own id is 000.00.00.H49),
//     Y1Y2 = level 2, Z1Z2 = level 3, V1V2V3 = level 4 ("000"/"00" where the unit has no such level);
//   YYMMDD — the receipt date (Asia/Ho_Chi_Minh); XXXX — the dossier's 4-digit sequence number that day.
// Only the pure parts live here; the core allocates the daily sequence from its database counter.
//
// Where the sources are unclear we are permissive, on request:
// - We have not read QCVN 102:2016's text itself: the strict pattern (3+2+2 digits, letter + 2 digits) is
//   inferred from the structure quoted by QĐ 3739/QĐ-UBND Quảng Ninh and ids seen in public code
//   (000.00.00.H41, 000.00.04.G14). `permissive` accepts any four dot-separated 2–3 character [0-9A-Z]
//   groups (e.g. the unverified real-world "H15.50.05.13").
// - Some ministry portals are reported to use 6–7 digit sequences; `permissive` parsing accepts 4–7 digits.
import { civilDate, parseCivilDate, vnDateOf, type CivilDate } from '../calendar/civil-date.ts';

export class DossierCodeError extends Error {
  override readonly name = 'DossierCodeError';
}

export interface UnitIdCheckOptions {
  permissive?: boolean;
}

const STRICT_UNIT = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;
const PERMISSIVE_UNIT = /^[0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){3}$/;

export interface UnitIdLevels {
  level1: string; // MX1X2
  level2: string; // Y1Y2
  level3: string; // Z1Z2
  level4: string; // V1V2V3
}

export type UnitIdCheck = { ok: true; strict: boolean; levels: UnitIdLevels | null } | { ok: false; reason: string };

export function checkUnitId(id: string, opts: UnitIdCheckOptions = {}): UnitIdCheck {
  const m = STRICT_UNIT.exec(id);
  if (m) return { ok: true, strict: true, levels: { level4: m[1]!, level3: m[2]!, level2: m[3]!, level1: m[4]! } };
  if (opts.permissive && PERMISSIVE_UNIT.test(id)) return { ok: true, strict: false, levels: null };
  if (id.length === 0) return { ok: false, reason: 'mã định danh đơn vị trống' };
  if (/[a-z]/.test(id)) return { ok: false, reason: 'mã định danh đơn vị phải viết hoa' };
  return {
    ok: false,
    reason: opts.permissive
      ? `mã định danh đơn vị "${id}" phải gồm 4 nhóm 2–3 ký tự chữ/số, cách nhau bằng dấu chấm`
      : `mã định danh đơn vị "${id}" phải có dạng V1V2V3.Z1Z2.Y1Y2.MX1X2 (ví dụ 000.00.00.H49)`,
  };
}

export interface DossierCode {
  unitId: string;
  /** Receipt date (YYMMDD read as 20YY). */
  date: CivilDate;
  seq: number;
}

function yymmdd(date: CivilDate): string {
  const { year, month, day } = parseCivilDate(date);
  if (year < 2000 || year > 2099) throw new DossierCodeError(`năm ${year} không biểu diễn được bằng 2 chữ số YY (2000–2099)`);
  return `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** Builds the code; `date` is an instant (its Vietnamese date is used) or a 'YYYY-MM-DD' receipt date. */
export function formatDossierCode(unitId: string, date: Date | CivilDate, seq: number, opts: UnitIdCheckOptions = {}): string {
  const check = checkUnitId(unitId, opts);
  if (!check.ok) throw new DossierCodeError(check.reason);
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) throw new DossierCodeError(`số thứ tự hồ sơ trong ngày phải từ 1 đến 9999: ${seq}`);
  let day: CivilDate;
  try {
    day = date instanceof Date ? vnDateOf(date) : (parseCivilDate(date), date);
  } catch (e) {
    throw new DossierCodeError(`ngày tiếp nhận không hợp lệ: ${(e as Error).message}`);
  }
  return `${unitId}-${yymmdd(day)}-${String(seq).padStart(4, '0')}`;
}

export function parseDossierCode(code: string, opts: UnitIdCheckOptions = {}): DossierCode {
  const s = code.trim().toUpperCase();
  const m = /^(.+)-(\d{6})-(\d+)$/.exec(s);
  if (!m) throw new DossierCodeError(`mã hồ sơ "${code}" không có dạng <mã đơn vị>-YYMMDD-XXXX`);
  const [, unitId, ymd, seqText] = m as unknown as [string, string, string, string];
  const check = checkUnitId(unitId, opts);
  if (!check.ok) throw new DossierCodeError(check.reason);
  const seqOk = opts.permissive ? seqText.length >= 4 && seqText.length <= 7 : seqText.length === 4;
  if (!seqOk) throw new DossierCodeError(`số thứ tự "${seqText}" phải có ${opts.permissive ? '4–7' : '4'} chữ số`);
  const seq = Number(seqText);
  if (seq < 1) throw new DossierCodeError('số thứ tự hồ sơ phải lớn hơn 0');
  const year = 2000 + Number(ymd.slice(0, 2));
  const month = Number(ymd.slice(2, 4));
  const day = Number(ymd.slice(4, 6));
  const date = civilDate(year, month, day);
  if (date !== `${year}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}`) throw new DossierCodeError(`ngày "${ymd}" trong mã hồ sơ không tồn tại`);
  return { unitId, date, seq };
}
