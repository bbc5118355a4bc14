import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLivePage } from '../helpers/live-page.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, createHarness, type Harness } from '../helpers/cli-harness.js';
import { startDemo, turnDone, waitForScreen } from '../helpers/jobs.js';

/**
 * The page's Split view in real Chromium over `cc-agent serve` and four simulated agents: 2
 * then 4 live xterm.js cells on the terminal sockets, each picking its agent; keys reach an
 * agent only through a cell whose "type here" is on.
 */
describe('the Split view in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const ids: string[] = [];
  const shots = join(repoRoot, 'tests', 'output');
  const cell = (id: string): string => `[data-split-terminal="${id}"] .xterm-rows`;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = createHarness('browsersplit');
    for (const n of [1, 2, 3, 4]) ids.push(await startDemo(h, `Agent ${n} [[say "ready ${n}"]]`));
    for (const [i, id] of ids.entries()) await turnDone(h, id, `ready ${i + 1}`);
    ({ browser, page } = await openLivePage(h, { width: 1400, height: 900 }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    h?.cleanup();
  });

  it('2×1: two live terminals, each showing its own agent', async () => {
    await page.click('nav >> text=split');
    await page.click('[data-layout="2x1"]');
    await page.selectOption('[data-pick="0"]', ids[0] ?? '');
    await page.selectOption('[data-pick="1"]', ids[1] ?? '');
    expect(await page.locator('[data-split-terminal]').count()).toBe(2);
    for (const [i, id] of ids.slice(0, 2).entries()) {
      await page.waitForSelector(`${cell(id)} >> text=ready ${i + 1}`);
    }
    // Live: what an agent says now reaches its cell over the socket.
    await h.ok(['send', ids[1] ?? '', '[[say "second cell live"]]']);
    await page.waitForSelector(`${cell(ids[1] ?? '')} >> text=second cell live`);
    expect(await page.locator(`${cell(ids[0] ?? '')} >> text=second cell live`).count()).toBe(0);
    await page.screenshot({ path: join(shots, 'split-2x1.png') });
  });

  it('2×2: four live terminals; keys reach an agent only with "type here" on', async () => {
    await page.click('[data-layout="2x2"]');
    await page.selectOption('[data-pick="2"]', ids[2] ?? '');
    await page.selectOption('[data-pick="3"]', ids[3] ?? '');
    expect(await page.locator('[data-split-terminal]').count()).toBe(4);
    for (const [i, id] of ids.entries())
      await page.waitForSelector(`${cell(id)} >> text=ready ${i + 1}`);
    for (const id of ids) await h.ok(['send', id, `[[say "all four ${id}"]]`]);
    for (const id of ids) await page.waitForSelector(`${cell(id)} >> text=all four ${id}`);
    await page.screenshot({ path: join(shots, 'split-2x2.png') });

    // Read-only: typed into a cell, nothing is sent.
    await page.click(`[data-split-terminal="${ids[2]}"]`);
    await page.keyboard.type('NOTSENT');
    await h.ok(['send', ids[2] ?? '', '[[say "after the typing"]]']);
    await page.waitForSelector(`${cell(ids[2] ?? '')} >> text=after the typing`);
    expect(await h.ok(['capture', ids[2] ?? '', '200'])).not.toContain('NOTSENT');

    // On purpose: "type here", then the keys reach that agent.
    await page.check('[data-type-here="2"]');
    await page.click(`[data-split-terminal="${ids[2]}"]`);
    await page.keyboard.type('typed here');
    await waitForScreen(h, ids[2] ?? '', 'typed here');
    await page.waitForSelector(`${cell(ids[2] ?? '')} >> text=typed here`);
  });
});
