import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLivePage } from '../helpers/live-page.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, createHarness, type Harness } from '../helpers/cli-harness.js';
import { startHandover } from '../helpers/jobs.js';

/**
 * The page's Pipeline in real headless Chromium against `cc-agent serve`: reached by its
 * number key (the TUI's), one SVG bar per job with its kind as a class, the hand-over marked,
 * and the window's buttons. The screenshot lands in tests/output/pipeline.png.
 */
describe('the Pipeline in the page', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let parent: string;
  let child: string;
  const shots = join(repoRoot, 'tests', 'output');

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = createHarness('browserpipe');
    ({ parent, child } = await startHandover(h));
    ({ browser, page } = await openLivePage(h, { width: 1400, height: 900 }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    h?.cleanup();
  });

  it('9 draws each job as a bar coloured by its state, the hand-over marked', async () => {
    await page.keyboard.press('9');
    await page.waitForSelector(`svg[data-pipeline] rect.pbar-completed[data-job="${child}"]`);
    const kind = await page.getAttribute(`svg[data-pipeline] rect[data-job="${parent}"]`, 'class');
    expect(kind).toMatch(/^pbar pbar-(waiting|idle)$/);
    expect(await page.locator('svg[data-pipeline] rect.pbar').count()).toBe(2);
    const mark = page.locator(`svg[data-pipeline] g[data-row="${child}"] .pmark-handover`);
    expect(await mark.count()).toBe(1);
    expect(await mark.locator('title').textContent()).toBe(`from ${parent}`);
    expect(await page.locator('nav button.on').textContent()).toBe('9 Pipeline');
    // Zoomed in to a quarter hour for the picture: the jobs just ran.
    await page.click('button >> text=zoom in');
    await page.click('button >> text=zoom in');
    await page.waitForSelector('section >> text=15 min');
    await page.screenshot({ path: join(shots, 'pipeline.png') });
  });

  it('moves the window earlier and zooms out, over the same rules as the TUI', async () => {
    for (let i = 0; i < 3; i++) await page.click('button >> text=zoom out');
    await page.waitForSelector('section >> text=3 h');
    await page.click('button >> text=earlier');
    await page.click('button >> text=earlier');
    await page.click('button >> text=earlier');
    // Three half windows back, the jobs that just ran are out of it.
    await page.waitForSelector('text=no jobs in this window');
    expect(await page.locator('svg[data-pipeline] rect.pbar').count()).toBe(0);
    await page.click('button >> text=now');
    await page.waitForSelector(`svg[data-pipeline] rect[data-job="${child}"]`);
  });
});
