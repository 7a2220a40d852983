import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyHomography, findPageQuad, homography, warpPerspective, type Quad } from '../../main/core/ocr/perspective.ts';
import { blankCutRow, contentBox, cropGrey, estimateNoise, estimateSkew, median3, prepareGrey, sauvola, toGrey, toPgm } from '../../main/core/ocr/preprocess.ts';
import { registerPage, regionToPixels } from '../../main/core/ocr/register.ts';
import { renderFilledForm, renderTextPage } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import type { OcrWord } from '../../main/core/ocr/pool.ts';
import { cameraShot, noise, skew } from '../../bench/corpus/degrade.ts';

const LINES = [
  'Điều 1. Công dân có quyền tự do đi lại và cư trú ở trong nước,',
  'có quyền ra nước ngoài và từ nước ngoài về nước.',
  'Việc thực hiện các quyền này do pháp luật quy định.',
  'Mọi người có quyền bất khả xâm phạm về chỗ ở.',
];

describe('perspective', () => {
  it('maps the four corners exactly and inverts', () => {
    const src: Quad = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 150 }, { x: 0, y: 150 }];
    const dst: Quad = [{ x: 12, y: 7 }, { x: 95, y: 15 }, { x: 110, y: 160 }, { x: 3, y: 140 }];
    const h = homography(src, dst);
    src.forEach((p, i) => {
      const q = applyHomography(h, p);
      expect(q.x).toBeCloseTo(dst[i]!.x, 6);
      expect(q.y).toBeCloseTo(dst[i]!.y, 6);
    });
    const back = applyHomography(homography(dst, src), applyHomography(h, { x: 40, y: 60 }));
    expect(back.x).toBeCloseTo(40, 6);
    expect(back.y).toBeCloseTo(60, 6);
    expect(() => homography(src, [dst[0], dst[0], dst[0], dst[3]] as Quad)).toThrow(/degenerate/);
  });

  it('finds a photographed page and rectifies it back to the page layout', async () => {
    const page = await renderTextPage(LINES, { dpi: 60 });
    const { photo, quad } = await cameraShot(page);
    const g = await toGrey(photo);
    const found = findPageQuad({ ...g, channels: 1 })!;
    expect(found).not.toBeNull();
    found.forEach((p, i) => expect(Math.hypot(p.x - quad[i]!.x, p.y - quad[i]!.y)).toBeLessThan(8));
    const m = await sharp(page).metadata();
    const out = warpPerspective({ ...g, channels: 1 }, found, m.width!, m.height!);
    // The first text line's ink sits where it was on the flat page (within a few pixels).
    const rowInk = (d: Uint8Array | Uint8ClampedArray, w: number, h: number) => {
      const r = new Array<number>(h).fill(0);
      // Inside a 5% margin: the rectified edge may carry a sliver of the dark desk.
      for (let y = Math.round(h * 0.05); y < h; y++) for (let x = Math.round(w * 0.05); x < w * 0.95; x++) if (d[y * w + x]! < 160) r[y]!++;
      return r.findIndex((v) => v > 3);
    };
    const pg = await toGrey(page);
    expect(Math.abs(rowInk(out.data, out.width, out.height) - rowInk(pg.data, pg.width, pg.height))).toBeLessThanOrEqual(4);
  });
});

describe('clean-up', () => {
  it('measures skew within 0.3° on a rendered page turned by known angles', async () => {
    const page = await renderTextPage([...LINES, ...LINES, ...LINES], { dpi: 100 });
    for (const deg of [-3, 1.5, 4]) {
      const est = estimateSkew(await toGrey(await skew(page, deg)));
      expect(Math.abs(est - deg)).toBeLessThan(0.3);
    }
  });

  it('tells a noisy scan from a clean one and binarises it', async () => {
    const page = await renderTextPage(LINES, { dpi: 100 });
    const clean = await estimateNoise(await toGrey(page));
    const noisy = await estimateNoise(await toGrey(await noise(page, 25)));
    expect(clean).toBeLessThan(6);
    expect(noisy).toBeGreaterThan(6);
    const bin = sauvola(await toGrey(page));
    expect(new Set(bin.data)).toEqual(new Set([0, 255]));
    const box = contentBox(await toGrey(page));
    expect(box.left).toBeGreaterThan(0);
    expect(box.height).toBeLessThan((await sharp(page).metadata()).height!);
  });
});

describe('raw grey helpers', () => {
  const img = { width: 4, height: 3, data: Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]) };

  it('crops, writes binary PGM with a white border, and median-filters', () => {
    expect([...cropGrey(img, { left: 1, top: 1, width: 2, height: 2 }).data]).toEqual([60, 70, 100, 110]);
    const pgm = toPgm(cropGrey(img, { left: 1, top: 1, width: 2, height: 2 }), 1);
    const header = 'P5\n4 4\n255\n';
    expect(pgm.subarray(0, header.length).toString('ascii')).toBe(header);
    expect([...pgm.subarray(header.length)]).toEqual([255, 255, 255, 255, 255, 60, 70, 255, 255, 100, 110, 255, 255, 255, 255, 255]);
    // A band of rows straight from the page: the same bytes as cropping first.
    const band = toPgm(img, 1, { top: 1, height: 2 });
    expect(band.equals(toPgm(cropGrey(img, { left: 0, top: 1, width: 4, height: 2 }), 1))).toBe(true);
    const speck = { width: 3, height: 3, data: Uint8Array.from([200, 200, 200, 200, 0, 200, 200, 200, 200]) };
    expect(median3(speck).data[4]).toBe(200);
  });

  it('finds a blank band to cut a page at, and none when every row has ink', async () => {
    const page = await toGrey(await renderTextPage([...LINES, ...LINES, ...LINES], { dpi: 100 }));
    const cut = blankCutRow(page)!;
    expect(cut).toBeGreaterThan(page.height * 0.3);
    expect(cut).toBeLessThan(page.height * 0.7);
    const row = page.data.subarray(cut * page.width, (cut + 1) * page.width);
    expect(row.every((v) => v >= 128)).toBe(true);
    const striped = { ...page, data: new Uint8Array(page.data) };
    for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x += 2) striped.data[y * page.width + x] = 0;
    expect(blankCutRow(striped)).toBeNull();
  });
});

describe('registration', () => {
  it('fits the page from anchor words (scaled and shifted scan) and maps regions', async () => {
    const t = loadTemplates().get('ly-lich-tu-phap')!;
    const W = 1000;
    const H = 1414;
    const s = 0.9; // scanned slightly small and offset
    const words: OcrWord[] = [];
    let line = 0;
    const at = (u: number, v: number) => ({ x: 30 + u * W * s, y: 50 + v * H * s });
    for (const p of t.printed.filter((p) => p.anchor)) {
      const q = at(p.x, p.y);
      p.text.split(' ').forEach((w, i) => words.push({ text: w, confidence: 90, bbox: { x0: q.x + i * 40, y0: q.y - 20, x1: q.x + i * 40 + 35, y1: q.y }, baselineY: q.y, lineIndex: line }));
      line++;
    }
    for (const f of t.fields.filter((f) => f.anchor)) {
      const q = at(f.labelAt.x, f.labelAt.y);
      f.label.split(' ').forEach((w, i) => words.push({ text: w, confidence: 90, bbox: { x0: q.x + i * 40, y0: q.y - 20, x1: q.x + i * 40 + 35, y1: q.y }, baselineY: q.y, lineIndex: line }));
      line++;
    }
    const r = registerPage(t, words, { width: W, height: H });
    expect(r.method).toBe('affine');
    expect(r.anchorsFound).toBe(r.anchorsTotal);
    expect(r.rmsPx).toBeLessThan(0.5);
    const f = t.fields.find((x) => x.name === 'dien_thoai')!;
    const box = regionToPixels(r.transform, f.region, { width: W, height: H }, 0);
    const want = at(f.region.x, f.region.y);
    expect(Math.abs(box.left - want.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.top - want.y)).toBeLessThanOrEqual(1);
  });

  it('renders a filled form with the answers and checkbox marks at the template positions', async () => {
    const t = loadTemplates().get('khai-sinh')!;
    const png = await renderFilledForm(t, { ban_sao_co: true, ban_sao_khong: false }, { dpi: 100 });
    const g = await toGrey(png);
    const ink = (name: string) => {
      const f = t.fields.find((x) => x.name === name)!;
      const x0 = Math.round((f.region.x + f.region.w * 0.3) * g.width);
      const y0 = Math.round((f.region.y + f.region.h * 0.3) * g.height);
      let d = 0;
      for (let y = y0; y < y0 + 2; y++) for (let x = x0; x < x0 + Math.round(f.region.w * 0.4 * g.width); x++) d += g.data[y * g.width + x]! < 128 ? 1 : 0;
      return d;
    };
    expect(ink('ban_sao_co')).toBeGreaterThan(0);
    expect(ink('ban_sao_khong')).toBe(0);
  });
});

describe('prepareGrey', () => {
  it('decodes and scales a wide scan in one pass, and judges noise at the scan resolution', async () => {
    const W = 3400;
    const H = 800;
    const clean = await sharp({ create: { width: W, height: H, channels: 3, background: '#fff' } }).png().toBuffer();
    const p = await prepareGrey(clean);
    expect([p.width, p.height, p.scale]).toEqual([1700, 400, 0.5]);
    expect(p.binarised).toBe(false);
    // Salt-and-pepper specks (every 4th pixel) are noise at full size; scaled by half they would blur away.
    const noisy = Buffer.alloc(W * H, 255);
    for (let i = 0; i < noisy.length; i += 4) noisy[i] = 0;
    const n = await prepareGrey(await sharp(noisy, { raw: { width: W, height: H, channels: 1 } }).png().toBuffer());
    expect(n.noise).toBeGreaterThan(6);
    expect(n.binarised).toBe(true);
  });
});
