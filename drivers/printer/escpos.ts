// ESC/POS command bytes, one small pure function each. Names follow the Epson command reference.
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const FS = 0x1c;
export const LF = 0x0a;

export const initialize = (): number[] => [ESC, 0x40]; // ESC @
export const cancelKanji = (): number[] => [FS, 0x2e]; // FS .
export const selectCodePage = (page: number): number[] => [ESC, 0x74, page]; // ESC t n
export const align = (a: 'left' | 'center' | 'right'): number[] => [ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2];
export const bold = (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0]; // ESC E n
/** GS ! n: width and height magnification 1..8 */
export const charSize = (w: number, h: number): number[] => [GS, 0x21, ((w - 1) << 4) | (h - 1)];
export const feedLines = (n: number): number[] => [ESC, 0x64, Math.max(0, Math.min(255, n))]; // ESC d n

/** GS V m n — function B: feed n dots then cut (65 full, 66 partial). */
export const cut = (kind: 'full' | 'partial'): number[] => [GS, 0x56, kind === 'full' ? 65 : 66, 0];

/** GS v 0 m xL xH yL yH d1…dk — raster bit image, normal density. */
export function rasterImage(widthBytes: number, height: number, data: Uint8Array): number[] {
  return [GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, height & 0xff, height >> 8, ...data];
}

/** GS ( k — QR model 2, module size, error correction M, store, print. */
export function qrNative(data: Uint8Array, moduleSize: number): number[] {
  const len = data.length + 3;
  return [
    ...[GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0], // model 2
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize], // module size
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31], // error correction M
    ...[GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30, ...data], // store
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // print
  ];
}

/** CODE128 with code set B: GS h (height), GS w (module), GS H 2 (HRI below), GS k 73 n {B data. */
export function code128(ascii: Uint8Array): number[] {
  const body: number[] = [0x7b, 0x42]; // {B
  for (const b of ascii) {
    body.push(b);
    if (b === 0x7b) body.push(0x7b); // a literal '{' is sent as '{{'
  }
  return [GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 2, GS, 0x6b, 73, body.length, ...body];
}

/** DLE EOT n — real-time status request (n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor). */
export const realtimeStatus = (n: 1 | 2 | 3 | 4): number[] => [DLE, 0x04, n];
/** GS a n — automatic status back: 0x0f = drawer, online/offline, error, paper sensor. */
export const enableAsb = (on: boolean): number[] => [GS, 0x61, on ? 0x0f : 0];
