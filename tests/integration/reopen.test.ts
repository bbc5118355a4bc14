import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import {
  eventsOf,
  jobJson,
  startDemo,
  turnDone,
  waitForScreen,
  waitForStatus,
} from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A worker that printed the done marker is `completed`, but its agent waits at the prompt:
 * send, answer, clear and reuse talk to it again and move it back to running (real tmux, the
 * simulated agent, the real relay). Only a job whose session is gone is refused, with the
 * command that brings it back.
 */
describe('a finished agent can be talked to while its session lives', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('reopen');
  });
  afterAll(() => h.cleanup());

  const finished = async (done: string): Promise<string> => {
    const id = await startDemo(h, `Do the task [[done "${done}"]]`);
    const job = await waitForStatus(h, id, 'completed');
    expect(job.summary).toBe(done);
    return id;
  };
  const history = (id: string): { status: string; summary: string | null }[] => {
    const db = new Database(join(h.home, 'cc-agent.db'), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT status, data FROM job_history WHERE job_id = ? ORDER BY ended_at')
        .all(id) as { status: string; data: string }[];
      return rows.map((r) => ({ status: r.status, summary: (JSON.parse(r.data) as Job).summary }));
    } finally {
      db.close();
    }
  };
  const until = (id: string, ok: (j: Job) => boolean, what: string): Promise<Job> =>
    waitFor(async () => {
      const j = await jobJson(h, id);
      return ok(j) ? j : undefined;
    }, `job ${id}: ${what}`);

  it('send reopens a completed job; the next done marker completes it again; history keeps both', async () => {
    const id = await finished('first pass');
    await h.ok(['send', id, 'one more thing [[say "back at it"]]']);
    const back = await turnDone(h, id, 'back at it');
    expect(back.status).toBe('running');
    expect(back.endedAt).toBeNull();
    await h.ok(['send', id, 'now finish [[done "second pass"]]']);
    const again = await waitForStatus(h, id, 'completed');
    expect(again.summary).toBe('second pass');
    expect(history(id)).toEqual([
      { status: 'completed', summary: 'first pass' },
      { status: 'completed', summary: 'second pass' },
    ]);
    // The timeline holds both turns' done summaries too.
    const stops = (await eventsOf(h, id))
      .filter((e) => e.event === 'Stop')
      .map((e) => String(e.payload['last_assistant_message']));
    expect(stops.filter((m) => m.includes('[cc-agent:done]'))).toHaveLength(2);
    const activity = await h.ok(['activity', '--json']);
    expect(activity).toContain('"job_reopened"');
  });

  it('a completed job whose session was killed is refused with the resume hint', async () => {
    const id = await finished('done then gone');
    expect(h.tmux(['kill-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
    for (const args of [
      ['send', id, 'hello'],
      ['clear', id],
      ['reuse', id, 'another task'],
      ['answer', id, 'yes'],
    ]) {
      const r = await h.cli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toBe(
        `cc-agent: job ${id} is not running (completed) and its session is gone (cc-agent resume ${id})`,
      );
    }
    expect((await jobJson(h, id)).status).toBe('completed');
  });

  it('answer reopens a completed job that shows a permission question (and only then)', async () => {
    const id = await finished('asked later');
    const none = await h.cli(['answer', id, 'yes']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('is not showing a trust or permission question');
    expect((await jobJson(h, id)).status).toBe('completed');
    // Someone types to the agent in its own tmux window: it asks for permission.
    const target = `=cc-agent-${id}:`;
    const ask = '[[bash "curl -s --max-time 1 http://127.0.0.1:9/later || true"]] [[say "ran it"]]';
    expect(h.tmux(['send-keys', '-t', target, '-l', ask]).code).toBe(0);
    expect(h.tmux(['send-keys', '-t', target, 'Enter']).code).toBe(0);
    await waitForScreen(h, id, 'Do you want to proceed?');
    expect(await h.ok(['answer', id, 'yes'])).toContain('answered yes');
    const j = await until(id, (x) => x.status === 'running' && x.summary === 'ran it', 'the turn');
    expect(j.activity).toBe('waiting');
  });

  it('clear reopens a completed job with a fresh agent session', async () => {
    const id = await finished('cleared after');
    const before = (await jobJson(h, id)).sessionId;
    await h.ok(['clear', id]);
    const j = await jobJson(h, id);
    expect(j.status).toBe('running');
    expect(j.sessionId).not.toBe(before);
  });

  it('reuse gives a completed job a new task that completes it again', async () => {
    const id = await finished('old task');
    await h.ok(['reuse', id, 'the new task [[done "new task done"]]']);
    const j = await until(
      id,
      (x) => x.status === 'completed' && x.summary === 'new task done',
      'the new task to complete',
    );
    expect(j.promptPreview).toBe('the new task [[done "new task done"]]');
    expect(history(id).map((r) => r.summary)).toEqual(['old task', 'new task done']);
  });
});
