// Printer bench (a script, not a test): node --import tsx bench/printer.ts
// Bytes on the wire per ticket in each text mode, wire time at 9,600 / 38,400 / 115,200 baud (8N1 = 10 bits
// a byte), encode time as a ratio to the code-page encoder in the same run, and the same Vietnamese ticket
// through node-thermal-printer and receiptline, decoded back by the virtual printer to see what survives.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PrintDocument } from '../drivers/printer/document.ts';
import { encodeWithReport } from '../drivers/printer/encode.ts';
import { loadProfile, type PrinterProfile, type TextMode } from '../drivers/printer/profile.ts';
import { loadFontSet } from '../drivers/printer/raster.ts';
import { EscPosInterpreter } from '../tests/helpers/virtual-printer.ts';

const require = createRequire(import.meta.url);
const LINES = [
  'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
  'Số thứ tự của bạn',
  'Quầy số 3: Đăng ký hộ tịch, chứng thực',
  'Vui lòng chờ đến lượt. Xin cảm ơn!',
];
const NUMBER = 'A012';
const QR = 'https://letan.local/t/A012';
const doc: PrintDocument = {
  blocks: [
    { kind: 'text', text: LINES[0]!, align: 'center', bold: true },
    { kind: 'text', text: LINES[1]!, align: 'center' },
    { kind: 'big', text: NUMBER },
    { kind: 'text', text: LINES[2]! },
    { kind: 'text', text: LINES[3]! },
    { kind: 'qr', data: QR },
    { kind: 'barcode', data: NUMBER },
    { kind: 'cut' },
  ],
};
const BAUDS = [9600, 38400, 115200];
const RUNS = 30;

/** Interpret bytes on a TM-T88 with every Vietnamese page it has; which source lines came out intact. */
function survival(bytes: Uint8Array): { exact: number; of: number; questionMarks: number; wrongLetters: number; rasterLines: number } {
  const base = loadProfile('epson-tm-t88');
  const profile: PrinterProfile = { ...base, codePages: [...base.codePages, { id: 'cp1258', page: 27 }] };
  const vp = new EscPosInterpreter(profile);
  vp.push(bytes);
  vp.tear();
  const items = vp.tickets.flatMap((t) => t.items);
  const texts = items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  const joined = texts.join(' ').replace(/\s+/g, ' ');
  return {
    exact: LINES.filter((l) => joined.includes(l.normalize('NFC'))).length,
    of: LINES.length,
    questionMarks: [...joined].filter((c) => c === '?').length,
    // non-ASCII characters printed that the ticket does not contain: silently wrong letters
    wrongLetters: [...joined].filter((c) => c.charCodeAt(0) > 0x7f && !LINES.join('').normalize('NFC').includes(c)).length,
    rasterLines: items.filter((i) => i.kind === 'raster' && i.height < 100).length,
  };
}

function time<T>(fn: () => T): { result: T; ms: number } {
  const t = performance.now();
  const result = fn();
  return { result, ms: performance.now() - t };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - t };
}

interface Row {
  encoder: string;
  bytes: number;
  encodeMs: number;
  wireMs: Record<string, number>;
  vietnamese: ReturnType<typeof survival>;
  via?: string;
}

const rows: Row[] = [];
const wire = (bytes: number) => Object.fromEntries(BAUDS.map((b) => [String(b), Math.round((bytes * 10 * 1000) / b)]));
const fonts = loadFontSet();

for (const [id, mode] of [
  ['epson-tm-t88', 'codepage'],
  ['epson-tm-t88', 'raster'],
  ['generic-80', 'codepage'],
  ['generic-80', 'raster'],
  ['generic-58', 'codepage'],
  ['generic-58', 'raster'],
] as Array<[string, TextMode]>) {
  const profile = loadProfile(id);
  await encodeWithReport(doc, profile, { textMode: mode, fonts }); // warm up
  const { result, ms } = await timeAsync(async () => {
    let r = await encodeWithReport(doc, profile, { textMode: mode, fonts });
    for (let i = 1; i < RUNS; i++) r = await encodeWithReport(doc, profile, { textMode: mode, fonts });
    return r;
  });
  rows.push({
    encoder: `letan ${id} ${mode}`,
    bytes: result.bytes.length,
    encodeMs: ms / RUNS,
    wireMs: wire(result.bytes.length),
    vietnamese: survival(result.bytes),
    via: result.lines.map((l) => l.via).join(','),
  });
}

// node-thermal-printer, Epson type, WPC1258 Vietnamese page selected as its docs suggest.
{
  const { ThermalPrinter, PrinterTypes, CharacterSet } = require('node-thermal-printer');
  const build = () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, characterSet: CharacterSet.WPC1258_VIETNAMESE, width: 48 });
    p.alignCenter();
    p.bold(true);
    p.println(LINES[0]);
    p.bold(false);
    p.println(LINES[1]);
    p.setTextQuadArea();
    p.println(NUMBER);
    p.setTextNormal();
    p.alignLeft();
    p.println(LINES[2]);
    p.println(LINES[3]);
    p.alignCenter();
    p.printQR(QR);
    p.code128(NUMBER);
    p.cut();
    return new Uint8Array(p.getBuffer() as Buffer);
  };
  build();
  const { result, ms } = time(() => {
    let b = build();
    for (let i = 1; i < RUNS; i++) b = build();
    return b;
  });
  rows.push({ encoder: 'node-thermal-printer (WPC1258)', bytes: result.length, encodeMs: ms / RUNS, wireMs: wire(result.length), vietnamese: survival(result) });
}

// receiptline, ESC/POS command set, its "multilingual" encoding.
{
  const receiptline = require('receiptline');
  const markdown = [`^^"${LINES[0]}"`, LINES[1], `^^^${NUMBER}`, `|${LINES[2]}`, `|${LINES[3]}`, `{code:${QR}; option:qrcode,6,m}`, `{code:${NUMBER}; option:code128,2,80,hri}`, '='].join('\n');
  const build = () => new Uint8Array(Buffer.from(receiptline.transform(markdown, { command: 'escpos', cpl: 48, encoding: 'multilingual', cutting: true }), 'binary'));
  build();
  const { result, ms } = time(() => {
    let b = build();
    for (let i = 1; i < RUNS; i++) b = build();
    return b;
  });
  rows.push({ encoder: 'receiptline (multilingual)', bytes: result.length, encodeMs: ms / RUNS, wireMs: wire(result.length), vietnamese: survival(result) });
}

const baseline = rows[0]!.encodeMs;
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`Vietnamese queue ticket (${LINES.length} Vietnamese lines + number, QR, CODE128, cut); ${RUNS} runs each`);
console.log(
  pad('encoder', 34) + pad('bytes', 8) + BAUDS.map((b) => pad(`wire@${b}`, 13)).join('') + pad('encode ms', 11) + pad('× baseline', 12) + 'Vietnamese lines intact as text / ? / wrong letters / raster lines',
);
for (const r of rows)
  console.log(
    pad(r.encoder, 34) +
      pad(String(r.bytes), 8) +
      BAUDS.map((b) => pad(`${r.wireMs[String(b)]} ms`, 13)).join('') +
      pad(r.encodeMs.toFixed(2), 11) +
      pad((r.encodeMs / baseline).toFixed(2), 12) +
      `${r.vietnamese.exact}/${r.vietnamese.of}  ?=${r.vietnamese.questionMarks}  wrong=${r.vietnamese.wrongLetters}  raster=${r.vietnamese.rasterLines}`,
  );
console.log(`baseline: ${rows[0]!.encoder}`);
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/printer.json', import.meta.url), JSON.stringify({ at: new Date().toISOString(), runs: RUNS, baseline: rows[0]!.encoder, rows }, null, 2));
console.log('wrote bench/out/printer.json');
