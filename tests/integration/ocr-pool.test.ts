import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrPool, type OcrPool } from '../../main/core/ocr/pool.ts';
import { renderTextPage } from '../../main/core/ocr/synthetic.ts';

let pool: OcrPool;
let line: Buffer;
beforeAll(async () => {
  pool = await createOcrPool({ size: 2 });
  line = await renderTextPage(['Trung tâm Phục vụ hành chính công'], { dpi: 150 });
});
afterAll(async () => pool.close());

describe('OCR worker pool', () => {
  it('keeps warm workers and reads Vietnamese', async () => {
    expect(pool.size).toBe(2);
    expect(pool.readyCount()).toBe(2);
    const [a, b] = await Promise.all([pool.recognize({ image: line, psm: 3 }), pool.recognize({ image: line, psm: 3 })]);
    expect(a.text.trim().normalize('NFC')).toBe('Trung tâm Phục vụ hành chính công');
    expect(b.text.trim().normalize('NFC')).toBe('Trung tâm Phục vụ hành chính công');
    expect(a.confidence).toBeGreaterThan(80);
  });

  it('replaces a worker that dies; the next jobs still succeed', async () => {
    await pool.simulateCrash(0);
    const results = await Promise.all([0, 1, 2].map(() => pool.recognize({ image: line, psm: 3 })));
    for (const r of results) expect(r.text).toContain('hành chính công');
    // The replacement comes up in the background.
    for (let i = 0; i < 100 && pool.readyCount() < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(pool.readyCount()).toBe(2);
  });

  it('applies a digit whitelist to a field', async () => {
    const digits = await renderTextPage(['046085001234'], { dpi: 150 });
    const r = await pool.recognize({ image: digits, psm: 7, whitelist: '0123456789' });
    expect(r.text.trim()).toBe('046085001234');
  });

  it('refuses work after close', async () => {
    const p = await createOcrPool({ size: 1 });
    await p.close();
    await expect(p.recognize({ image: line, psm: 3 })).rejects.toThrow(/closed/);
  });
});
