import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { appointmentFor, DEFAULT_WORK_HOURS } from '../../main/core/calendar/appointment.ts';
import { loadHolidayOverrides } from '../../main/core/calendar/holiday-files.ts';
import { createWorkCalendar } from '../../main/core/calendar/work-calendar.ts';

// Shared by the kiosk e2e files (not a test file itself).

export function writeConfig(dir: string, config: Record<string, unknown>): string {
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** Taps the on-screen keyboard key by key (Shift before a capital), as a citizen would. */
export async function tapKeys(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    if (ch === ' ') await page.click('[data-testid="key-space"]');
    else if (/[A-Z]/.test(ch)) {
      await page.click('[data-testid="key-shift"]');
      await page.click(`[data-testid="key-${ch.toLowerCase()}"]`);
    } else await page.click(`[data-testid="key-${ch}"]`);
  }
}

/** A keyboard-wedge scanner: the payload and Enter typed far faster than a person. */
export async function wedgeScan(page: Page, payload: string): Promise<void> {
  await page.keyboard.type(`${payload}\n`, { delay: 0 });
}

/**
 * A wedge scan, scanned again if the page did not show `selector`: on a loaded 2-core machine Playwright
 * can stall between two keys longer than a scanner ever does, and a real citizen would scan again too.
 * `before` runs before each new try (e.g. to check that nothing of the stalled try landed in a field).
 */
export async function wedgeScanUntil(page: Page, payload: string, selector: string, before: () => Promise<void> = async () => undefined): Promise<void> {
  let last: unknown;
  for (let i = 0; i < 5; i++) {
    if (i > 0) await before();
    await wedgeScan(page, payload);
    try {
      await page.waitForSelector(selector, { timeout: 3000 });
      return;
    } catch (err) {
      last = err; // the burst was cut: scan again
    }
  }
  throw new Error(`the scan never showed ${selector} in 5 tries`, { cause: last });
}

/** The appointment the core computes (same rules, same holiday files), for a dossier received at `at`. */
export function expectedAppointment(at: Date, processingDays: number, opts: { cutoffHour?: number; saturdayMorning?: boolean } = {}): string {
  const saturdayMorning = opts.saturdayMorning ?? true;
  const calendar = createWorkCalendar({ saturdayMorning, overrides: loadHolidayOverrides(fileURLToPath(new URL('../../assets/holidays', import.meta.url))) });
  return appointmentFor(at, processingDays, { cutoffHour: opts.cutoffHour ?? 15, saturdayMorning, calendar, workHours: DEFAULT_WORK_HOURS }).date;
}

/** Home → service → procedure → "Nộp hồ sơ tại ki-ốt". */
export async function startDossier(page: Page, serviceId: string, procedureId: string): Promise<void> {
  await page.click(`[data-testid=service-${serviceId}]`);
  await page.click(`[data-testid="procedure-${procedureId}"]`);
  await page.click('[data-testid=procedure-submit]');
}

/** Taps "Đúng" on every name read in capitals until none is left to confirm. */
export async function confirmAllNames(page: Page): Promise<void> {
  const pending = page.locator('[data-testid^="scan-confirm-"][data-testid$="-yes"]');
  for (let n = await pending.count(); n > 0; n = await pending.count()) {
    await pending.first().click();
    await expect.poll(() => pending.count()).toBe(n - 1);
  }
}

/**
 * From confirmed fields to the receipt: finish the scan, mark every document scanned, keep delivery at the
 * center, check the review counts one scanned page of the form, submit; returns the dossier code.
 */
export async function finishScanAndSubmit(page: Page, formTitle: string): Promise<string> {
  await page.click('[data-testid=scan-finish]');
  await page.waitForSelector('[data-testid=scan-finished]');
  const docs = await page.locator('.doc-item').count();
  for (let i = 0; i < docs; i++) await page.click(`[data-testid=doc-${i}-scanned]`);
  await page.click('[data-testid=documents-next]');
  await page.click('[data-testid=delivery-next]');
  expect(await page.locator('[data-testid="review-scanned"]').textContent()).toBe(`1 trang · ${formTitle}`);
  await page.click('[data-testid=submit-dossier]');
  await page.waitForSelector('[data-testid=receipt-screen]');
  return (await page.locator('[data-testid="dossier-code"]').textContent()) ?? '';
}
