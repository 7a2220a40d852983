import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { type Headless, startHeadless } from '../helpers/headless.ts';
import { openPtyPair, type PtyPair } from '../helpers/pty.ts';
import { openVirtualScanner, type VirtualScanner } from '../helpers/virtual-scanner.ts';
import { startDossier, writeConfig } from './kiosk-helpers.ts';

// Real serial devices on socat ptys: the core's device manager turns what they send into `scan` events
// for the kiosk page, which shows the identity to confirm.
const SERVICE = 'buu-chinh-vien-thong';
const PROCEDURE = '1.005442';
const CCCD_QR = '046190007777||Trần Thị Ngọc Hương|29021960|Nữ|Số 5 Lê Lợi, Phường Thuận Hoá, Huế|15082021';
// A CCCD MRZ from a public test mock (not a real person), as in tests/unit/identity-fixtures.ts.
const CCCD_MRZ = ['IDVNM0930470641001093047064<<2', '9301054M3301052VNM<<<<<<<<<<<8', 'UNG<<HOANG<HIEP<<<<<<<<<<<<<<<'];

let browser: Browser;
let core: Headless;
let data: ReturnType<typeof tempDir>;
let qrPty: PtyPair;
let mrzPty: PtyPair;
let qr: VirtualScanner;
let mrz: VirtualScanner;

beforeAll(async () => {
  data = tempDir();
  qrPty = await openPtyPair();
  mrzPty = await openPtyPair();
  const config = writeConfig(data.dir, {
    center: { unitId: '000.00.12.H57' },
    devices: {
      scanners: [
        { id: 'qr-1', kind: 'serial-scanner', path: qrPty.devicePath },
        { id: 'mrz-1', kind: 'mrz-reader', path: mrzPty.devicePath },
      ],
    },
  });
  core = await startHeadless(['--data-dir', data.dir, '--config', config]);
  qr = openVirtualScanner(qrPty.peerPath);
  mrz = openVirtualScanner(mrzPty.peerPath);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  qr?.close();
  mrz?.close();
  await qrPty?.close();
  await mrzPty?.close();
  data?.remove();
});

/** Sends until the page shows the confirmation: the driver may still be opening its port at first. */
async function scanUntilShown(page: Page, send: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await send();
    try {
      await page.waitForSelector('[data-testid=identity-confirm]', { timeout: 1000 });
      return;
    } catch {
      // not shown yet: the port was not open; send again
    }
  }
  throw new Error('the scan never reached the kiosk page');
}

describe('scanners on serial ports', () => {
  it('a CCCD QR from a USB-COM scanner on a pty becomes the identity to confirm', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${core.url}/`);
    await startDossier(page, SERVICE, PROCEDURE);
    await scanUntilShown(page, () => qr.scan(CCCD_QR, { split: [17, 40] }));
    expect(await page.textContent('[data-testid=confirm-name]')).toBe('Trần Thị Ngọc Hương');
    expect(await page.textContent('[data-testid=confirm-id]')).toBe('046190007777');
    expect(await page.textContent('[data-testid=confirm-dob]')).toBe('29/02/1960');
    expect(await page.locator('[data-testid=mrz-note]').count()).toBe(0);
    await page.close();
  });

  it('the back of the card on an MRZ reader gives the identity, with a note to write the name with diacritics', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${core.url}/`);
    await startDossier(page, SERVICE, PROCEDURE);
    await scanUntilShown(page, async () => {
      for (const line of CCCD_MRZ) await mrz.write(`${line}\r`);
    });
    expect(await page.textContent('[data-testid=confirm-name]')).toBe('UNG HOANG HIEP');
    expect(await page.textContent('[data-testid=confirm-id]')).toBe('001093047064');
    expect(await page.textContent('[data-testid=mrz-note]')).toContain('sửa họ tên cho có dấu');
    // Corrected with Telex on the on-screen keyboard.
    await page.click('[data-testid=fix-name]');
    for (let i = 0; i < 'UNG HOANG HIEP'.length; i++) await page.click('[data-testid=key-backspace]');
    for (const k of ['shift', 'u', 'w', 'n', 'g', 'space', 'shift', 'h', 'o', 'a', 'n', 'g', 'f', 'space', 'shift', 'h', 'i', 'e', 'e', 'p', 'j']) await page.click(`[data-testid="key-${k}"]`);
    expect(await page.getAttribute('[data-testid=field-name]', 'data-value')).toBe('Ưng Hoàng Hiệp');
    await page.close();
  });

  it('the same scan reaches the kiosk page and not another page on the same core', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${core.url}/`);
    await startDossier(page, SERVICE, PROCEDURE);
    const counter = await browser.newPage();
    await counter.goto(`${core.url}/counter`);
    const seen = counter.evaluate(
      (url) =>
        new Promise<string[]>((resolve) => {
          const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
          const types: string[] = [];
          ws.onmessage = (m) => types.push((JSON.parse(String(m.data)) as { event?: { type: string } }).event?.type ?? '');
          ws.onopen = () => setTimeout(() => resolve(types), 3000);
        }),
      core.url,
    );
    await new Promise((r) => setTimeout(r, 500));
    await qr.scan(CCCD_QR);
    await page.waitForSelector('[data-testid=identity-confirm]');
    expect(await seen).not.toContain('scan');
    await counter.close();
    await page.close();
  });
});
