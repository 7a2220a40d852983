import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
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
  await page.keyboard.type(`${payload}\n`, { delay: 1 });
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
