import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import type { Harness } from './cli-harness.js';
import { serveDetached } from './serve.js';

/** `serve --detach` on the harness's home, and Chromium on its token URL until the page is live. */
export async function openLivePage(
  h: Harness,
  viewport: { width: number; height: number },
): Promise<{ browser: Browser; page: Page; url: string }> {
  const { url } = await serveDetached(h);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  await page.waitForSelector('text=live');
  return { browser, page, url };
}
