import { describe, expect, it } from 'vitest';
import type { OcrJob, OcrPool, OcrResult } from '../../main/core/ocr/pool.ts';
import { createOcrService } from '../../main/core/ocr/service.ts';
import { renderTextPage } from '../../main/core/ocr/synthetic.ts';

const LINES = Array.from({ length: 12 }, (_, i) => `Dòng thứ ${i + 1}: công dân có quyền tự do đi lại và cư trú ở trong nước.`);

/** A pool that records each job's image size (from the PGM header) and answers with that size as text. */
function fakePool(size: number): OcrPool & { jobs: { width: number; height: number }[] } {
  const jobs: { width: number; height: number }[] = [];
  return {
    size,
    jobs,
    async recognize(job: OcrJob): Promise<OcrResult> {
      const m = /^P5\n(\d+) (\d+)\n255\n/.exec(job.image.subarray(0, 32).toString('latin1'));
      if (!m) throw new Error('not a PGM');
      const [width, height] = [Number(m[1]), Number(m[2])];
      jobs.push({ width, height });
      return { text: `ảnh ${width}×${height}\n`, confidence: 90, words: [], ms: 1 };
    },
    readyCount: () => size,
    simulateCrash: async () => undefined,
    close: async () => undefined,
  };
}

describe('whole page split', () => {
  it('cuts a page of text in two at a blank band when two workers can read both halves at once', async () => {
    const png = await renderTextPage(LINES, { dpi: 200 });
    const two = fakePool(2);
    const r2 = await createOcrService({ pool: two, templates: new Map() }).readPage(png);
    expect(two.jobs).toHaveLength(2);
    expect(two.jobs[0]!.width).toBe(two.jobs[1]!.width);
    expect(r2.page.width * r2.page.height).toBeGreaterThan(500_000);
    expect(two.jobs[0]!.height + two.jobs[1]!.height).toBe(r2.page.height);
    expect(r2.text).toBe(two.jobs.map((j) => `ảnh ${j.width}×${j.height}`).join('\n'));
  });

  it('reads the same page whole with one worker (a cut would only add a second layout pass)', async () => {
    const png = await renderTextPage(LINES, { dpi: 200 });
    const one = fakePool(1);
    const r1 = await createOcrService({ pool: one, templates: new Map() }).readPage(png);
    expect(one.jobs).toEqual([{ width: r1.page.width, height: r1.page.height }]);
  });

  it('never cuts when told not to', async () => {
    const png = await renderTextPage(LINES, { dpi: 200 });
    const two = fakePool(2);
    await createOcrService({ pool: two, templates: new Map(), splitPixels: Infinity }).readPage(png);
    expect(two.jobs).toHaveLength(1);
  });
});
