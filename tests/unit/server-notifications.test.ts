import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { createApp } from '../../src/server/app.js';
import { noteLine, type Note } from '../../src/view/notes.js';
import { fakeJob } from '../helpers/job-fixture.js';

/**
 * GET /api/notifications on a real store: the notes the server saw, newest first, made by the
 * rules and in the words of the TUI's Notifications panel.
 */
const TOKEN = 'b'.repeat(64);
let base: string;
let engine: Engine;
let server: ReturnType<typeof createApp>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cc-notes-route-'));
  engine = createEngine({
    home: join(base, 'home'),
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: `cc-notes-unused-${process.pid}` },
  });
  server = createApp(engine, { token: TOKEN, host: '127.0.0.1', port: () => 3131, cwd: base });
});
afterAll(() => {
  server.close();
  engine.close();
  rmSync(base, { recursive: true, force: true });
});

const get = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  server.app.request('/api/notifications', { headers: { host: '127.0.0.1:3131', ...headers } });

describe('the notifications route', () => {
  it('wants the token', async () => {
    expect((await get({})).status).toBe(401);
  });

  it("lists what happened newest first, in the TUI panel's words", async () => {
    expect(await (await get()).json()).toEqual([]);
    engine.triggers.add({
      name: 'backlog',
      kind: 'threshold',
      condition: 'queue_depth >= 1',
      action: 'queue_task',
      payload: '{"prompt":"triage the backlog"}',
      autonomy: 'confirm',
    });
    engine.queue.add('something');
    await engine.triggers.tick();
    engine.events.emit('job_failed', fakeJob('f00d', { status: 'failed', error: 'agent exited' }));
    engine.events.emit('notification', { title: 'Deploy', message: 'went out', at: '' });
    // A decided approval makes no note.
    engine.events.emit('approval_updated', { id: 'x', status: 'approved' });
    const notes = (await (await get()).json()) as Note[];
    expect(notes.map((n) => noteLine(n).replace(/^\d\d:\d\d:\d\d {2}/, ''))).toEqual([
      'Deploy: went out',
      'Job f00d failed: task of f00d — agent exited',
      'Approval needed: trigger backlog wants to queue a task (queue_depth >= 1 (now 1)) — 5 to decide',
    ]);
  });
});
