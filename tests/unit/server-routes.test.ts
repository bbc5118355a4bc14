import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Task } from '../../src/engine/index.js';
import { createApp, MAX_BODY } from '../../src/server/app.js';

/**
 * Every route through `app.request()` (no socket) on a real store in a temp home. Routes that
 * would start an agent are only called with input that must be refused before any launch.
 */
const TOKEN = 'a'.repeat(64);
let base: string;
let engine: Engine;
let server: ReturnType<typeof createApp>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cc-server-'));
  const web = join(base, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>cc-agent</title>');
  writeFileSync(join(base, 'secret.txt'), 'not for the browser');
  symlinkSync(join(base, 'secret.txt'), join(web, 'link.txt'));
  engine = createEngine({
    home: join(base, 'home'),
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: `cc-server-unused-${process.pid}` },
  });
  server = createApp(engine, {
    token: TOKEN,
    host: '127.0.0.1',
    port: () => 3131,
    cwd: base,
    webRoot: web,
  });
});
afterAll(() => {
  server.close();
  engine.close();
  rmSync(base, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}`, host: '127.0.0.1:3131' };
/** Every change is sent as JSON (anything else is a 415). */
const json = { 'content-type': 'application/json' };
const call = (path: string, init: RequestInit = {}) =>
  server.app.request(path, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { ...json, ...headers },
  });
const fill = (path: string) =>
  path.replace(':id', 'abcd1234').replace(':name', 'dev').replace('*', 'x');

describe('security', () => {
  it('every API route answers 401 without the token (enumerated from the router)', async () => {
    const routes = server.app.routes.filter(
      (r) => r.path.startsWith('/api/') && r.method !== 'ALL',
    );
    expect(routes.length).toBeGreaterThan(35);
    for (const r of routes) {
      const res = await server.app.request(fill(r.path), {
        method: r.method,
        headers: { host: '127.0.0.1:3131', cookie: 'cc_agent_token=wrong' },
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
    const wrong = await server.app.request('/api/jobs', {
      headers: { host: '127.0.0.1', authorization: `Bearer ${'b'.repeat(64)}` },
    });
    expect(wrong.status).toBe(401);
  });

  it('refuses a Host that is not ours (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example', 'evil.example:3131', '127.0.0.1.evil.example']) {
      const res = await server.app.request('/api/jobs', { headers: { ...auth, host } });
      expect(res.status, host).toBe(403);
    }
    expect((await call('/api/jobs', { headers: { host: 'localhost:3131' } })).status).toBe(200);
  });

  it('refuses a foreign Origin on changes and on WebSocket upgrades; allows our own', async () => {
    const foreign = await post(
      '/api/queue/tasks',
      { prompt: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const ws = await call('/api/terminal/abcd1234', {
      headers: { upgrade: 'websocket', origin: 'http://evil.example' },
    });
    expect(ws.status).toBe(403);
    expect(engine.queue.list()).toEqual([]);
    const own = await post(
      '/api/queue/tasks',
      { prompt: 'ours' },
      { origin: 'http://127.0.0.1:3131' },
    );
    expect(own.status).toBe(201);
    engine.queue.remove(((await own.json()) as Task).id);
  });

  it('trades the token URL for an HttpOnly SameSite=Strict cookie', async () => {
    const bad = await server.app.request(`/?token=${'c'.repeat(64)}`, {
      headers: { host: 'localhost' },
    });
    expect(bad.status).toBe(401);
    const res = await server.app.request(`/?token=${TOKEN}`, { headers: { host: 'localhost' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cc_agent_token=a{64};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await server.app.request('/api/jobs', {
      headers: { host: 'localhost', cookie: `cc_agent_token=${TOKEN}` },
    });
    expect(withCookie.status).toBe(200);
  });

  it('refuses shell metacharacters, unknown values and unknown fields: nothing is launched', async () => {
    const bodies: Record<string, unknown>[] = [
      { prompt: 'x', model: 'opus; touch /tmp/pwned' },
      { prompt: 'x', model: '$(id)' },
      { prompt: 'x', agent: 'claude && id' },
      { prompt: 'x', agent: 'nope' },
      { prompt: 'x', reasoning: '`id`' },
      { prompt: 'x', sandbox: 'none' },
      { prompt: 'x', dir: '/no/such/dir;id' },
      { prompt: 'x', shell: 'bash' },
      { prompt: 'x', agent: 'demo', worktree: '$(id)' },
      { prompt: 'x', agent: 'demo', worktree: '../../etc' },
      { prompt: 'x', agent: 'demo', worktree: 5 },
      { prompt: 'x', agent: 'demo', base: 'main' },
      { prompt: 'x', agent: 'demo', worktree: true, base: '--upload-pack=touch /tmp/pwned' },
      // The server's folder is no git repository: a clear 400, not a half-made worktree.
      { prompt: 'x', agent: 'demo', worktree: true },
      { prompt: 42 },
      { prompt: '   ' },
      {},
    ];
    for (const b of bodies) {
      const res = await post('/api/actions/jobs', b);
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
    expect((await post('/api/actions/jobs', '{"prompt":')).status).toBe(400);
    expect((await post('/api/actions/jobs', '[1]')).status).toBe(400);
    expect((await post('/api/actions/jobs/abcd1234/answer', { answer: 'maybe' })).status).toBe(400);
    expect((await post('/api/orchestrator/start', { model: 'x y' })).status).toBe(400);
    expect(engine.jobsNow()).toEqual([]);
  });

  it('refuses bodies over the limit', async () => {
    const res = await post('/api/queue/tasks', { prompt: 'x'.repeat(MAX_BODY + 10) });
    expect(res.status).toBe(413);
    expect(engine.queue.list()).toEqual([]);
  });

  it('serves only the built page: traversal and symlinks out are 404', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>cc-agent</title>');
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/link.txt',
      '/%00index.html',
      '/nothing.js',
    ]) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('not for the browser');
    }
  });
});

describe('routes', () => {
  it('worktree routes: unknown jobs are 404 for state, diff, merge and resume', async () => {
    for (const path of ['/api/jobs/abcd1234/worktree', '/api/jobs/abcd1234/diff']) {
      expect((await call(path)).status, path).toBe(404);
    }
    for (const path of ['/api/actions/jobs/abcd1234/merge', '/api/actions/jobs/abcd1234/resume']) {
      expect((await post(path, {})).status, path).toBe(404);
    }
  });

  it('queue: add, list in order, report, remove; unknown ids are 404', async () => {
    const low = (await (
      await post('/api/queue/tasks', { prompt: 'low', priority: 1 })
    ).json()) as Task;
    const high = (await (
      await post('/api/queue/tasks', { prompt: 'high', priority: 9 })
    ).json()) as Task;
    const list = (await (await call('/api/queue/tasks')).json()) as Task[];
    expect(list.map((t) => t.prompt)).toEqual(['high', 'low']);
    expect((await post(`/api/queue/tasks/${high.id}/done`, { result: 'ok' })).status).toBe(200);
    expect((await (await call('/api/queue/tasks?status=done')).json()) as Task[]).toMatchObject([
      { id: high.id, result: 'ok' },
    ]);
    expect(
      (await call(`/api/queue/tasks/${low.id}`, { method: 'DELETE', headers: json })).status,
    ).toBe(200);
    expect(
      (await call('/api/queue/tasks/ffffffff', { method: 'DELETE', headers: json })).status,
    ).toBe(404);
    expect((await call('/api/queue/tasks?status=weird')).status).toBe(400);
    expect((await post('/api/queue/tasks', { prompt: 'x', priority: 1.5 })).status).toBe(400);
  });

  it('queue: a task with a name, prerequisites and a budget, as queue add takes them', async () => {
    const base = (await (
      await post('/api/queue/tasks', { prompt: 'schema', id: 'schema' })
    ).json()) as Task;
    expect(base.id).toBe('schema');
    const api = (await (
      await post('/api/queue/tasks', { prompt: 'api', id: 'api', after: ['schema'], budget: 2.5 })
    ).json()) as Task;
    expect(api).toMatchObject({
      id: 'api',
      after: ['schema'],
      waitingOn: ['schema'],
      budgetUsd: 2.5,
    });
    for (const [body, words] of [
      [{ prompt: 'x', after: 'schema' }, "field 'after' must be a list of task ids"],
      [{ prompt: 'x', budget: 'lots' }, "field 'budget' must be a number of USD"],
      [{ prompt: 'x', after: ['ghost'] }, "unknown task 'ghost'"],
      [{ prompt: 'x', id: 'schema' }, "task id 'schema' is taken"],
      [{ prompt: 'x', id: 'loop', after: ['loop'] }, 'cannot come after itself'],
    ] as const) {
      const res = await post('/api/queue/tasks', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      const error = ((await res.json()) as { error: string }).error;
      expect(error).toContain(words);
      // The page's words, not the CLI's flags.
      expect(error).not.toContain('--');
    }
  });

  it('triggers, approvals and modes: a confirm trigger approved once runs once', async () => {
    const t = await post('/api/triggers', {
      name: 'busy',
      kind: 'threshold',
      condition: 'queue_depth >= 1',
      action: 'queue_task',
      payload: { prompt: 'triage' },
      autonomy: 'confirm',
      cooldown: 600,
    });
    expect(t.status).toBe(201);
    expect(
      (
        await post('/api/triggers', {
          name: 'x',
          kind: 'cron',
          condition: '61 * * * *',
          action: 'notify',
        })
      ).status,
    ).toBe(400);
    engine.queue.add('something');
    await engine.triggers.tick();
    const [a] = (await (await call('/api/triggers/approvals')).json()) as { id: string }[];
    expect((await post(`/api/triggers/approvals/${a?.id}/approve`, {})).status).toBe(200);
    expect((await post(`/api/triggers/approvals/${a?.id}/approve`, {})).status).toBe(409);
    expect(engine.queue.list().filter((x) => x.prompt === 'triage')).toHaveLength(1);
    expect((await post('/api/triggers/busy/toggle', {})).status).toBe(200);
    const modes = (await (await call('/api/modes')).json()) as { name: string }[];
    expect(modes.map((m) => m.name)).toEqual(
      expect.arrayContaining(['dev', 'maintenance', 'sprint']),
    );
    expect((await post('/api/modes/dev/activate', {})).status).toBe(200);
    expect((await post('/api/modes/nope/activate', {})).status).toBe(404);
  });

  it('read routes answer with the engine’s figures', async () => {
    for (const path of [
      '/api/jobs',
      '/api/timeline?limit=5',
      '/api/activity',
      '/api/analytics?days=7',
      '/api/pulse/status',
      '/api/orchestrator/status',
      '/api/orchestrator/state',
    ]) {
      expect((await call(path)).status, path).toBe(200);
    }
    expect((await call('/api/jobs/abcd1234')).status).toBe(404);
    expect((await call('/api/analytics?days=0')).status).toBe(400);
    expect((await call('/api/timeline?limit=x')).status).toBe(400);
  });
});

describe('SSE /api/events', () => {
  async function* frames(res: Response) {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const f: Record<string, string> = {};
        for (const line of frame.split('\n')) {
          const m = /^(\w+): ?(.*)$/.exec(line);
          if (m) f[m[1] as string] = m[2] as string;
        }
        if (f['event']) yield f;
      }
    }
  }

  it('sends a snapshot, then deltas as they happen, and resumes from Last-Event-ID', async () => {
    const ctl = new AbortController();
    const res = await call('/api/events', { signal: ctl.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const it1 = frames(res);
    const snap = (await it1.next()).value as Record<string, string>;
    expect(snap['event']).toBe('snapshot');
    expect(JSON.parse(snap['data'] as string)).toHaveProperty('jobs');
    const task = engine.queue.add('streamed task');
    const delta = (await it1.next()).value as Record<string, string>;
    expect(delta['event']).toBe('queue_updated');
    expect(JSON.parse(delta['data'] as string)).toMatchObject({ id: task.id });
    ctl.abort();

    // Missed while away: another task; a client with the last id gets exactly that.
    const missed = engine.queue.add('missed task');
    const ctl2 = new AbortController();
    const again = await call('/api/events', {
      signal: ctl2.signal,
      headers: { 'last-event-id': delta['id'] as string },
    });
    const next = (await frames(again).next()).value as Record<string, string>;
    expect(next['event']).toBe('queue_updated');
    expect(JSON.parse(next['data'] as string)).toMatchObject({ id: missed.id });
    expect(Number(next['id'])).toBe(Number(delta['id']) + 1);
    ctl2.abort();
  });

  it('opens every stream with one shared snapshot, rebuilt only after a change', async () => {
    const open = async () => {
      const ctl = new AbortController();
      const res = await call('/api/events', { signal: ctl.signal });
      const first = (await frames(res).next()).value as Record<string, string>;
      ctl.abort();
      return first;
    };
    const first = await open();
    const built = server.snapshotBuilds();
    for (let i = 0; i < 10; i++) expect((await open())['data']).toBe(first['data']);
    expect(server.snapshotBuilds()).toBe(built);
    const task = engine.queue.add('changes the snapshot');
    const after = JSON.parse((await open())['data'] as string) as { tasks: { id: string }[] };
    expect(server.snapshotBuilds()).toBe(built + 1);
    expect(after.tasks.map((t) => t.id)).toContain(task.id);
    engine.queue.remove(task.id);
  });

  it('carries task previews, never whole prompts; the whole task is one GET away', async () => {
    const ctl = new AbortController();
    const it1 = frames(await call('/api/events', { signal: ctl.signal }));
    await it1.next(); // the snapshot
    const prompt = `${'é'.repeat(300)}${'x'.repeat(100_000)}`;
    const task = engine.queue.add(prompt);
    const delta = (await it1.next()).value as Record<string, string>;
    ctl.abort();
    expect(delta['event']).toBe('queue_updated');
    expect(JSON.parse(delta['data'] as string)).toMatchObject({
      id: task.id,
      prompt: 'é'.repeat(200),
      promptLength: 100_300,
    });
    const page = await call('/api/queue/tasks?preview=1&limit=1000');
    expect(page.headers.get('x-total-count')).toBe(String(engine.queue.list().length));
    const listed = ((await page.json()) as Task[]).find((t) => t.id === task.id);
    expect(listed?.prompt).toBe('é'.repeat(200));
    const one = await call('/api/queue/tasks?preview=1&limit=1&offset=1');
    expect((await one.json()) as Task[]).toHaveLength(1);
    expect(((await (await call(`/api/queue/tasks/${task.id}`)).json()) as Task).prompt).toBe(
      prompt,
    );
    expect((await call('/api/queue/tasks/ffffffff')).status).toBe(404);
    expect((await call('/api/jobs?offset=0&limit=5')).headers.get('x-total-count')).toBe('0');
    expect((await call('/api/queue/tasks?limit=0')).status).toBe(400);
    engine.queue.remove(task.id);
  });
});
