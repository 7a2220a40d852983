import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { startHeadless } from '../helpers/headless.ts';
import { openPtyPair } from '../helpers/pty.ts';
import { startVirtualPrinter } from '../helpers/virtual-printer.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function kioskWithPtyPrinter(profile: string, textMode: 'codepage' | 'raster') {
  const pty = await openPtyPair();
  const printer = await startVirtualPrinter(pty.peerPath, loadProfile(profile));
  const data = tempDir();
  writeFileSync(`${data.dir}/config.json`, JSON.stringify({ devices: { printer: { path: pty.devicePath, profile, textMode } } }));
  const core = await startHeadless(['--data-dir', data.dir, '--config', `${data.dir}/config.json`]);
  return {
    pty,
    printer,
    core,
    async close() {
      await core.stop();
      await printer.close();
      await pty.close();
      data.remove();
    },
  };
}

async function tapTicket(url: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(url);
  await page.click('[data-testid=service-ho-tich]');
  await page.click('[data-testid=take-number]');
  await page.click('[data-testid=no-priority]');
  await expect.poll(() => page.locator('[data-testid=ticket-number]').textContent()).toBe('A001');
  return page;
}

describe('a ticket on a real pty printer', () => {
  for (const [profile, mode] of [
    ['epson-tm-t88', 'codepage'],
    ['generic-80', 'raster'],
  ] as const) {
    it(`prints the Vietnamese ticket in ${mode} mode (${profile}) and the kiosk says so`, { timeout: 60_000 }, async () => {
      const k = await kioskWithPtyPrinter(profile, mode);
      try {
        const page = await tapTicket(k.core.url);
        await expect.poll(() => page.locator('[data-testid=print-status]').getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
        expect(k.printer.tickets).toHaveLength(1);
        const items = k.printer.tickets[0]!.items;
        const big = items.find((i) => i.kind === 'text' && i.text.includes('A001'));
        expect(big && big.kind === 'text' && big.width >= 2).toBe(true); // the number as large native text
        expect(items.some((i) => i.kind === 'qr' || i.kind === 'raster')).toBe(true);
        const text = items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])).join('\n');
        expect(text).not.toContain('?');
        if (mode === 'codepage') {
          expect(text).toContain('Hộ tịch');
          expect(text).toContain('Số người chờ trước: 0');
        } else {
          expect(items.filter((i) => i.kind === 'raster').length).toBeGreaterThanOrEqual(5); // Vietnamese lines as images
        }
        expect(k.printer.tickets[0]!.cut).not.toBe('tear');
      } finally {
        await k.close();
      }
    });
  }

  it('still gives the citizen the ticket on screen with its QR when the printer is gone, and prints nothing twice', { timeout: 90_000 }, async () => {
    const k = await kioskWithPtyPrinter('epson-tm-t88', 'codepage');
    try {
      const counter = await browser.newPage();
      await counter.goto(`${k.core.url}/counter`);
      await counter.fill('[data-testid=pin]', '1111');
      await counter.click('[data-testid=login]');
      await counter.click('[data-testid=counter-1]');
      await k.printer.close();
      await k.pty.close(); // the printer is pulled away
      const page = await tapTicket(k.core.url);
      await expect.poll(() => page.locator('[data-testid=print-status]').getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
      expect(await page.getByRole('alert').textContent()).toContain('Máy in đang gặp sự cố');
      expect(await page.locator('.qr svg').count()).toBe(1);
      expect(k.printer.tickets).toHaveLength(0);
      // staff are alerted at their counter
      await expect.poll(() => counter.locator('[data-testid=device-alerts]').textContent(), { timeout: 15_000 }).toContain('Không in được một vé số thứ tự');
      await expect.poll(() => counter.locator('[data-testid=device-alerts]').textContent(), { timeout: 15_000 }).toContain('Máy in vé');
    } finally {
      await k.close();
    }
  });
});
