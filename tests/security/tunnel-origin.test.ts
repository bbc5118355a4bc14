import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/engine/index.js';
import { pageCookie, serveDetached } from '../helpers/serve.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

/**
 * `ssh -L 8080:127.0.0.1:3131`: the page's origin is then http://localhost:8080, which the
 * exact-origin rule refuses unless the user names it with `serve --origin`, and only that one.
 */
describe('serve --origin: a tunnel to another local port', () => {
  let h: Harness;
  let base: string;
  let cookie: string;
  beforeAll(async () => {
    h = createHarness('tunnel-origin');
    const served = await serveDetached(h, ['--origin', 'http://LOCALHOST:18080']);
    base = served.base;
    cookie = await pageCookie(served);
  });
  afterAll(async () => {
    await h?.cli(['serve', 'stop']);
    h?.cleanup();
  });

  it('accepts the named origin exactly, and still no other', async () => {
    const session = await fetch(`${base}/api/session`, {
      headers: { cookie, origin: 'http://localhost:18080' },
    });
    expect(session.status).toBe(200);
    const { csrf } = (await session.json()) as { csrf: string };
    const post = (origin: string) =>
      fetch(`${base}/api/queue/tasks`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json', 'x-cc-agent-csrf': csrf },
        body: JSON.stringify({ prompt: `from ${origin}` }),
      });
    expect((await post('http://localhost:18081')).status).toBe(403);
    expect((await post('http://127.0.0.1:18080')).status).toBe(403);
    expect((await post('http://localhost:18080')).status).toBe(201);
    const tasks = JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[];
    expect(tasks.map((t) => t.prompt)).toEqual(['from http://localhost:18080']);
  });

  it('refuses an origin that is not exactly scheme://host[:port], before starting anything', async () => {
    for (const bad of ['localhost:8080', 'http://localhost:8080/', 'ftp://x', 'http://a/b', '*']) {
      const r = await h.cli(['serve', '--port', '0', '--origin', bad, '--detach']);
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr.trim()).toBe(
        `cc-agent: invalid --origin '${bad}' (expected http://host:port)`,
      );
    }
  });
});
