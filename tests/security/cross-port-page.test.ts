import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/index.js';
import { launchChromium } from '../helpers/browser.js';
import { serveDetached } from '../helpers/serve.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

/**
 * Issue 13, item 1, as an attacker would run it: the user has the view open (the cookie is in
 * the browser), then visits a page served on another localhost port. Other ports are the same
 * site, so SameSite=Strict sends the cookie along; only the server's checks stand in the way.
 */
describe('a page on another localhost port', () => {
  let h: Harness;
  let browser: Browser;
  let attacker: Server;
  let port: number;
  let token: string;
  let pwned: string;

  const attackPage = (target: string, prompt: string): string => `<!doctype html>
<title>cute cats</title>
<script>
  const result = { fetch: 'pending', ws: 'pending' };
  window.attack = Promise.all([
    fetch('${target}/api/actions/jobs', {
      method: 'POST',
      mode: 'no-cors',
      credentials: 'include',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ prompt: ${JSON.stringify(prompt)}, agent: 'demo', sandbox: 'danger-full-access' }),
    }).then(() => { result.fetch = 'sent'; }, (e) => { result.fetch = 'failed: ' + e; }),
    new Promise((done) => {
      const ws = new WebSocket('${target.replace('http', 'ws')}/api/terminal/deadbeef');
      ws.onopen = () => { result.ws = 'open'; ws.close(); done(); };
      ws.onerror = () => { if (result.ws === 'pending') result.ws = 'refused'; done(); };
    }),
  ]).then(() => result);
</script>`;

  beforeAll(async () => {
    h = createHarness('cross-port');
    pwned = join(h.tempDir('victim'), 'pwned');
    ({ port, token } = await serveDetached(h));
    const page = attackPage(
      `http://localhost:${port}`,
      `[[bash "touch ${pwned}"]] [[say "owned"]]`,
    );
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    h?.cleanup();
  });

  it('starts no agent and opens no terminal, though the browser holds the cookie', async () => {
    const ctx = await browser.newContext();
    const tab = await ctx.newPage();
    // The user opened the view as `serve` told them (over ssh -L: localhost, the same port).
    await tab.goto(`http://localhost:${port}/?token=${token}`);
    expect((await ctx.cookies()).map((c) => c.name)).toContain('cc_agent_token');

    const evil = await ctx.newPage();
    await evil.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
    const result = await evil.evaluate(
      () => (globalThis as unknown as { attack: Promise<{ fetch: string; ws: string }> }).attack,
    );
    // The no-cors request itself leaves the browser (its answer is opaque): the server must refuse.
    expect(result.fetch).toBe('sent');
    expect(result.ws).toBe('refused');
    const jobs = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    expect(jobs).toEqual([]);
    expect(existsSync(pwned)).toBe(false);

    // The user's own tab, same browser, same cookie, still works.
    await tab.waitForSelector('text=live');
    await ctx.close();
  });
});
