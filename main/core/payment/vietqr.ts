// VietQR: the EMVCo merchant-presented QR payload as NAPAS specifies it for inter-bank transfers
// (NAPAS 247 "QR IBFT"). Root data objects are ID(2) + length(2, decimal) + value:
//   00 payload format indicator "01"
//   01 point of initiation: "11" static (no amount), "12" dynamic (with amount, one-time)
//   38 merchant account information: 00 GUID "A000000727" (NAPAS), 01 beneficiary organisation
//      (00 acquirer BIN, 6 digits; 01 account or card number, ≤ 19), 02 service code
//      "QRIBFTTA" (to account) or "QRIBFTTC" (to card)
//   53 currency "704" (VND), 54 amount (VND, digits, ≤ 13), 58 country "VN"
//   62 additional data: 01 bill number, 08 purpose of transaction (each ≤ 25, EMVCo MPM)
//   63 CRC: CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over the whole payload up to and including "6304".
// Field tables: NAPAS VietQR spec as summarised in giautm/emvqr-go and unicubevn/vietqr-payment-js; test
// vectors are the NAPAS spec examples reproduced in several public libraries (see tests).
// Transfer notes are ASCII only: Vietnamese diacritics are stripped (many bank apps reject them).

export class VietQrError extends Error {
  override readonly name = 'VietQrError';
}

export const NAPAS_GUID = 'A000000727';
export type VietQrService = 'QRIBFTTA' | 'QRIBFTTC';

export interface VietQrInput {
  /** Beneficiary bank BIN (6 digits, e.g. 970415 VietinBank). */
  bankBin: string;
  /** Account number (QRIBFTTA) or card number (QRIBFTTC). */
  account: string;
  service?: VietQrService; // default QRIBFTTA
  /** Amount in VND (integer). Present → dynamic QR ("12"); absent → static ("11"). */
  amount?: number;
  /** Transfer note (62/08): e.g. the dossier code; diacritics are stripped. ≤ 25 characters after that. */
  purpose?: string;
  /** Bill number (62/01), ≤ 25 characters. */
  billNumber?: string;
}

export interface VietQrData {
  pointOfInitiation: 'static' | 'dynamic';
  bankBin: string;
  account: string;
  service: VietQrService;
  currency: string;
  amount: number | null;
  country: string;
  purpose: string | null;
  billNumber: string | null;
  /** All root data objects, including ones this module does not interpret. */
  fields: Record<string, string>;
}

/** CRC-16/CCITT-FALSE of an ASCII string, as 4 uppercase hex digits. */
export function crc16ccitt(s: string): string {
  let crc = 0xffff;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw new VietQrError(`ký tự không phải ASCII ở vị trí ${i}`);
    crc ^= c << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Vietnamese → ASCII for transfer notes: "Lệ phí hồ sơ" → "Le phi ho so". */
export function toAsciiNote(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function tlv(id: string, value: string, max = 99): string {
  if (value.length === 0) throw new VietQrError(`trường ${id} rỗng`);
  if (value.length > max) throw new VietQrError(`trường ${id} dài ${value.length} ký tự, tối đa ${max}`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

export function buildVietQr(input: VietQrInput): string {
  const service = input.service ?? 'QRIBFTTA';
  if (!/^\d{6}$/.test(input.bankBin)) throw new VietQrError(`BIN ngân hàng phải gồm 6 chữ số: "${input.bankBin}"`);
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.account)) throw new VietQrError('số tài khoản/số thẻ phải gồm 1–19 chữ và số');
  if (service === 'QRIBFTTC' && !/^\d{16,19}$/.test(input.account)) throw new VietQrError('số thẻ phải gồm 16–19 chữ số');
  let amount: string | null = null;
  if (input.amount !== undefined) {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new VietQrError(`số tiền phải là số nguyên dương (đồng): ${input.amount}`);
    amount = String(input.amount);
    if (amount.length > 13) throw new VietQrError('số tiền quá 13 chữ số');
  }
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', tlv('00', input.bankBin) + tlv('01', input.account, 19)) + tlv('02', service);
  let additional = '';
  if (input.billNumber !== undefined) additional += tlv('01', toAsciiNote(input.billNumber), 25);
  if (input.purpose !== undefined) additional += tlv('08', toAsciiNote(input.purpose), 25);

  let payload = tlv('00', '01') + tlv('01', amount === null ? '11' : '12') + tlv('38', merchant) + tlv('53', '704');
  if (amount !== null) payload += tlv('54', amount, 13);
  payload += tlv('58', 'VN');
  if (additional) payload += tlv('62', additional);
  payload += '6304';
  return payload + crc16ccitt(payload);
}

function readTlv(s: string, where: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let i = 0;
  while (i < s.length) {
    if (i + 4 > s.length) throw new VietQrError(`${where}: thiếu ID/độ dài ở vị trí ${i}`);
    const id = s.slice(i, i + 2);
    const lenText = s.slice(i + 2, i + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lenText)) throw new VietQrError(`${where}: ID/độ dài không phải số ở vị trí ${i}`);
    const len = Number(lenText);
    if (len === 0) throw new VietQrError(`${where}: trường ${id} có độ dài 0`);
    if (i + 4 + len > s.length) throw new VietQrError(`${where}: trường ${id} dài ${len} vượt quá chuỗi`);
    out.push([id, s.slice(i + 4, i + 4 + len)]);
    i += 4 + len;
  }
  return out;
}

function toMap(entries: Array<[string, string]>, where: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const [id, v] of entries) {
    if (id in m) throw new VietQrError(`${where}: trường ${id} lặp lại`);
    m[id] = v;
  }
  return m;
}

export function parseVietQr(payload: string): VietQrData {
  const s = payload.trim();
  if (s.length > 512) throw new VietQrError('chuỗi QR quá dài');
  if (!/^[\x20-\x7e]+$/.test(s)) throw new VietQrError('chuỗi QR có ký tự không phải ASCII');
  const entries = readTlv(s, 'gốc');
  const last = entries[entries.length - 1];
  if (!last || last[0] !== '63' || last[1].length !== 4) throw new VietQrError('thiếu trường CRC 63 ở cuối');
  const expected = crc16ccitt(s.slice(0, s.length - 4));
  if (last[1].toUpperCase() !== expected) throw new VietQrError(`CRC sai: ${last[1]} ≠ ${expected}`);
  const f = toMap(entries, 'gốc');
  if (f['00'] !== '01') throw new VietQrError('trường 00 (payload format) phải là "01"');
  const poi = f['01'];
  if (poi !== undefined && poi !== '11' && poi !== '12') throw new VietQrError(`trường 01 phải là "11" hoặc "12": "${poi}"`);
  const mai = f['38'];
  if (!mai) throw new VietQrError('thiếu trường 38 (thông tin người nhận)');
  const m = toMap(readTlv(mai, 'trường 38'), 'trường 38');
  if (m['00'] !== NAPAS_GUID) throw new VietQrError(`GUID trong trường 38 phải là ${NAPAS_GUID}`);
  const bene = m['01'];
  if (!bene) throw new VietQrError('thiếu trường 38/01 (ngân hàng và tài khoản)');
  const b = toMap(readTlv(bene, 'trường 38/01'), 'trường 38/01');
  const bankBin = b['00'];
  const account = b['01'];
  if (!bankBin || !/^\d{6}$/.test(bankBin)) throw new VietQrError('BIN ngân hàng (38/01/00) phải gồm 6 chữ số');
  if (!account) throw new VietQrError('thiếu số tài khoản/số thẻ (38/01/01)');
  const service = m['02'];
  if (service !== 'QRIBFTTA' && service !== 'QRIBFTTC') throw new VietQrError(`mã dịch vụ (38/02) không hỗ trợ: "${service ?? ''}"`);
  const amountText = f['54'];
  if (amountText !== undefined && !/^\d+(\.\d+)?$/.test(amountText)) throw new VietQrError(`số tiền (54) không hợp lệ: "${amountText}"`);
  const add = f['62'] ? toMap(readTlv(f['62'], 'trường 62'), 'trường 62') : {};
  return {
    pointOfInitiation: poi === '12' ? 'dynamic' : 'static',
    bankBin,
    account,
    service,
    currency: f['53'] ?? '',
    amount: amountText === undefined ? null : Number(amountText),
    country: f['58'] ?? '',
    purpose: add['08'] ?? null,
    billNumber: add['01'] ?? null,
    fields: f,
  };
}
