import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { userPrompts } from '../helpers/demo-transcript.js';
import { gitOk, initRepo } from '../helpers/git-repo.js';
import {
  READY,
  eventsOf,
  jobJson,
  startDemo,
  turnDone as turnDoneIn,
  waitForScreen,
} from '../helpers/jobs.js';
import { killTmuxServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A reboot costs nothing: when the tmux server goes away under running agents, `resume`
 * relaunches each on its own agent session, in its own folder or worktree, with its history.
 */
describe('resume after the tmux server is gone', () => {
  let h: Harness;
  const turnDone = (id: string, said: string) => turnDoneIn(h, id, said);

  beforeAll(() => {
    h = createHarness('resume');
  });
  afterAll(() => h.cleanup());

  it('resume --all brings a cut-off agent back on the same session, with its history', async () => {
    const dir = h.tempDir('project with spaces');
    const id = await startDemo(h, '[[say "the answer is 42"]]', ['-d', dir]);
    const before = await turnDone(id, 'the answer is 42');
    // An agent the user killed on purpose is not brought back.
    const killed = await startDemo(h, '[[say "bye"]]', ['-d', dir]);
    await turnDone(killed, 'bye');
    await h.ok(['kill', killed]);

    killTmuxServer(h.socket);
    const cut = await waitFor(async () => {
      const j = await jobJson(h, id);
      return j.status === 'failed' ? j : undefined;
    }, 'the job to be seen as cut off');
    expect(cut.error).toMatch(/tmux session disappeared/);

    const out = await h.ok(['resume', '--all']);
    expect(out).toBe(`resumed ${id} (demo, session ${before.sessionId})`);
    // The history is drawn before the input box (the agent's SessionStart hook runs between):
    // once it is ready, its history is on screen.
    const screen = await waitForScreen(h, id, READY);
    expect(screen).toMatch(READY);
    expect(screen).toContain('the answer is 42');
    const after = await jobJson(h, id);
    expect(after).toMatchObject({
      status: 'running',
      sessionId: before.sessionId,
      dir,
      error: null,
      exitCode: null,
    });
    expect((await jobJson(h, killed)).status).toBe('killed');
    const starts = (await eventsOf(h, id)).filter((e) => e.event === 'SessionStart');
    expect(starts.map((e) => [e.payload['source'], e.sessionId])).toEqual([
      ['startup', before.sessionId],
      ['resume', before.sessionId],
    ]);

    // The conversation carries on in the same session.
    await h.ok(['send', id, '[[say "still here"]]']);
    await turnDone(id, 'still here');
    expect(userPrompts(h.home, before.sessionId as string)).toEqual([
      '[[say "the answer is 42"]]',
      '[[say "still here"]]',
    ]);
    expect((await h.ok(['resume', '--all'])).trim()).toBe('nothing to resume');
  });

  it('resume <id> puts back a worktree whose folder went, from its branch', async () => {
    const repo = h.tempDir('repo');
    initRepo(h.env, repo, { 'readme.txt': 'hi\n' });
    const id = await startDemo(h, '[[say "in my worktree"]]', ['-d', repo, '--worktree']);
    const before: Job = await turnDone(id, 'in my worktree');
    killTmuxServer(h.socket);
    rmSync(before.dir, { recursive: true, force: true });

    expect(await h.ok(['resume', id])).toBe(`resumed ${id} (demo, session ${before.sessionId})`);
    await waitForScreen(h, id, 'in my worktree');
    const after = await jobJson(h, id);
    expect(after).toMatchObject({
      status: 'running',
      dir: before.dir,
      sessionId: before.sessionId,
    });
    expect(gitOk(h.env, before.dir, 'symbolic-ref', '--short', 'HEAD')).toBe(`cc-agent/${id}`);

    const again = await h.cli(['resume', id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(`job ${id} is still running in tmux session cc-agent-${id}`);
  });

  it('bad input: unknown ids and --all with an id', async () => {
    const unknown = await h.cli(['resume', 'nope1234']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no job with id 'nope1234'/);
    const both = await h.cli(['resume', '--all', 'abc']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toMatch(/resume --all takes no job id/);
    const none = await h.cli(['resume']);
    expect(none.stderr).toMatch(/missing job id/);
  });
});
