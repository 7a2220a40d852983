import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../main/contract/schemas.ts';
import { renderFilledForm } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import { launchChromium } from '../helpers/browser.ts';
import { type CameraFrame, cameraFrame, launchWithFakeCamera } from '../helpers/camera-photo.ts';
import { tempDir } from '../helpers/core.ts';
import { type Headless, startHeadless } from '../helpers/headless.ts';
import { confirmAllNames, finishScanAndSubmit, startDossier, tapKeys, wedgeScanUntil, writeConfig } from './kiosk-helpers.ts';
import { KHAI_SINH_BAD_DATE } from '../fixtures/form-values.ts';
import { byTestIdAttr, byTestIdText } from '../helpers/e2e.ts';

// A citizen photographs a filled Tờ khai đăng ký khai sinh with the kiosk's document camera: Chromium's fake
// video device plays an MJPEG (a concatenation of JPEG frames) of the form lying at an angle on a desk. The
// kiosk finds the page's outline, the citizen accepts it, the core straightens and reads the page, the
// citizen corrects the impossible date, confirms the names and submits; the dossier holds the page. The
// camera is released whenever the preview leaves the screen. Needs the built renderer (npm run build:renderer).

const SERVICE = 'ho-tich';
const QR = '046085001234||Nguyễn Văn An|12031985|Nam|12 Lê Lợi, phường Phú Hội, Huế|15082021';
const VALUES = KHAI_SINH_BAD_DATE;

let browser: Browser;
let core: Headless;
let data: ReturnType<typeof tempDir>;
let frame: CameraFrame;

beforeAll(async () => {
  data = tempDir('letan-e2e-camera-');
  // No document scanner: the camera (scan.camera, on by default) is the kiosk's only way to take papers in.
  const config = writeConfig(data.dir, { center: { unitId: '000.00.12.H57' }, kiosk: { inactivitySeconds: 600 }, scan: { ocrWorkers: 1 } });
  core = await startHeadless(['--data-dir', data.dir, '--config', config]);
  frame = await cameraFrame(await renderFilledForm(loadTemplates().get('khai-sinh')!, VALUES, { dpi: 200 }));
  browser = await launchWithFakeCamera(data.dir, frame);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  data?.remove();
});

/** Without tone marks and vowel marks: OCR of capitals from a photo gets the letters before the marks. */
const plain = (v: string) => v.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D');
const text = byTestIdText;
const attr = byTestIdAttr;
/** States of every camera track the page opened ('live' or 'ended'). */
const trackStates = (page: Page) => page.evaluate('window.__cameraTracks.map((t) => t.readyState)') as Promise<string[]>;

describe('photographing a paper form with the kiosk’s document camera', () => {
  it('finds the page, straightens and reads it, and the dossier holds it; the camera is released off screen', { timeout: 240_000 }, async () => {
    const catalog = ((await (await fetch(`${core.url}/api/catalog`)).json()) as { value: Catalog }).value;
    const procedure = catalog.procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Every track the kiosk opens, to check it is stopped when the preview goes away.
    await page.addInitScript(`{
      window.__cameraTracks = [];
      const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => {
        const s = await gum(c);
        window.__cameraTracks.push(...s.getTracks());
        return s;
      };
    }`);
    await page.goto(`${core.url}/`);
    await page.waitForSelector(`[data-testid=service-${SERVICE}]`);
    await startDossier(page, SERVICE, procedure.id);
    await wedgeScanUntil(page, QR, '[data-testid=identity-confirm]');
    await page.click('[data-testid=confirm-yes]');
    await page.click('[data-testid=field-phone]');
    await tapKeys(page, '0905123456');
    await page.click('[data-testid=contact-next]');

    await page.waitForSelector('[data-testid=documents-step]');
    await page.waitForSelector('[data-testid=camera-open]');
    expect(await text(page, 'scan-slot')).toContain('Đặt tờ giấy dưới máy ảnh');
    expect(await page.locator('[data-testid=scan-start]').count()).toBe(0); // no scanner on this kiosk

    // Opened, then the citizen steps back: the camera is let go.
    await page.click('[data-testid=camera-open]');
    await expect.poll(() => attr(page, 'camera', 'data-phase')).toBe('live');
    expect(await trackStates(page)).toEqual(['live']);
    // The shutter waits for the first frame (a granted stream is not yet a picture).
    await expect.poll(() => attr(page, 'camera-preview', 'data-frames')).toBe('shown');
    expect(await page.locator('[data-testid=camera-shoot]').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid=camera-preview]').evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([1920, 1080]);
    await page.click('.back-button');
    await page.waitForSelector('[data-testid=contact-next]');
    expect(await trackStates(page)).toEqual(['ended']);
    await page.click('[data-testid=contact-next]');

    // The shot: the outline found on the kiosk's screen follows the page's corners.
    await page.click('[data-testid=camera-open]');
    await expect.poll(() => attr(page, 'camera', 'data-phase')).toBe('live');
    await page.click('[data-testid=camera-shoot]');
    await page.waitForSelector('[data-testid=camera-outline]');
    expect(await text(page, 'camera')).toContain('Khung màu xanh có ôm đúng mép tờ giấy không?');
    const points = ((await attr(page, 'camera-outline', 'points')) ?? '').split(' ').map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(4);
    points.forEach(([x, y], i) => expect(Math.hypot(x! - frame.quad[i]!.x, y! - frame.quad[i]!.y)).toBeLessThan(10));

    // Retake, then accept: the page arrives in the session and the camera is released.
    await page.click('[data-testid=camera-retake]');
    await expect.poll(() => attr(page, 'camera', 'data-phase')).toBe('live');
    await page.click('[data-testid=camera-shoot]');
    await page.waitForSelector('[data-testid=camera-outline]');
    await page.click('[data-testid=camera-accept]');
    await page.waitForSelector('[data-testid=scan-page-1]', { timeout: 30_000 });
    expect(await trackStates(page)).toEqual(['ended', 'ended']);
    await expect.poll(() => attr(page, 'scan-slot', 'data-state'), { timeout: 90_000 }).toBe('ready');

    // The straightened page (A4 portrait, not the 16:9 photo) beside the fields read from it.
    const [w, h] = await page.locator('[data-testid=scan-page-image]').evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(h! / w!).toBeCloseTo(297 / 210, 1);
    expect(await attr(page, 'scan-field-giay_to_tuy_than', 'data-value')).toBe('046085001234');
    expect(await attr(page, 'scan-field-ngay_sinh', 'data-flagged')).toBe('true');
    expect(await text(page, 'scan-field-ngay_sinh')).toContain('ngày không hợp lệ');
    expect(await page.isDisabled('[data-testid=scan-finish]')).toBe(true);

    await page.click('[data-testid=scan-field-ngay_sinh-edit]');
    for (let i = 0; i < 10; i++) await page.click('[data-testid=key-backspace]');
    await tapKeys(page, '12/03/2024');
    await page.click('[data-testid=scan-editor-save]');
    await expect.poll(() => attr(page, 'scan-field-ngay_sinh', 'data-value')).toBe('12/03/2024');

    // Names in capitals: the citizen confirms each as shown (tone marks on capitals are OCR's weak spot at
    // a camera's ~90 dpi; what the citizen confirmed is what the dossier keeps).
    const confirmed = (await attr(page, 'scan-confirm-nguoi_yeu_cau', 'data-value')) ?? '';
    await confirmAllNames(page);
    const code = await finishScanAndSubmit(page, 'Tờ khai đăng ký khai sinh');
    expect(code).toMatch(/^000\.00\.12\.H57-\d{6}-\d{4}$/);
    await page.close();

    const db = new Database(join(data.dir, 'letan.db'), { readonly: true, fileMustExist: true });
    try {
      const d = db.prepare<[string], { ocr_fields: string }>('SELECT ocr_fields FROM dossiers WHERE code = ?').get(code)!;
      const fields = JSON.parse(d.ocr_fields) as Record<string, string>;
      expect(fields.ngay_sinh).toBe('12/03/2024');
      expect(fields.giay_to_tuy_than).toBe('046085001234');
      expect(fields.nguoi_yeu_cau).toBe(confirmed);
      expect(plain(fields.nguoi_yeu_cau ?? '')).toBe('NGUYEN VAN AN');
      const a = db
        .prepare<[string], { name: string; path: string; size: number; sha256: string; text: string }>(
          'SELECT a.name, a.path, a.size, a.sha256, a.text FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ?',
        )
        .get(code)!;
      const pdf = readFileSync(join(data.dir, a.path));
      expect(a.name).toBe('ho-so-quet.pdf');
      expect(a.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
      expect(a.text).toContain('KHAI SINH');
      const doc = await PDFDocument.load(pdf);
      expect(doc.getPageCount()).toBe(1);
      const { width, height } = doc.getPage(0).getSize();
      expect(height / width).toBeCloseTo(297 / 210, 1); // the straightened page, not the photo
    } finally {
      db.close();
    }
  });

  it('tells the citizen when the camera is not allowed, with ways on, and hides it on a machine without one', { timeout: 120_000 }, async () => {
    const catalog = ((await (await fetch(`${core.url}/api/catalog`)).json()) as { value: Catalog }).value;
    const procedure = catalog.procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
    const toDocuments = async (b: Browser) => {
      const page = await b.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${core.url}/`);
      await page.waitForSelector(`[data-testid=service-${SERVICE}]`);
      await startDossier(page, SERVICE, procedure.id);
      await wedgeScanUntil(page, QR, '[data-testid=identity-confirm]');
      await page.click('[data-testid=confirm-yes]');
      await page.click('[data-testid=field-phone]');
      await tapKeys(page, '0905123456');
      await page.click('[data-testid=contact-next]');
      await page.waitForSelector('[data-testid=documents-step]');
      return page;
    };

    // A camera is there, but nobody grants the kiosk page its use (no auto-accepting fake UI): denied.
    const denying = await launchChromium(['--use-fake-device-for-media-stream']);
    try {
      const page = await toDocuments(denying);
      await page.click('[data-testid=camera-open]');
      await page.waitForSelector('[data-testid=camera-error]');
      expect(await attr(page, 'camera-error', 'data-problem')).toBe('cameraDenied');
      expect(await text(page, 'camera-error')).toContain('Ki-ốt chưa được phép dùng máy ảnh');
      expect(await page.locator('[data-testid=camera-use-scanner]').count()).toBe(0); // this kiosk has no scanner
      expect(await page.locator('[data-testid=camera-counter]').textContent()).toBe('Lấy số, làm tại quầy');
      await page.click('[data-testid=camera-continue]');
      await page.waitForSelector('[data-testid=camera-open]');
      await page.close();
    } finally {
      await denying.close();
    }

    // No video input at all: the camera is not offered; the slot says the kiosk has nothing to scan with.
    const plainBrowser = await launchChromium();
    try {
      const page = await toDocuments(plainBrowser);
      const kinds = (await page.evaluate('navigator.mediaDevices.enumerateDevices().then((d) => d.map((x) => x.kind))')) as string[];
      expect(kinds).not.toContain('videoinput');
      await expect.poll(() => attr(page, 'scan-slot', 'data-state')).toBe('none');
      expect(await page.locator('[data-testid=camera-open]').count()).toBe(0);
      await page.close();
    } finally {
      await plainBrowser.close();
    }
  });
});
