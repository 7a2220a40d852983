import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../main/contract/schemas.ts';
import { renderFilledForm } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { type Headless, startHeadless } from '../helpers/headless.ts';
import { confirmAllNames, finishScanAndSubmit, startDossier, tapKeys, wedgeScanUntil, writeConfig } from './kiosk-helpers.ts';
import { KHAI_SINH_BAD_DATE } from '../fixtures/form-values.ts';
import { byTestIdAttr, byTestIdText } from '../helpers/e2e.ts';

// A citizen scans a filled Tờ khai đăng ký khai sinh at the kiosk (a scan-to-folder scanner: the test drops
// the rendered page into the hot folder once "Quét" was tapped), sees the fields read with the wrong date
// flagged, corrects it on the on-screen keyboard, confirms the names, submits, and the dossier holds the PDF
// and the fields. Needs the built renderer (npm run build:renderer).

const SERVICE = 'ho-tich';
const QR = '046085001234||Nguyễn Văn An|12031985|Nam|12 Lê Lợi, phường Phú Hội, Huế|15082021';
const VALUES = KHAI_SINH_BAD_DATE;

let browser: Browser;
let core: Headless;
let data: ReturnType<typeof tempDir>;
let hot: string;

beforeAll(async () => {
  data = tempDir('letan-e2e-scan-');
  hot = join(data.dir, 'hot');
  mkdirSync(hot);
  const config = writeConfig(data.dir, {
    center: { unitId: '000.00.12.H57' },
    kiosk: { inactivitySeconds: 600 },
    scan: { hotFolder: { dir: hot, stableMs: 200, pollMs: 100, waitSeconds: 120 }, ocrWorkers: 1 },
  });
  core = await startHeadless(['--data-dir', data.dir, '--config', config]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  data?.remove();
});

const text = byTestIdText;
const attr = byTestIdAttr;

describe('scanning a paper form in the kiosk dossier flow', () => {
  it('reads the form, flags the impossible date, takes the correction and the confirmed names, and the dossier holds the PDF and the fields', { timeout: 180_000 }, async () => {
    const catalog = ((await (await fetch(`${core.url}/api/catalog`)).json()) as { value: Catalog }).value;
    const procedure = catalog.procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${core.url}/`);
    await page.waitForSelector(`[data-testid=service-${SERVICE}]`);
    await startDossier(page, SERVICE, procedure.id);
    await wedgeScanUntil(page, QR, '[data-testid=identity-confirm]');
    await page.click('[data-testid=confirm-yes]');
    await page.click('[data-testid=field-phone]');
    await tapKeys(page, '0905123456');
    await page.click('[data-testid=contact-next]');

    await page.waitForSelector('[data-testid=documents-step]');
    expect(await page.locator('[data-testid=scan-slot]').textContent()).toContain('Đặt giấy tờ lên máy quét rồi chạm Quét');
    expect(await page.locator('[data-testid=scan-slot]').textContent()).toContain('Tờ khai đăng ký khai sinh');
    await page.click('[data-testid=scan-start]');
    await expect.poll(() => attr(page, 'scan-slot', 'data-state')).toBe('scanning');
    expect(await text(page, 'scan-progress')).toBe('Đang chờ máy quét gửi trang…');

    // The scanner writes its file (under a temporary name, then renamed, as scan-to-folder scanners do).
    const t0 = performance.now();
    const png = await renderFilledForm(loadTemplates().get('khai-sinh')!, VALUES, { dpi: 150 });
    writeFileSync(join(hot, '.scan.part'), png);
    renameSync(join(hot, '.scan.part'), join(hot, 'scan-0001.png'));
    await page.waitForSelector('[data-testid=scan-page-1]', { timeout: 30_000 });
    await expect.poll(() => attr(page, 'scan-slot', 'data-state'), { timeout: 60_000 }).toBe('ready');
    console.log(`kiosk: page on screen and read ${Math.round(performance.now() - t0)} ms after the file landed`);

    // The page is shown (its image loads from the kiosk-only link) beside the fields read from it.
    await expect.poll(() => page.locator('[data-testid=scan-page-image]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
    expect(await attr(page, 'scan-field-giay_to_tuy_than', 'data-value')).toBe('046085001234');
    expect(await attr(page, 'scan-field-ngay_sinh', 'data-flagged')).toBe('true');
    expect(await text(page, 'scan-field-ngay_sinh')).toContain('ngày không hợp lệ');
    expect(await attr(page, 'scan-field-dan_toc', 'data-flagged')).toBe('false');
    // Names in capitals come first, each to be confirmed; until then the session cannot be confirmed.
    expect((await attr(page, 'scan-confirm-nguoi_yeu_cau', 'data-value'))?.normalize('NFC')).toBe('NGUYỄN VĂN AN');
    expect(await page.isDisabled('[data-testid=scan-finish]')).toBe(true);

    // Correct the date on the keypad.
    await page.click('[data-testid=scan-field-ngay_sinh-edit]');
    expect(await attr(page, 'keyboard', 'data-mode')).toBe('numeric');
    for (let i = 0; i < 10; i++) await page.click('[data-testid=key-backspace]');
    expect(await attr(page, 'scan-editor-value', 'data-value')).toBe('');
    await tapKeys(page, '12/03/2024');
    await page.click('[data-testid=scan-editor-save]');
    await expect.poll(() => attr(page, 'scan-field-ngay_sinh', 'data-value')).toBe('12/03/2024');
    expect(await attr(page, 'scan-field-ngay_sinh', 'data-flagged')).toBe('false');

    // Confirm each name read in capitals.
    await confirmAllNames(page);
    const code = await finishScanAndSubmit(page, 'Tờ khai đăng ký khai sinh');
    expect(code).toMatch(/^000\.00\.12\.H57-\d{6}-\d{4}$/);
    await page.close();

    // The dossier, as the headless core stored it: the PDF with its hash, the text, the confirmed fields.
    const db = new Database(join(data.dir, 'letan.db'), { readonly: true, fileMustExist: true });
    try {
      const d = db.prepare<[string], { ocr_fields: string }>('SELECT ocr_fields FROM dossiers WHERE code = ?').get(code)!;
      const fields = JSON.parse(d.ocr_fields) as Record<string, string>;
      expect(fields.ngay_sinh).toBe('12/03/2024');
      expect(fields.giay_to_tuy_than).toBe('046085001234');
      expect(fields.nguoi_yeu_cau?.normalize('NFC')).toBe('NGUYỄN VĂN AN');
      const a = db
        .prepare<[string], { name: string; path: string; size: number; sha256: string; text: string }>(
          'SELECT a.name, a.path, a.size, a.sha256, a.text FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ?',
        )
        .get(code)!;
      const pdf = readFileSync(join(data.dir, a.path));
      expect(a.name).toBe('ho-so-quet.pdf');
      expect(a.size).toBe(pdf.length);
      expect(a.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
      expect(a.text).toContain('KHAI SINH');
      expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
      const kinds = db.prepare<[string], { kind: string }>('SELECT kind FROM outbox WHERE aggregate_code = ? ORDER BY id').all(code).map((r) => r.kind);
      expect(kinds).toEqual(['submit_dossier', 'upload_attachment']);
    } finally {
      db.close();
    }
  });
});
