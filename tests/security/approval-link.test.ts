import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { openDb, type SqliteDb as Db } from '../../src/engine/store/db.js';
import { LINK_TTL_MS, mintLoginLink } from '../../src/engine/store/login-links.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { serveDetached, type Served } from '../helpers/serve.js';

/**
 * Approval links (notify.command) against `cc-agent serve --detach`: a link logs the page in
 * once, within a day, from our own page only, and grants exactly the page's cookie. Links are
 * minted straight into the store, as the notifier does.
 */
describe('single-use approval links', () => {
  let h: Harness;
  let served: Served;
  let db: Db;
  let now = Date.now();
  const mint = (approval: string, at = Date.now()): string => {
    now = at;
    return mintLoginLink({ db, now: () => now } as unknown as EngineContext, approval);
  };

  beforeAll(async () => {
    h = createHarness('approval-link');
    served = await serveDetached(h);
    db = openDb(join(h.home, 'cc-agent.db'));
  });
  afterAll(() => {
    db?.close();
    h?.cleanup();
  });

  const post = (link: string, headers: Record<string, string> = {}) =>
    fetch(link, { method: 'POST', headers, redirect: 'manual' });

  it('a look spends nothing and can be neither framed nor leak the link to another site', async () => {
    const link = `${served.base}/l/${mint('ap-look')}`;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('is refused from another origin, a null origin or a foreign Host, and stays unspent', async () => {
    const token = mint('ap-origin');
    const link = `${served.base}/l/${token}`;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${served.port + 1}`, 'null']) {
      const res = await post(link, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // fetch will not send a Host of our choosing: a raw request does (DNS rebinding).
    const rebound = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request(
        { port: served.port, host: '127.0.0.1', path: `/l/${token}`, method: 'POST' },
        (res) => resolve({ status: res.statusCode ?? 0 }),
      );
      req.setHeader('host', `evil.example:${served.port}`);
      req.on('error', reject).end();
    });
    expect(rebound.status).toBe(403);
    const ok = await post(link, { origin: served.base });
    expect(ok.status).toBe(303);
  });

  it('logs in once with exactly the page cookie; the second use, an expired, unknown or malformed link get 410', async () => {
    const link = `${served.base}/l/${mint('ap-once')}`;
    const first = await post(link, { origin: served.base });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/#approval=ap-once');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^cc_agent_token=${served.token}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect((await post(link, { origin: served.base })).status).toBe(410);
    expect((await fetch(link)).status).toBe(410);
    const expired = `${served.base}/l/${mint('ap-old', Date.now() - LINK_TTL_MS - 1000)}`;
    expect((await fetch(expired)).status).toBe(410);
    expect((await post(expired, { origin: served.base })).status).toBe(410);
    expect((await fetch(`${served.base}/l/${'A'.repeat(43)}`)).status).toBe(410);
    expect((await fetch(`${served.base}/l/..%2F..%2Fserver-token`)).status).toBe(410);
  });

  it('keeps only a hash of each link in the store', () => {
    const token = mint('ap-hash');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(h.home, 'cc-agent.db'));
    expect(bytes.includes(token)).toBe(false);
    expect(db.prepare('SELECT count(*) FROM login_links').pluck().get()).toBeGreaterThan(0);
  });
});
