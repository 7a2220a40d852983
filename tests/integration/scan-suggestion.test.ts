import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSessionView } from '../../main/contract/ops/scan.ts';
import { buildCatalog } from '../../main/core/catalog/catalog.ts';
import { defaultCatalogPath, loadCatalogFile } from '../../main/core/catalog/catalog-file.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import type { OcrService, PageReading } from '../../main/core/ocr/service.ts';
import { renderTextPage } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import { createScanService } from '../../main/core/scan/scan-service.ts';
import { systemClock } from '../../main/core/util/clock.ts';
import { EventHub } from '../../main/core/util/events.ts';
import { tempDir } from '../helpers/core.ts';

// The OCR service is stubbed: what is under test is that a near-miss the name lists caught (NGUYÊN for
// NGUYỄN) reaches the citizen as a one-tap suggestion, and that taking it clears the flag.
const templates = loadTemplates();
let data: ReturnType<typeof tempDir>;
let hot: string;
let scans: ReturnType<typeof createScanService>;

const reading: PageReading = {
  text: 'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  confidence: 90,
  ms: 1,
  page: { width: 1240, height: 1754, skewDeg: 0, noise: 0, binarised: false },
  template: { id: 'khai-sinh', registration: { method: 'affine', anchorsFound: 5, anchorsTotal: 5, rmsPx: 1, transform: [1, 0, 0, 0, 1, 0] as never } },
  fields: {
    nguoi_yeu_cau: { value: 'NGUYÊN VĂN AN', confidence: 91, valid: true, flagged: true, reason: 'có thể đọc sai dấu: họ "NGUYỄN"?', suggestion: 'NGUYỄN VĂN AN', ms: 1, ocrMs: 1 },
    giay_to_tuy_than: { value: '046085001234', confidence: 95, valid: true, flagged: false, ms: 1, ocrMs: 1 },
  },
};
const stubOcr: OcrService = { readPage: async () => reading, templateIds: () => ['khai-sinh'] };

beforeAll(() => {
  data = tempDir('letan-suggest-');
  hot = join(data.dir, 'hot');
  const config = parseConfig({ scan: { hotFolder: { dir: hot, stableMs: 100, pollMs: 50, waitSeconds: 30 } } });
  scans = createScanService({
    config,
    catalog: buildCatalog(loadCatalogFile(defaultCatalogPath()), config.services),
    templates,
    clock: systemClock,
    events: new EventHub((err) => {
      throw err;
    }),
    log: () => undefined,
    dir: join(data.dir, 'sessions'),
    ocr: async () => stubOcr,
  });
});
afterAll(async () => {
  await scans?.close();
  data.remove();
});

describe('a flagged near-miss', () => {
  it('is offered as a one-tap suggestion, which clears the flag once taken', async () => {
    const started = scans.start({ source: 'hotfolder', templateId: 'khai-sinh' });
    mkdirSync(hot, { recursive: true });
    writeFileSync(join(hot, '.p.part'), await renderTextPage(['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Họ, chữ đệm, tên người yêu cầu: NGUYỄN VĂN AN']));
    renameSync(join(hot, '.p.part'), join(hot, 'p.png'));
    let view: ScanSessionView = scans.view(started.sessionId);
    for (let i = 0; i < 400 && view.state !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = scans.view(started.sessionId);
    }
    const field = view.fields.find((f) => f.name === 'nguoi_yeu_cau')!;
    expect(field).toMatchObject({ value: 'NGUYÊN VĂN AN', flagged: true, suggestion: 'NGUYỄN VĂN AN', mustConfirm: true });
    expect(view.fields.find((f) => f.name === 'giay_to_tuy_than')!.suggestion).toBeNull();

    scans.correct(started.sessionId, 'nguoi_yeu_cau', 'NGUYỄN VĂN AN');
    const after = scans.view(started.sessionId).fields.find((f) => f.name === 'nguoi_yeu_cau')!;
    expect(after).toMatchObject({ value: 'NGUYỄN VĂN AN', flagged: false, corrected: true, suggestion: null });
  });
});
