import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { tempDir } from './core.ts';
import { type Headless, startHeadless } from './headless.ts';

/**
 * One headless core (its own data folder) and one Debian Chromium for a test file: started before the first
 * test, stopped after the last. The getters are read inside tests, once the hooks have run.
 */
export function useHeadlessAndBrowser(args: string[] = []) {
  let browser: Browser | undefined;
  let core: Headless | undefined;
  let data: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    data = tempDir();
    core = await startHeadless(['--data-dir', data.dir, ...args]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
    data?.remove();
  });
  return {
    browser: () => browser!,
    core: () => core!,
  };
}

/** The text of the element with this data-testid. */
export const byTestIdText = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();
/** An attribute of the element with this data-testid. */
export const byTestIdAttr = (page: Page, testId: string, name: string) => page.getAttribute(`[data-testid="${testId}"]`, name);
