import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/index.js';
import { claudeWorld, type ClaudeWorld } from '../helpers/claude-world.js';
import { gitOk, initRepo } from '../helpers/git-repo.js';
import { CLAUDE_VERSION } from '../helpers/real-claude.js';
import { killTmuxServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The real Claude Code (pinned) in a worktree of a folder it trusts: no trust question (the
 * worktree lies inside the trusted repository), its edit lands in the worktree and comes back
 * through diff and merge; after its tmux server dies, resume brings the same conversation back.
 */
describe(`real Claude Code ${CLAUDE_VERSION} in a worktree, resumed after its tmux server died`, () => {
  let w: ClaudeWorld;
  beforeAll(async () => {
    w = await claudeWorld('real-wt');
    initRepo(w.env, w.dir, { 'readme.txt': 'base\n' });
  }, 600_000);
  afterAll(async () => {
    await w.close();
  });

  const cli = (args: string[]) => w.h.ok(args, { env: w.env });
  const until = (id: string, ok: (j: Job) => boolean, what: string) =>
    waitFor(
      async () => {
        const j = JSON.parse(await cli(['status', id, '--json'])) as Job;
        return ok(j) ? j : undefined;
      },
      `job ${id}: ${what}`,
      30_000,
    );

  it('works in its worktree without a trust question; diff and merge bring its edit back', async () => {
    const id = await cli([
      'start',
      '--agent',
      'claude',
      '-d',
      w.dir,
      '--worktree',
      '--',
      'Make a file [[write "made.txt" "hello from the worktree"]] [[say "wrote it"]]',
    ]);
    const j = await until(
      id,
      (x) => x.activity === 'blocked' || (x.activity === 'waiting' && x.summary === 'wrote it'),
      'the first turn (or a question)',
    );
    expect(j.activity).toBe('waiting');
    expect(j.dir).toBe(join(w.dir, '.cc-agent', 'worktrees', id));
    expect(readFileSync(join(j.dir, 'made.txt'), 'utf8')).toBe('hello from the worktree');
    expect(await cli(['diff', id])).toContain('+hello from the worktree');

    killTmuxServer(w.h.socket);
    await until(id, (x) => x.status === 'failed', 'cut off');
    expect(await cli(['resume', id])).toBe(`resumed ${id} (claude, session ${j.sessionId})`);
    await until(id, (x) => x.status === 'running' && x.activity !== 'starting', 'back');
    await cli(['send', id, 'Again [[say "resumed and here"]]']);
    const back = await until(id, (x) => x.summary === 'resumed and here', 'a turn after resume');
    expect(back.sessionId).toBe(j.sessionId);
    // The stub saw the earlier exchange again: the conversation really carried on.
    const last = w.stub.requests.at(-1);
    expect(JSON.stringify(last)).toContain('hello from the worktree');

    await cli(['kill', id]);
    expect(await cli(['merge', id])).toMatch(new RegExp(`^merged ${id} into main`));
    expect(readFileSync(join(w.dir, 'made.txt'), 'utf8')).toBe('hello from the worktree');
    expect(gitOk(w.env, w.dir, 'log', '-1', '--format=%s')).toContain(`Merge cc-agent/${id}`);
  });
});
