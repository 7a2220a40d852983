import type { Identity } from '../../../main/contract/schemas.ts';
import { vnDateOf } from '../../../main/core/calendar/civil-date.ts';

/** Elderly under the Law on the Elderly (Luật Người cao tuổi 2009, art. 2): Vietnamese citizens aged 60 and over. */
export const ELDERLY_AGE = 60;

/** Whole years between a date of birth and today (both ISO yyyy-mm-dd); null for a malformed date. */
export function ageOn(dateOfBirth: string, today: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !t) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])];
  const real = new Date(Date.UTC(by, bm - 1, bd));
  if (real.getUTCMonth() !== bm - 1 || real.getUTCDate() !== bd) return null;
  let age = ty - by;
  // Born on 29 February: the birthday counts on 1 March in common years (the day after 28 February).
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age < 0 ? null : age;
}

export function isElderly(dateOfBirth: string, today: string): boolean {
  const age = ageOn(dateOfBirth, today);
  return age !== null && age >= ELDERLY_AGE;
}

/** The id of the elderly priority in the shipped priority list (config `priorities`). */
export const ELDERLY_PRIORITY = 'elderly';

/**
 * What the counter is told a priority rests on: the date of birth read from the card when it shows 60+,
 * otherwise the citizen's word (a typed date of birth is also the citizen's word).
 */
export function priorityBasisFor(priority: string, person: Person | null, today: string): 'card-birth-date' | 'declared' {
  const fromCard = person !== null && person.source !== 'keyboard' && isElderly(person.dateOfBirth, today);
  return priority === ELDERLY_PRIORITY && fromCard ? 'card-birth-date' : 'declared';
}

/** Today's date in Vietnam (UTC+7, no daylight saving) as yyyy-mm-dd. */
export function vnToday(now: Date = new Date()): string {
  return vnDateOf(now);
}

/** A citizen as the kiosk flows hold them: read from a card or typed, then confirmed. Personal data. */
export interface Person {
  source: Identity['source'] | 'keyboard';
  fullName: string;
  /** The 12-digit personal ID number; null when the document does not carry it (a passport's MRZ). */
  idNumber: string | null;
  /** ISO yyyy-mm-dd. */
  dateOfBirth: string;
  address: string;
}

export function personFromIdentity(id: Identity): Person {
  return {
    source: id.source,
    fullName: id.fullName,
    idNumber: id.idNumber && /^\d{12}$/.test(id.idNumber) ? id.idNumber : null,
    dateOfBirth: id.dateOfBirth,
    address: id.address ?? '',
  };
}

/** An MRZ holds names in upper-case Latin without diacritics: the citizen should correct them. */
export function nameNeedsDiacritics(p: Person): boolean {
  return p.source === 'mrz-td1' || p.source === 'mrz-td3';
}

/** dd/mm/yyyy for display. */
export function formatDob(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export class DateEntryError extends Error {
  override readonly name = 'DateEntryError';
  constructor(readonly messageVi: string, message: string) {
    super(message);
  }
}

/**
 * The date of birth typed on the keypad as ddmmyyyy (slashes optional) → ISO, checked against today.
 * Throws DateEntryError with a Vietnamese message for the citizen.
 */
export function dateFromDigits(typed: string, today: string): string {
  const digits = typed.replace(/\D/g, '');
  if (digits.length !== 8) throw new DateEntryError('Ngày sinh cần đủ 8 chữ số: ngày (2), tháng (2), năm (4). Ví dụ 01/02/1950.', 'date of birth needs 8 digits ddmmyyyy');
  const d = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4));
  const y = Number(digits.slice(4));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new DateEntryError('Ngày sinh không có thật trên lịch. Mời quý vị kiểm tra lại.', 'no such date');
  }
  const iso = `${digits.slice(4)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
  if (iso > today) throw new DateEntryError('Ngày sinh không thể ở tương lai.', 'date of birth is in the future');
  if (y < Number(today.slice(0, 4)) - 130) throw new DateEntryError('Năm sinh không hợp lệ.', 'year of birth too early');
  return iso;
}

/** Shows typed keypad digits as dd/mm/yyyy while they are entered. */
export function maskDateDigits(typed: string): string {
  const d = typed.replace(/\D/g, '').slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
}
