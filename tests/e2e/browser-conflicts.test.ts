import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startConflict } from '../helpers/jobs.js';
import { openLivePage } from '../helpers/live-page.js';

/**
 * A file conflict in the page, in real headless Chromium over the served API: the dashboard's
 * rows carry the mark, C opens the Conflicts view with the lease holders, and releasing one
 * there ends the conflict live.
 */
describe('Conflicts in the page', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let c: { first: string; second: string; file: string };

  beforeAll(async () => {
    h = createHarness('browserconflicts');
    ({ browser, page } = await openLivePage(h, { width: 1200, height: 800 }));
    c = await startConflict(h);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    h?.cleanup();
  });

  it('marks the rows of both agents on the dashboard', async () => {
    const mark = await page.waitForSelector(`tr[data-job="${c.second}"] [data-conflict-mark]`);
    expect((await mark.textContent())?.trim()).toBe('⚠ 1 file');
    await page.waitForSelector(`tr[data-job="${c.first}"] [data-conflict-mark]`);
    expect(await page.locator('nav button[data-view="conflicts"]').textContent()).toBe(
      'C Conflicts (1)',
    );
  });

  it('C opens the Conflicts view in the shared words; release ends it live', async () => {
    await page.keyboard.press('Shift+C');
    const li = await page.waitForSelector('#conflicts li[data-conflict]');
    expect(await li.textContent()).toBe(`${c.second} edits ${c.file}, held by ${c.first}`);
    const leases = await page.locator('#conflicts li[data-lease]').allTextContents();
    expect(leases).toEqual([`${c.first} holds ${c.file}`]);
    await page.click(`#conflicts button[data-release="${c.first}"]`);
    await page.waitForSelector('#conflicts >> text=no two live agents edit the same file');
    expect(await page.locator('#conflicts li[data-conflict]').count()).toBe(0);
    expect(JSON.parse(await h.ok(['conflicts', '--json', '--no-forecast'])).conflicts).toEqual([]);
  });

  it("shows the daily budget's banner once the day is spent", async () => {
    // The two agents spent more than this today; their next update brings the page the news.
    await h.ok(['settings', 'budget.daily_usd', '0.01']);
    await h.ok(['send', c.second, '[[say "again"]]']);
    const banner = await page.waitForSelector('#budget-banner');
    expect(await banner.textContent()).toMatch(
      /^daily budget reached: \$\d+\.\d\d of \$0\.01 spent today · nothing new starts, the queue is paused/,
    );
    expect(await page.locator('header').textContent()).toMatch(/\$\d+\.\d\d of \$0\.01 today/);
  });
});
