// /tech in Debian Chromium against a real headless core started with --config, a virtual printer on a pty.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { type Headless, startHeadless } from '../helpers/headless.ts';
import { fixtureDecision, writeDecisionFile } from '../helpers/holiday-fixtures.ts';
import { openPtyPair, type PtyPair } from '../helpers/pty.ts';
import { EscPosInterpreter, startVirtualPrinter, type VirtualPrinter } from '../helpers/virtual-printer.ts';

let browser: Browser;
let core: Headless;
let data: ReturnType<typeof tempDir>;
let pair: PtyPair;
let printer: VirtualPrinter;
let configPath: string;

beforeAll(async () => {
  data = tempDir();
  configPath = join(data.dir, 'letan.json');
  writeFileSync(configPath, JSON.stringify({ auth: { technicianPin: '86420' } }, null, 2));
  pair = await openPtyPair();
  printer = await startVirtualPrinter(pair.peerPath, loadProfile('generic-80'));
  core = await startHeadless(['--data-dir', join(data.dir, 'data'), '--config', configPath]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await printer?.close();
  await pair?.close();
  data?.remove();
});

describe('technician page in Chromium', () => {
  it('logs in, assigns the pty as ticket printer with a profile, sees it ready and prints the test page on it', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Limits, not timings: a raster test page on a busy 2-core machine can take seconds to come out.
    const slow = { timeout: 30_000 };
    await page.goto(`${core.url}/tech`);
    await page.fill('[data-testid=pin]', '1111');
    await page.click('[data-testid=login]');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Mã PIN không đúng');
    await page.fill('[data-testid=pin]', '86420');
    await page.click('[data-testid=login]');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Kỹ thuật / Technician');
    await expect.poll(() => page.locator('[data-testid=monitor] h2').textContent()).toBe('Giám sát trực tiếp / Live monitor ');

    await page.selectOption('[data-testid=assign-role]', 'ticket-printer');
    await page.fill('[data-testid=assign-path]', pair.devicePath);
    await page.selectOption('[data-testid=assign-profile]', 'generic-80');
    await page.click('[data-testid=assign-submit]');
    await expect.poll(() => page.locator('[data-testid=message]').textContent(), slow).toContain('Đã áp dụng');
    await expect.poll(() => page.locator('[data-testid=status-printer-1]').getAttribute('data-state'), slow).toBe('ready');
    // the port now shows in the list, in use by the printer
    await expect.poll(() => page.locator(`[data-testid=serial-port][data-path="${pair.devicePath}"]`).textContent(), slow).toContain('printer-1');
    expect(JSON.parse(readFileSync(configPath, 'utf8'))).toMatchObject({ auth: { technicianPin: '86420' }, devices: { printer: { id: 'printer-1', path: pair.devicePath, profile: 'generic-80' } } });

    await page.click('[data-testid=test-print]');
    await expect.poll(() => page.locator('[data-testid=message]').textContent(), slow).toContain('Đã in trang thử trên printer-1 (generic-80)');
    await expect.poll(() => printer.tickets.length, slow).toBe(1);
    expect(EscPosInterpreter.textOf(printer.tickets[0]!)).toContain('chào bạn, đường nguyễn trãi, ấp ổ ượng');
    expect(printer.tickets[0]!.cut).toBe('full');

    await page.click('[data-testid=history-printer-1]');
    await expect.poll(() => page.locator('[data-testid=history]').textContent()).toContain('Sẵn sàng / ready');
  });

  it('lists the day-off decisions and reloads a file dropped into the data folder, without a restart', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${core.url}/tech`);
    await page.fill('[data-testid=pin]', '86420');
    await page.click('[data-testid=login]');
    const folder = join(data.dir, 'data', 'holidays');
    const year = (y: number) => page.locator(`[data-testid=day-off-year][data-year="${y}"]`);
    await expect.poll(() => year(2026).getAttribute('data-source')).toBe('shipped');
    expect(await year(2026).textContent()).toContain('Có sẵn trong phần mềm / shipped');
    expect(await page.locator('[data-testid=day-off-folder]').textContent()).toBe(folder);
    expect(await year(2027).count()).toBe(0);
    expect(await page.locator('[data-testid=day-off-refused]').count()).toBe(0);

    // A TEST FIXTURE for 2027 (not the real decision), and a file whose year does not match its name.
    const good = writeDecisionFile(folder, 'vn-2027.json', fixtureDecision(2027, { breaks: [{ from: '2027-01-01', to: '2027-01-08', name: 'Tết Dương lịch (fixture)', replaces: ['tet-duong-lich'] }] }));
    const bad = writeDecisionFile(folder, 'vn-2028.json', fixtureDecision(2029));
    await page.click('[data-testid=day-off-reload]');
    await expect.poll(() => page.locator('[data-testid=day-off-result]').textContent()).toContain('Đã nạp lại');
    const result = await page.locator('[data-testid=day-off-result]').textContent();
    expect(result).toContain('đổi quyết định năm 2027');
    expect(result).toContain('1 tệp bị từ chối');
    expect(await year(2027).getAttribute('data-source')).toBe('data');
    expect(await year(2027).textContent()).toBe(`2027Thư mục dữ liệu / data folder${good}`);
    expect(await page.locator('[data-testid=day-off-refused] li').allTextContents()).toEqual([`${bad}: trường year = 2029 không khớp tên tệp (năm 2028)`]);
    expect(await year(2028).count()).toBe(0);
    await page.close();
  });

  it('the kiosk screen has no way to the technician page', async () => {
    const kiosk = await browser.newPage();
    await kiosk.goto(`${core.url}/`);
    await expect.poll(() => kiosk.locator('h1').count()).toBeGreaterThan(0);
    expect(await kiosk.locator('a[href*="tech"]').count()).toBe(0);
    expect(await kiosk.content()).not.toContain('/tech');
  });
});
