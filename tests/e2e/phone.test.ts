import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, createHarness, type Harness } from '../helpers/cli-harness.js';
import { launchChromium } from '../helpers/browser.js';
import { serveDetached } from '../helpers/serve.js';
import { jobJson, startDemo, waitForStatus } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The browser view on a phone (Chromium at 390×844, touch): an approval notification's
 * one-time link logs the page in on that approval; Approvals and Job detail fit the screen;
 * the send box talks to a finished agent. Screenshots land in tests/output/.
 */
describe('the browser view on a phone', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let out: string;
  const shots = join(repoRoot, 'tests', 'output');

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = createHarness('phone');
    const dir = h.tempDir('notifier');
    out = join(dir, 'notifications.jsonl');
    writeFileSync(
      join(dir, 'record.mjs'),
      `import { appendFileSync } from 'node:fs';
let s = '';
process.stdin.on('data', (b) => (s += b)).on('end', () => appendFileSync(process.argv[2], s));
`,
    );
    await h.ok([
      'settings',
      'notify.command',
      JSON.stringify([process.execPath, join(dir, 'record.mjs'), out]),
    ]);
    await h.ok([
      'trigger',
      'add',
      'deploy-after-work',
      'event',
      'job_completed',
      'notify',
      '--payload',
      '{"message":"deploy the finished work to staging"}',
      '--autonomy',
      'confirm',
    ]);
    await serveDetached(h);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    h?.cleanup();
  });

  /** Nothing on the page is wider than the screen: no sideways scrolling. */
  const fitsWidth = (): Promise<boolean> =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

  it('the approval link opens that approval, which fits the screen and is approved by thumb', async () => {
    const id = await startDemo(
      h,
      'Refactor the session store into smaller modules [[done "store split into three modules"]]',
    );
    const note = await waitFor(
      () =>
        existsSync(out) &&
        readFileSync(out, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { kind: string; link: string | null; approval?: string })
          .find((n) => n.kind === 'approval_pending'),
      'the approval notification',
    );
    expect(note.link).not.toBeNull();
    await page.goto(note.link as string);
    await page.tap('button >> text=Open the approval');
    const row = `tr.target[data-approval="${note.approval}"]`;
    await page.waitForSelector(row);
    expect(await fitsWidth()).toBe(true);
    const approve = page.locator(`[data-approve="${note.approval}"]`);
    const box = await approve.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(box!.height).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: join(shots, 'phone-approvals.png') });
    await approve.tap();
    await page.waitForSelector(`#status >> text=approved ${note.approval}`);
    expect((await jobJson(h, id)).status).toBe('completed');
  });

  it('job detail fits the screen, and its send box talks to the finished agent again', async () => {
    const id = (
      JSON.parse(await h.ok(['jobs', '--json'])) as { id: string; status: string }[]
    ).find((j) => j.status === 'completed')?.id as string;
    await page.tap('nav >> text=dashboard');
    await page.tap(`tr[data-job="${id}"]`);
    await page.waitForSelector(
      `[data-terminal="${id}"] .xterm-rows >> text=Welcome to Claude Code`,
    );
    expect(await fitsWidth()).toBe(true);
    const send = page.locator('#send');
    const box = await send.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, 'phone-job.png') });
    await send.fill('one more pass [[say "checked from the phone"]]');
    await page.tap('button >> text=send');
    await page.waitForSelector(`#status >> text=sent to ${id}`);
    // Back to running: its turn ends with the new words (the page may have marked it seen).
    await waitFor(async () => {
      const j = await jobJson(h, id);
      return j.status === 'running' && j.summary === 'checked from the phone';
    }, 'the reopened turn');
    await h.ok(['send', id, '[[done "really done"]]']);
    expect((await waitForStatus(h, id, 'completed')).summary).toBe('really done');
  });
});
