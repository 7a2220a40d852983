// Builds real-format MRZs with check digits computed here, independently of drivers/identity.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function cd(field: string): string {
  let sum = 0;
  [...field].forEach((c, i) => {
    const v = c === '<' ? 0 : ALPHABET.indexOf(c);
    if (v < 0) throw new Error(`fixture bug: ${c}`);
    sum += v * ([7, 3, 1][i % 3] as number);
  });
  return String(sum % 10);
}

export const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

export interface CccdMrzInput {
  id: string; // 12 digits
  dob: string; // yymmdd
  sex: 'M' | 'F';
  expiry: string; // yymmdd or <<<<<<
  surname: string;
  given: string[];
}

/** The layout seen on chip CCCDs: last 9 digits of the ID as document number, full ID + `<<` + its check digit. */
export function cccdMrz(p: CccdMrzInput): [string, string, string] {
  const doc = p.id.slice(3);
  const l1 = `IDVNM${doc}${cd(doc)}${p.id}<<${cd(p.id)}`;
  const expCd = p.expiry === '<<<<<<' ? '<' : cd(p.expiry);
  const head = `${p.dob}${cd(p.dob)}${p.sex}${p.expiry}${expCd}VNM`;
  const opt2 = '<'.repeat(11);
  const composite = cd(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + opt2);
  return [l1, head + opt2 + composite, pad(`${p.surname}<<${p.given.join('<')}`, 30)];
}

export interface Td3Input {
  issuer: string;
  surname: string;
  given: string[];
  number: string;
  nationality: string;
  dob: string;
  sex: 'M' | 'F' | '<';
  expiry: string;
  personal: string;
}

export function td3(p: Td3Input): [string, string] {
  const l1 = pad(`P<${pad(p.issuer, 3)}${p.surname}<<${p.given.join('<')}`, 44);
  const num = pad(p.number, 9);
  const pers = pad(p.personal, 14);
  const persCd = /^<+$/.test(pers) ? '<' : cd(pers);
  const body = `${num}${cd(num)}${pad(p.nationality, 3)}${p.dob}${cd(p.dob)}${p.sex}${p.expiry}${cd(p.expiry)}${pers}${persCd}`;
  const composite = cd(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [l1, body + composite];
}

// ICAO Doc 9303 specimens (part 5 TD1, part 4 TD3).
export const ICAO_TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] as const;
export const ICAO_TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'] as const;
// Long document number example (D23145890123) from the mrz package's README, check digits per Doc 9303.
export const LONG_TD1 = ['I<UTOD23145890<1233<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<2', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] as const;
// A CCCD MRZ from a public test mock (not a real person), in the layout issued cards use.
export const CCCD_SAMPLE = ['IDVNM0930470641001093047064<<2', '9301054M3301052VNM<<<<<<<<<<<8', 'UNG<<HOANG<HIEP<<<<<<<<<<<<<<<'] as const;

export const QR_2021 =
  '001093047064|123456789|Nguyễn Văn Ánh|05011993|Nam|Số 8, ngõ 9 Kim Ngưu, Phường Vĩnh Tuy, Quận Hai Bà Trưng, Hà Nội|15082021';
// 2024 "thẻ căn cước": same seven first fields, more after them (and the old CMND empty).
export const QR_2024 = '079204001234||Trần Thị Ngọc Hương|29022004|Nữ|Phường Bến Nghé, Quận 1, TP Hồ Chí Minh|01072024||Trần Văn Bình|Lê Thị Cúc';
