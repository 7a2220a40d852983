// Identity parser throughput: our MRZ parser vs the `mrz` package on the same inputs in the same run (ratio),
// where they disagree on validity, and CCCD QR throughput. Run: node --import tsx bench/identity.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse as mrzParse } from 'mrz';
import { IdentityParseError } from '../drivers/identity/errors.ts';
import { parseCccdQr } from '../drivers/identity/cccd-qr.ts';
import { parseMrz } from '../drivers/identity/mrz.ts';
import { CCCD_SAMPLE, ICAO_TD1, ICAO_TD3, LONG_TD1, QR_2021, QR_2024, cccdMrz, td3 } from '../tests/unit/identity-fixtures.ts';

const today = '2026-03-01';

// Deterministic PRNG so every run measures the same set.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const rand = rng(9303);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const yymmdd = (yMin: number, yMax: number) => {
  const y = yMin + Math.floor(rand() * (yMax - yMin + 1));
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  return `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
};
const SURNAMES = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'VU', 'DANG', 'BUI'];
const GIVEN = ['VAN', 'THI', 'MINH', 'HOA', 'ANH', 'DUC', 'LAN', 'HUONG', 'TUAN'];

const valid: string[][] = [];
for (let i = 0; i < 300; i++) {
  valid.push(cccdMrz({ id: digits(12), dob: yymmdd(1950, 2005), sex: pick(['M', 'F'] as const), expiry: yymmdd(2026, 2045), surname: pick(SURNAMES), given: [pick(GIVEN), pick(GIVEN)] }));
  valid.push(td3({ issuer: pick(['VNM', 'FRA', 'JPN', 'KOR', 'D']), surname: pick(SURNAMES), given: [pick(GIVEN)], number: `C${digits(7)}`, nationality: pick(['VNM', 'FRA', 'JPN']), dob: yymmdd(1950, 2005), sex: pick(['M', 'F'] as const), expiry: yymmdd(2026, 2035), personal: rand() < 0.5 ? digits(12) : '' }));
}
// Single-digit corruptions (what OCR does), and the specimens.
const corrupted = valid.slice(0, 200).map((lines) => {
  const li = Math.floor(rand() * (lines.length - (lines.length === 3 ? 1 : 0)));
  const line = lines[li]!;
  const positions = [...line].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
  const at = pick(positions);
  const ch = String((Number(line[at]) + 1 + Math.floor(rand() * 8)) % 10);
  return lines.map((l, i) => (i === li ? l.slice(0, at) + ch + l.slice(at + 1) : l));
});
const feb31 = [td3({ issuer: 'FRA', surname: 'X', given: ['Y'], number: 'AB1234567', nationality: 'FRA', dob: '740231', sex: 'F', expiry: '300101', personal: '' })];
const lowercase = [[ICAO_TD1[0], ICAO_TD1[1], 'eriksson<<anna<maria<<<<<<<<<<']];
const specimens = [[...ICAO_TD1], [...ICAO_TD3], [...LONG_TD1], [...CCCD_SAMPLE]];
const set = [...valid, ...corrupted, ...feb31, ...lowercase, ...specimens];
const joined = set.map((l) => l.join('\n'));

function ours(payload: string): boolean {
  try {
    parseMrz(payload, { today });
    return true;
  } catch (e) {
    if (e instanceof IdentityParseError) return false;
    throw e;
  }
}
function theirs(lines: string[]): boolean {
  try {
    return mrzParse(lines).valid;
  } catch {
    return false; // mrz throws plain Errors for shape problems: that is "invalid" too
  }
}

function opsPerSec(fn: () => void, inputs: number, minMs = 1500): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    n++;
    t = performance.now();
  }
  return (n * inputs * 1000) / (t - t0);
}

const oursOps = opsPerSec(() => joined.forEach(ours), joined.length);
const theirsOps = opsPerSec(() => set.forEach(theirs), set.length);

const disagreements = new Map<string, { count: number; example: string }>();
set.forEach((lines, i) => {
  const a = ours(joined[i]!);
  const b = theirs(lines);
  if (a === b) return;
  let why = '';
  try {
    parseMrz(joined[i]!, { today });
  } catch (e) {
    why = e instanceof IdentityParseError ? `${e.field}: ${e.reason}` : String(e);
  }
  if (!why) {
    const r = mrzParse(lines);
    why = r.details.filter((d) => !d.valid).map((d) => `${d.label}: ${d.error}`).join('; ');
  }
  const key = `ours ${a ? 'valid' : 'invalid'} / mrz ${b ? 'valid' : 'invalid'}: ${why.replace(/"[^"]*"|\d+/g, '#')}`;
  const cur = disagreements.get(key);
  disagreements.set(key, { count: (cur?.count ?? 0) + 1, example: cur?.example ?? lines[0]!.slice(0, 5) });
});

const qrs = [QR_2021, QR_2024, ...Array.from({ length: 98 }, () => `${digits(12)}|${rand() < 0.5 ? digits(9) : ''}|Nguyễn Thị ${pick(['Hương', 'Ánh', 'Ngọc', 'Đức'])}|${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}0${1 + Math.floor(rand() * 9)}19${50 + Math.floor(rand() * 50)}|${pick(['Nam', 'Nữ'])}|Phường Bến Nghé, Quận 1, TP Hồ Chí Minh|01072024`)];
const qrOps = opsPerSec(() => qrs.forEach((q) => parseCccdQr(q, { today })), qrs.length);

const validOurs = joined.filter(ours).length;
const result = {
  at: new Date().toISOString(),
  node: process.version,
  mrzSet: { total: set.length, validByOurs: validOurs, validByMrz: set.filter(theirs).length },
  mrzOpsPerSec: { ours: Math.round(oursOps), mrzPackage: Math.round(theirsOps), ratioOursOverMrz: Number((oursOps / theirsOps).toFixed(2)) },
  disagreements: [...disagreements].map(([reason, v]) => ({ reason, ...v })),
  cccdQrOpsPerSec: Math.round(qrOps),
};

console.log('\nIdentity parsers (same inputs, same run)');
console.table({
  'MRZ: ours (ops/s)': { value: result.mrzOpsPerSec.ours },
  'MRZ: mrz 5 (ops/s)': { value: result.mrzOpsPerSec.mrzPackage },
  'MRZ ratio ours/mrz': { value: result.mrzOpsPerSec.ratioOursOverMrz },
  'CCCD QR (ops/s)': { value: result.cccdQrOpsPerSec },
  'MRZ inputs / valid ours / valid mrz': { value: `${set.length} / ${validOurs} / ${result.mrzSet.validByMrz}` },
});
console.log('Validity disagreements:');
for (const d of result.disagreements) console.log(`  ${String(d.count).padStart(4)} × ${d.reason} (e.g. ${d.example}…)`);

mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
const file = new URL(`./out/identity-${result.at.replace(/[:.]/g, '-')}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwrote ${file.pathname}`);
