import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval, Job, Task } from '../../src/engine/index.js';
import { repoRoot, createHarness, type Harness } from '../helpers/cli-harness.js';
import { launchChromium } from '../helpers/browser.js';
import { serveDetached } from '../helpers/serve.js';
import { initRepo } from '../helpers/git-repo.js';
import { jobJson, startDemo } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The browser view in real headless Chromium against `cc-agent serve` over a live engine and
 * simulated agents. Screenshots land in tests/output/ (not committed).
 */
describe('the browser view in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let url: string;
  const shots = join(repoRoot, 'tests', 'output');

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = createHarness('browser');
    await h.ok([
      'trigger',
      'add',
      'review',
      'threshold',
      'queue_depth >= 1',
      'queue_task',
      '--payload',
      '{"prompt":"review round"}',
      '--autonomy',
      'confirm',
      '--cooldown',
      '3600',
    ]);
    ({ url } = await serveDetached(h));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    h?.cleanup();
  });

  it('opens with the token URL and shows agents appearing live', async () => {
    await page.goto(url);
    expect(page.url()).not.toContain('token='); // traded for the cookie
    await page.waitForSelector('text=live');
    const id = await startDemo(h, '[[say "hello browser"]]');
    await page.waitForSelector(`tr[data-job="${id}"] >> text=waiting`, { timeout: 20_000 });
    await page.screenshot({ path: join(shots, 'dashboard.png') });
  });

  it('types into an agent terminal and sees the echo and the reply', async () => {
    const id = await startDemo(h, '[[say "ready"]]');
    await page.waitForSelector(`tr[data-job="${id}"] >> text=waiting`, { timeout: 20_000 });
    await page.click(`tr[data-job="${id}"]`);
    await page.waitForSelector(
      `[data-terminal="${id}"] .xterm-rows >> text=Welcome to Claude Code`,
    );
    await page.click(`[data-terminal="${id}"]`);
    await page.keyboard.type('from the page ✓');
    await page
      .waitForSelector(`[data-terminal="${id}"] .xterm-rows >> text=from the page ✓`)
      .catch(async (e: unknown) => {
        await page.screenshot({ path: join(shots, 'job-detail-failed.png') });
        throw e;
      });
    await page.keyboard.press('Enter');
    await page.waitForSelector(
      `[data-terminal="${id}"] .xterm-rows >> text=Done: from the page ✓`,
      {
        timeout: 20_000,
      },
    );
    await page.screenshot({ path: join(shots, 'job-detail.png') });
    await page.keyboard.press('Escape');
  });

  it('approves a pending approval and its action runs', async () => {
    await h.ok(['queue', 'add', 'something to do']);
    const approval = await waitFor(async () => {
      const a = JSON.parse(await h.ok(['approvals', 'list', '--json'])) as Approval[];
      return a.find((x) => x.status === 'pending');
    }, 'the trigger to ask for approval');
    await page.click('nav >> text=approvals');
    await page.click(`[data-approve="${approval.id}"]`);
    await page.waitForSelector(`#status >> text=approved ${approval.id}`);
    const tasks = JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[];
    expect(tasks.filter((t) => t.prompt === 'review round')).toHaveLength(1);
  });

  it('Enter opens the highlighted row, whatever the table is sorted by', async () => {
    const added = await startDemo(h, '[[say "one more"]]');
    await page.click('nav >> text=dashboard');
    await page.click('th >> text=ID');
    await page.waitForSelector('th >> text=ID ↓');
    // The rows are read once the new job has arrived: a row landing later would shift them.
    await page.waitForSelector(`tr[data-job="${added}"]`);
    const shown = await page.$$eval('tr[data-job]', (rows) =>
      rows.map((r) => r.getAttribute('data-job') as string),
    );
    expect(shown).toEqual([...shown].sort());
    // The newest-first order differs from the id order somewhere: select a row there.
    const jobs = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    const byTime = [...jobs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const at = Math.max(
      0,
      shown.findIndex((id, i) => byTime[i]?.id !== id),
    );
    for (let i = 0; i < at; i++) await page.keyboard.press('j');
    await page.waitForSelector(`tr.sel[data-job="${shown[at]}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-terminal="${shown[at]}"]`);
    await page.keyboard.press('Escape');
  });

  it('lists queue previews, and a click on a task fetches its whole prompt', async () => {
    // The stream carries 200-character previews; the page asks for the task itself.
    const prompt = `${'a long task description, line after line.\n'.repeat(120)}the very end`;
    const id = await h.ok(['queue', 'add', prompt]);
    await page.click('nav >> text=queue');
    const row = await page.waitForSelector(`tr[data-task="${id}"]`);
    expect(await row.innerText()).toContain('a long task description, line after line. …');
    await page.click(`tr[data-task="${id}"]`);
    const pre = await page.waitForSelector('#task-prompt pre >> text=the very end');
    expect(await pre.innerText()).toBe(prompt);
  });

  it('draws the analytics charts', async () => {
    await page.click('nav >> text=analytics');
    await page.waitForSelector('svg[data-chart="tokens per day"] rect');
    expect(await page.locator('svg[data-chart="tokens per day"] rect').count()).toBe(14);
  });

  it("shows a worktree agent's diff and merges it into the repository", async () => {
    const repo = h.tempDir('repo');
    initRepo(h.env, repo, { 'readme.txt': 'base\n' });
    const id = await startDemo(
      h,
      '[[write "feature.txt" "from the page agent"]] [[say "feature done"]]',
      ['-d', repo, '--worktree'],
    );
    await waitFor(async () => {
      const j = await jobJson(h, id);
      return j.activity === 'waiting' && j.summary === 'feature done' ? j : undefined;
    }, 'the agent to write its file and finish its turn');

    // A job started without --worktree has no Diff tab.
    const jobs = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    const plain = jobs.find((j) => !j.worktree) as Job;
    await page.click('nav >> text=dashboard');
    await page.click(`tr[data-job="${plain.id}"]`);
    await page.waitForSelector(`[data-terminal="${plain.id}"]`);
    expect(await page.locator('[data-tab]').count()).toBe(0);

    // (Escape would go to the focused terminal, the agent's own key.)
    await page.click('nav >> text=dashboard');
    await page.click(`tr[data-job="${id}"]`);
    await page.click('[data-tab="diff"]');
    const view = `[data-diff="${id}"]`;
    await page.waitForSelector(`${view} .d-add >> text=+from the page agent`);
    expect(await page.textContent(`${view} .d-file`)).toBe(
      'diff --git a/feature.txt b/feature.txt',
    );
    expect(await page.textContent(`${view} b`)).toBe(`cc-agent/${id} → main · 1 dirty`);

    page.once('dialog', (d) => void d.accept());
    await page.click(`${view} [data-action="merge"]`);
    await page.waitForSelector(`#merge-result >> text=merged ${id} into main`);
    expect(readFileSync(join(repo, 'feature.txt'), 'utf8')).toBe('from the page agent');
    // The refreshed header: the work is on main now.
    await page.waitForSelector(`${view} b >> text=merged into main`);
    await page.screenshot({ path: join(shots, 'job-diff.png') });

    // d, as in the TUI, goes back to the terminal.
    await page.keyboard.press('d');
    await page.waitForSelector(`[data-terminal="${id}"]`);
    expect(await page.locator(view).count()).toBe(0);
  });
});
