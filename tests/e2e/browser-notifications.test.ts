import { openLivePage } from '../helpers/live-page.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { jobJson, startDemo, waitForStatus } from '../helpers/jobs.js';
import { completedNote } from '../../src/view/notes.js';

/**
 * The page's Notifications view in real headless Chromium: 8 shows it (where the page had
 * History), and a job that finishes while it is open appears in the TUI panel's words.
 */
describe('Notifications in the page', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = createHarness('browsernotes');
    ({ browser, page } = await openLivePage(h, { width: 1200, height: 800 }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    h?.cleanup();
  });

  it('8 opens it, empty at first', async () => {
    await page.keyboard.press('8');
    await page.waitForSelector('#notifications >> text=no notifications yet');
    expect(await page.locator('nav button.on').textContent()).toBe('8 Notifications');
  });

  it('shows a finished job as the TUI words it, live', async () => {
    const id = await startDemo(h, 'Write notes [[work 1]] [[done "Wrote notes.md"]]');
    const job = await waitForStatus(h, id, 'completed');
    const note = completedNote(await jobJson(h, job.id));
    const li = await page.waitForSelector(`#notifications li >> text=${note.title}`);
    expect(await li.textContent()).toMatch(
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${note.title}: ${note.message}$`),
    );
    expect(note.message).toBe('Write notes — Wrote notes.md');
    expect(await page.locator('#notifications li').count()).toBe(1);
  });
});
