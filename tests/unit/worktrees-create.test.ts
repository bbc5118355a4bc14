import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addWorktree,
  branchFor,
  currentBranch,
  planWorktree,
  repoOf,
  restoreWorktree,
  validWorktreeName,
  WORKTREES_DIR,
} from '../../src/engine/worktrees/create.js';
import { gitPlace, type GitPlace } from '../helpers/git-ctx.js';

let g: GitPlace;
beforeEach(() => {
  g = gitPlace({ 'README.md': 'hello\n', 'src/a.ts': 'export const a = 1;\n' });
});
afterEach(() => g.cleanup());

describe('names', () => {
  it('accepts letters, digits, . _ - up to 64, not starting with a symbol', () => {
    for (const ok of ['a', 'fix-login', 'v1.2_rc', 'A'.repeat(64), '0abc'])
      expect(validWorktreeName(ok)).toBe(ok);
  });

  it('refuses the rest with one clear line', () => {
    for (const bad of [
      '',
      '-x',
      '.hidden',
      '_x',
      'a'.repeat(65),
      'has space',
      'a/b',
      'x.lock',
      'a..b',
      'ü',
    ]) {
      expect(() => validWorktreeName(bad), bad).toThrow(`invalid worktree name '${bad}'`);
    }
  });

  it('the branch is cc-agent/<id>', () => {
    expect(branchFor('0a1b2c3d')).toBe('cc-agent/0a1b2c3d');
  });
});

describe('repoOf', () => {
  it('finds the top, the main tree and the shared .git from a sub-folder', async () => {
    const place = await repoOf(g.ctx, join(g.repo, 'src'));
    expect(place).toEqual({ top: g.repo, main: g.repo, commonDir: join(g.repo, '.git') });
  });

  it('refuses a folder outside any repository', async () => {
    const outside = join(g.root, 'plain');
    mkdirSync(outside);
    await expect(repoOf(g.ctx, outside)).rejects.toMatchObject({
      code: 'refused',
      message: `--worktree: ${outside} is not in a git repository (git init it, or drop --worktree)`,
    });
  });
});

describe('planWorktree', () => {
  it('plans branch, path and base from HEAD on the current branch, creating nothing', async () => {
    const head = g.git(g.repo, 'rev-parse', 'HEAD');
    const plan = await planWorktree(g.ctx, g.repo, 'j1', {});
    const path = join(g.repo, WORKTREES_DIR, 'j1');
    expect(plan).toEqual({
      worktree: { repo: g.repo, path, branch: 'cc-agent/j1', base: head, baseRef: 'main' },
      runDir: path,
      top: g.repo,
      commonDir: join(g.repo, '.git'),
    });
    expect(existsSync(path)).toBe(false);
  });

  it('runs in the same sub-folder, reached through a symlink too', async () => {
    const link = join(g.root, 'link to src');
    symlinkSync(join(g.repo, 'src'), link);
    const plan = await planWorktree(g.ctx, link, 'j2', { name: 'feature-x' });
    expect(plan.worktree.path).toBe(join(g.repo, WORKTREES_DIR, 'feature-x'));
    expect(plan.runDir).toBe(join(g.repo, WORKTREES_DIR, 'feature-x', 'src'));
  });

  it('takes --base as given (a tag here) and a detached HEAD as its commit', async () => {
    g.git(g.repo, 'tag', 'v1');
    const tagged = await planWorktree(g.ctx, g.repo, 'j3', { base: 'v1' });
    expect(tagged.worktree.baseRef).toBe('v1');
    g.git(g.repo, 'checkout', '-q', '--detach');
    const detached = await planWorktree(g.ctx, g.repo, 'j4', {});
    expect(detached.worktree.baseRef).toBe(g.git(g.repo, 'rev-parse', 'HEAD'));
  });

  it('refuses a bad --base, an unknown one, an empty repository and a taken name', async () => {
    await expect(planWorktree(g.ctx, g.repo, 'j', { base: '' })).rejects.toMatchObject({
      code: 'bad_input',
    });
    await expect(planWorktree(g.ctx, g.repo, 'j', { base: '--upload-pack=x' })).rejects.toThrow(
      "invalid --base '--upload-pack=x'",
    );
    await expect(planWorktree(g.ctx, g.repo, 'j', { base: 'nope' })).rejects.toThrow(
      `--base 'nope' is not a commit in ${g.repo}`,
    );
    const empty = join(g.root, 'empty');
    mkdirSync(empty);
    g.git(empty, 'init', '-q');
    await expect(planWorktree(g.ctx, empty, 'j', {})).rejects.toThrow(
      `--worktree: ${empty} has no commits yet; commit something first`,
    );
    mkdirSync(join(g.repo, WORKTREES_DIR, 'taken'), { recursive: true });
    await expect(planWorktree(g.ctx, g.repo, 'j', { name: 'taken' })).rejects.toThrow(
      /worktree 'taken' already exists/,
    );
    await expect(planWorktree(g.ctx, g.repo, 'j', { name: 'bad name' })).rejects.toMatchObject({
      code: 'bad_input',
    });
  });
});

describe('addWorktree and restoreWorktree', () => {
  it('makes the worktree on its branch, hidden from the repository’s status', async () => {
    writeFileSync(join(g.repo, '.git', 'info', 'exclude'), '# mine\n*.log');
    const plan = await planWorktree(g.ctx, join(g.repo, 'src'), 'j1', {});
    await addWorktree(g.ctx, plan);
    expect(readFileSync(join(plan.runDir, 'a.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(await currentBranch(g.ctx, plan.worktree.path)).toBe('cc-agent/j1');
    expect(g.git(g.repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    // The exclude line is added once, after the user's own (which had no final newline).
    await addWorktree(g.ctx, await planWorktree(g.ctx, g.repo, 'j2', {}));
    expect(readFileSync(join(g.repo, '.git', 'info', 'exclude'), 'utf8')).toBe(
      '# mine\n*.log\n/.cc-agent/\n',
    );
  });

  it('creates the run folder when git checked nothing out there', async () => {
    mkdirSync(join(g.repo, 'untracked dir'));
    const plan = await planWorktree(g.ctx, join(g.repo, 'untracked dir'), 'j5', {});
    await addWorktree(g.ctx, plan);
    expect(existsSync(plan.runDir)).toBe(true);
    expect(plan.runDir).toBe(join(plan.worktree.path, 'untracked dir'));
  });

  it('refuses when the branch exists already, saying git’s reason', async () => {
    g.git(g.repo, 'branch', 'cc-agent/j6');
    const plan = await planWorktree(g.ctx, g.repo, 'j6', {});
    await expect(addWorktree(g.ctx, plan)).rejects.toThrow(
      /--worktree: cannot create .*: a branch named 'cc-agent\/j6' already exists/,
    );
  });

  it('puts back a worktree whose folder was deleted, with its committed work', async () => {
    const plan = await planWorktree(g.ctx, g.repo, 'j7', {});
    await addWorktree(g.ctx, plan);
    const w = plan.worktree;
    writeFileSync(join(w.path, 'new.txt'), 'work ✓\n');
    g.git(w.path, 'add', '.');
    g.git(w.path, 'commit', '-q', '-m', 'work');
    rmSync(w.path, { recursive: true, force: true });
    await restoreWorktree(g.ctx, w);
    expect(readFileSync(join(w.path, 'new.txt'), 'utf8')).toBe('work ✓\n');
    expect(await currentBranch(g.ctx, w.path)).toBe('cc-agent/j7');
    // Present already: nothing to do.
    await restoreWorktree(g.ctx, w);
    expect(existsSync(join(w.path, 'new.txt'))).toBe(true);
  });
});
