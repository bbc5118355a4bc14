import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Worktree } from '../../src/engine/store/job-types.js';
import { addWorktree, planWorktree } from '../../src/engine/worktrees/create.js';
import { mergeWorktree } from '../../src/engine/worktrees/merge.js';
import { gitPlace, type GitPlace } from '../helpers/git-ctx.js';

let g: GitPlace;
let w: Worktree;
beforeEach(async () => {
  g = gitPlace({ 'shared.txt': 'line 1\n', 'README.md': 'hello\n' });
  const plan = await planWorktree(g.ctx, g.repo, 'j1', {});
  await addWorktree(g.ctx, plan);
  w = plan.worktree;
});
afterEach(() => g.cleanup());

/** Commit `files` in `cwd` (the test's own identity). */
function commit(cwd: string, files: Record<string, string>, message: string): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  g.git(cwd, 'add', '-A');
  g.git(cwd, 'commit', '-q', '-m', message);
  return g.git(cwd, 'rev-parse', 'HEAD');
}
const parents = (rev: string): string[] =>
  g.git(g.repo, 'rev-list', '--parents', '-n', '1', rev).split(' ').slice(1);

describe('mergeWorktree: clean merges', () => {
  it('merges into the checked-out target with a real merge commit and the message given', async () => {
    const agent = commit(w.path, { 'feature.txt': 'new ✓\n' }, 'agent work');
    const before = g.git(g.repo, 'rev-parse', 'main');
    const r = await mergeWorktree(g.ctx, w, 'Merge the agent’s work');
    expect(r).toEqual({
      status: 'merged',
      target: 'main',
      commit: g.git(g.repo, 'rev-parse', 'main'),
      conflicts: [],
      savedWork: false,
    });
    expect(parents('main')).toEqual([before, agent]);
    expect(g.git(g.repo, 'log', '-1', '--format=%s', 'main')).toBe('Merge the agent’s work');
    // Made in the main working tree, so its files are there and it stays clean.
    expect(readFileSync(join(g.repo, 'feature.txt'), 'utf8')).toBe('new ✓\n');
    expect(g.git(g.repo, 'status', '--porcelain')).toBe('');
  });

  it('commits the agent’s uncommitted work first, untracked files included', async () => {
    writeFileSync(join(w.path, 'README.md'), 'hello, edited\n');
    writeFileSync(join(w.path, 'untracked file.txt'), 'u\n');
    const r = await mergeWorktree(g.ctx, w, 'merge');
    expect(r.status).toBe('merged');
    expect(r.savedWork).toBe(true);
    const saved = g.git(g.repo, 'log', '-1', '--format=%s|%an', w.branch);
    // No identity in this HOME: cc-agent's own is used.
    expect(saved).toBe('cc-agent: uncommitted work in cc-agent/j1|cc-agent');
    expect(readFileSync(join(g.repo, 'untracked file.txt'), 'utf8')).toBe('u\n');
    expect(g.git(w.path, 'status', '--porcelain')).toBe('');
  });

  it('with the target checked out nowhere, writes the merge commit and moves the branch', async () => {
    const agent = commit(w.path, { 'feature.txt': 'x\n' }, 'agent work');
    g.git(g.repo, 'checkout', '-q', '-b', 'elsewhere');
    const mainBefore = g.git(g.repo, 'rev-parse', 'main');
    const r = await mergeWorktree(g.ctx, w, 'merged without a checkout');
    expect(r.status).toBe('merged');
    expect(r.commit).toBe(g.git(g.repo, 'rev-parse', 'main'));
    expect(parents('main')).toEqual([mainBefore, agent]);
    expect(g.git(g.repo, 'show', 'main:feature.txt')).toBe('x');
    // The working tree on the other branch is untouched.
    expect(existsSync(join(g.repo, 'feature.txt'))).toBe(false);
    expect(g.git(g.repo, 'log', '-1', '--format=%an', 'main')).toBe('cc-agent');
  });

  it('is up to date when the agent made no commit and left nothing uncommitted', async () => {
    const before = g.git(g.repo, 'rev-parse', 'main');
    expect(await mergeWorktree(g.ctx, w, 'm')).toEqual({
      status: 'up-to-date',
      target: 'main',
      conflicts: [],
      savedWork: false,
    });
    expect(g.git(g.repo, 'rev-parse', 'main')).toBe(before);
  });
});

describe('mergeWorktree: nothing changed', () => {
  it('a conflict is reported with the files, and neither branch nor tree moves', async () => {
    commit(w.path, { 'shared.txt': 'agent\n', 'only agent.txt': 'a\n' }, 'agent');
    commit(g.repo, { 'shared.txt': 'user\n' }, 'user');
    const main = g.git(g.repo, 'rev-parse', 'main');
    const r = await mergeWorktree(g.ctx, w, 'm');
    expect(r).toEqual({
      status: 'conflict',
      target: 'main',
      conflicts: ['shared.txt'],
      savedWork: false,
    });
    expect(g.git(g.repo, 'rev-parse', 'main')).toBe(main);
    expect(existsSync(join(g.repo, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(readFileSync(join(g.repo, 'shared.txt'), 'utf8')).toBe('user\n');
  });

  it('refuses while the target’s working tree has uncommitted tracked changes', async () => {
    commit(w.path, { 'feature.txt': 'x\n' }, 'agent');
    writeFileSync(join(g.repo, 'README.md'), 'half-done edit\n');
    await expect(mergeWorktree(g.ctx, w, 'm')).rejects.toMatchObject({
      code: 'blocked',
      message: `${g.repo} (on main) has uncommitted changes; commit or stash them, then merge again`,
    });
    expect(readFileSync(join(g.repo, 'README.md'), 'utf8')).toBe('half-done edit\n');
  });

  it('says git’s reason when an untracked file is in the way', async () => {
    commit(w.path, { 'feature.txt': 'agent\n' }, 'agent');
    writeFileSync(join(g.repo, 'feature.txt'), 'mine, untracked\n');
    await expect(mergeWorktree(g.ctx, w, 'm')).rejects.toThrow(
      `git merge in ${g.repo}: The following untracked working tree files would be overwritten by merge:`,
    );
    expect(readFileSync(join(g.repo, 'feature.txt'), 'utf8')).toBe('mine, untracked\n');
  });

  it('refuses a base that is not a branch, and a branch that is gone', async () => {
    await expect(mergeWorktree(g.ctx, { ...w, baseRef: 'v1.0' }, 'm')).rejects.toMatchObject({
      code: 'refused',
      message: "the worktree's base 'v1.0' is not a branch; merge cc-agent/j1 yourself",
    });
    await expect(
      mergeWorktree(g.ctx, { ...w, branch: 'cc-agent/gone' }, 'm'),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: 'branch cc-agent/gone is gone',
    });
  });
});
