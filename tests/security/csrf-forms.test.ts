import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Job, Task } from '../../src/engine/index.js';
import { pageCookie, serveDetached } from '../helpers/serve.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

/**
 * The cross-port attack in its curl forms, against `cc-agent serve --detach`: every way a request
 * can carry the page's cookie without being the page. Only a Bearer token (a script) or the
 * cookie with our exact Origin, a JSON body and the session's CSRF header may change anything.
 */
describe('requests that carry the cookie but are not the page', () => {
  let h: Harness;
  let base: string;
  let port: number;
  let token: string;
  let cookie: string;

  beforeAll(async () => {
    h = createHarness('csrf-forms');
    const served = await serveDetached(h);
    ({ base, port, token } = served);
    cookie = await pageCookie(served);
  });
  afterAll(() => h?.cleanup());

  const other = (): number => (port === 65535 ? port - 1 : port + 1);
  /** What the page itself would be given (empty when the server has no such thing). */
  const csrf = async (): Promise<string> => {
    const res = await fetch(`${base}/api/session`, { headers: { cookie } });
    return res.ok ? ((await res.json()) as { csrf: string }).csrf : '';
  };
  const send = (path: string, headers: Record<string, string>, body: string, method = 'POST') =>
    fetch(`${base}${path}`, { method, headers, body });
  const task = JSON.stringify({ prompt: 'from a foreign page' });
  const tasks = async (): Promise<Task[]> => JSON.parse(await h.ok(['queue', 'list', '--json']));

  it('refuses the cookie with a foreign, wrong-port, wrong-scheme or null Origin (403)', async () => {
    const json = { cookie, 'content-type': 'application/json', 'x-cc-agent-csrf': await csrf() };
    const origins = [
      'http://evil.example',
      `http://127.0.0.1:${other()}`,
      `http://localhost:${other()}`,
      `https://127.0.0.1:${port}`,
      'null',
    ];
    const changes: Record<string, number> = {};
    const reads: Record<string, number> = {};
    for (const origin of origins) {
      changes[origin] = (await send('/api/queue/tasks', { ...json, origin }, task)).status;
      // Nothing is read for a foreign page either: not even the CSRF token.
      reads[origin] = (await fetch(`${base}/api/session`, { headers: { cookie, origin } })).status;
    }
    const refused = Object.fromEntries(origins.map((o) => [o, 403]));
    expect(changes).toEqual(refused);
    expect(reads).toEqual(refused);
    expect(await tasks()).toEqual([]);
  });

  it('refuses bodies that are not application/json (415), with any credentials', async () => {
    const own = { cookie, origin: base, 'x-cc-agent-csrf': await csrf() };
    const issue = JSON.stringify({ prompt: 'x', agent: 'demo', sandbox: 'danger-full-access' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      expect(
        (await send('/api/actions/jobs', { ...own, 'content-type': type }, issue)).status,
      ).toBe(415);
      const bearer = { authorization: `Bearer ${token}`, 'content-type': type };
      expect((await send('/api/actions/jobs', bearer, issue)).status, type).toBe(415);
    }
    expect(JSON.parse(await h.ok(['jobs', '--json']))).toEqual([]);
  });

  it('refuses the cookie without the CSRF header, or with a wrong one (403)', async () => {
    const own = { cookie, origin: base, 'content-type': 'application/json' };
    expect((await send('/api/queue/tasks', own, task)).status).toBe(403);
    const wrong = { ...own, 'x-cc-agent-csrf': 'f'.repeat(64) };
    expect((await send('/api/queue/tasks', wrong, task)).status).toBe(403);
    const { origin: _, ...curl } = own; // no Origin at all: still the cookie, still no header
    expect((await send('/api/queue/tasks', curl, task)).status).toBe(403);
    expect(await tasks()).toEqual([]);
  });

  it('accepts a script with the Bearer token, and the page with cookie, Origin and CSRF', async () => {
    const script = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const a = await send('/api/queue/tasks', script, JSON.stringify({ prompt: 'from a script' }));
    expect(a.status).toBe(201);
    const page = { cookie, 'content-type': 'application/json', 'x-cc-agent-csrf': await csrf() };
    // The view as `serve` prints it, and over `ssh -L <port>:127.0.0.1:<port>` as localhost.
    for (const origin of [base, `http://localhost:${port}`]) {
      const res = await send(
        '/api/queue/tasks',
        { ...page, origin },
        JSON.stringify({ prompt: origin }),
      );
      expect(res.status, origin).toBe(201);
    }
    const del = await send(
      `/api/queue/tasks/${((await a.json()) as Task).id}`,
      script,
      '',
      'DELETE',
    );
    expect(del.status).toBe(200);
    expect((await tasks()).map((t) => t.prompt).sort()).toEqual([base, `http://localhost:${port}`]);
  });

  /** The status the upgrade got: 101 when the socket opened, the refusal's status otherwise. */
  const upgrade = (query: string, headers: Record<string, string>): Promise<number> =>
    new Promise((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/api/terminal/deadbeef${query}`, {
        headers,
      });
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      // terminate() before the handshake reports an error of its own: the status is known by then.
      ws.on('error', () => undefined);
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        ws.terminate();
      });
    });

  it('refuses the terminal WebSocket to a foreign Origin or without the CSRF token', async () => {
    const q = `?csrf=${await csrf()}`;
    expect(await upgrade(q, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(q, { cookie, origin: `http://localhost:${other()}` })).toBe(403);
    expect(await upgrade('', { cookie, origin: base })).toBe(403);
    expect(await upgrade(`?csrf=${'f'.repeat(64)}`, { cookie, origin: base })).toBe(403);
    expect(await upgrade(q, { cookie, origin: base })).toBe(101);
    expect(await upgrade('', { authorization: `Bearer ${token}` })).toBe(101);
    const jobs = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    expect(jobs).toEqual([]);
  });
});
