import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel, defaultModelPaths, modelFile, OcrModelError } from '../../main/core/ocr/model.ts';
import { createOcrPool } from '../../main/core/ocr/pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'letan-ocr-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modelIn(name: string, bytes?: Buffer) {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  if (bytes) writeFileSync(join(d, 'vie.traineddata.gz'), bytes);
  return { ...defaultModelPaths(), langPath: d };
}

describe('offline Vietnamese model', () => {
  it('is resolved inside node_modules, as local paths (nothing to fetch)', () => {
    const p = defaultModelPaths();
    for (const path of [p.langPath, p.workerPath, p.corePath]) {
      expect(path).toContain(`${sep}node_modules${sep}`);
      expect(path).not.toMatch(/^[a-z]+:\/\//i);
    }
    expect(p.langPath.endsWith(join('@tesseract.js-data', 'vie', '4.0.0_best_int'))).toBe(true);
    expect(p.workerPath.endsWith(join('tesseract.js', 'src', 'worker-script', 'node', 'index.js'))).toBe(true);
    const data = checkModel(p);
    expect(data.length).toBeGreaterThan(1_000_000);
  });

  it('refuses a URL as model path', () => {
    expect(() => checkModel({ ...defaultModelPaths(), langPath: 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/vie/4.0.0_best_int' })).toThrow(
      /must be a local folder/,
    );
  });

  it('fails fast with a clear message for an empty folder, non-gzip data and a corrupt model', async () => {
    const empty = modelIn('empty');
    await expect(createOcrPool({ size: 1, model: empty, createTimeoutMs: 5000 })).rejects.toThrow(OcrModelError);
    await expect(createOcrPool({ size: 1, model: empty })).rejects.toThrow(/OCR model missing: .*vie\.traineddata\.gz/);

    const notGz = modelIn('notgz', Buffer.from('this is not a model'));
    await expect(createOcrPool({ size: 1, model: notGz })).rejects.toThrow(/not gzip data/);

    const truncated = modelIn('truncated', readFileSync(modelFile(defaultModelPaths())).subarray(0, 4000));
    await expect(createOcrPool({ size: 1, model: truncated })).rejects.toThrow(/corrupt \(gunzip failed/);

    const garbage = Buffer.alloc(4096, 7); // valid gzip, nonsense inside
    const corrupt = modelIn('corrupt', gzipSync(garbage));
    await expect(createOcrPool({ size: 1, model: corrupt })).rejects.toThrow(/corrupt \(bad entry count/);
  });
});

describe('worker start-up time-out', () => {
  it('gives up on a worker that is not ready in time, with a clear message', async () => {
    await expect(createOcrPool({ size: 1, createTimeoutMs: 1 })).rejects.toThrow(/OCR worker not ready after 1 ms/);
  });
});
