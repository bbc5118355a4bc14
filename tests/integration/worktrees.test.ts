import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, MergeResult, WorktreeState } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { git as gitRaw, gitOk as gitOkRaw, initRepo } from '../helpers/git-repo.js';
import { jobJson, startDemo, turnDone as turnDoneIn } from '../helpers/jobs.js';

type JobWithTree = Job & { worktreeState?: WorktreeState };

/**
 * Agents in git worktrees on real repositories: each on its own branch, diffs that show only
 * its work, merges that land or report a conflict without changing anything, and removal that
 * never throws away unmerged work unless told to.
 */
describe('git worktrees per agent', () => {
  let h: Harness;
  let repo: string;
  let a: string;
  let b: string;
  const git = (cwd: string, ...args: string[]) => gitRaw(h.env, cwd, ...args);
  const gitOk = (cwd: string, ...args: string[]) => gitOkRaw(h.env, cwd, ...args);
  const turnDone = (id: string, said: string) => turnDoneIn(h, id, said);
  const listed = async (): Promise<JobWithTree[]> =>
    JSON.parse(await h.ok(['jobs', '--json'])) as JobWithTree[];

  beforeAll(() => {
    h = createHarness('worktrees');
    repo = h.tempDir('repo with spaces');
    initRepo(h.env, repo, { 'shared.txt': 'base line\n', 'other.txt': 'untouched\n' });
  });
  afterAll(() => h.cleanup());

  it('two agents edit the same file in separate worktrees; each diff shows its own work', async () => {
    a = await startDemo(
      h,
      '[[write "shared.txt" "from agent A"]] [[write "a-only.txt" "new from A"]] [[say "A done"]]',
      ['-d', repo, '--worktree'],
    );
    b = await startDemo(h, '[[write "shared.txt" "from agent B"]] [[say "B done"]]', [
      '-d',
      repo,
      '--worktree',
      'bee',
    ]);
    const ja = await turnDone(a, 'A done');
    const jb = await turnDone(b, 'B done');
    expect(ja.worktree).toMatchObject({
      repo,
      path: join(repo, '.cc-agent', 'worktrees', a),
      branch: `cc-agent/${a}`,
      baseRef: 'main',
      base: gitOk(repo, 'rev-parse', 'main'),
    });
    expect(ja.dir).toBe(ja.worktree?.path);
    expect(jb.worktree?.path).toBe(join(repo, '.cc-agent', 'worktrees', 'bee'));
    expect(readFileSync(join(jb.dir, 'shared.txt'), 'utf8')).toBe('from agent B');
    // The user's checkout is untouched, and the worktrees stay out of its status.
    expect(readFileSync(join(repo, 'shared.txt'), 'utf8')).toBe('base line\n');
    expect(gitOk(repo, 'status', '--porcelain')).toBe('');

    const diffA = await h.ok(['diff', a]);
    expect(diffA).toContain('-base line');
    expect(diffA).toContain('+from agent A');
    expect(diffA).toMatch(/\+\+\+ b\/a-only\.txt[\s\S]*\+new from A/);
    expect(diffA).not.toContain('agent B');
    expect(diffA).not.toContain('other.txt');
    const diffB = await h.ok(['diff', b]);
    expect(diffB).toContain('+from agent B');
    expect(diffB).not.toContain('a-only.txt');
    expect(await h.ok(['diff', a, '--stat'])).toMatch(
      /a-only\.txt[\s\S]*shared\.txt[\s\S]*2 files changed/,
    );
    // The diff of new files went through a private index: the agent's own has nothing staged.
    expect(gitOk(ja.dir, 'diff', '--cached', '--name-only')).toBe('');

    const trees = new Map((await listed()).map((j) => [j.id, j.worktreeState]));
    expect(trees.get(a)).toMatchObject({
      dirty: 2,
      ahead: 0,
      behind: 0,
      target: 'main',
      merged: false,
    });
    expect(trees.get(b)).toMatchObject({ dirty: 1, ahead: 0, merged: false });
    const table = await h.ok(['jobs']);
    expect(table).toMatch(/BRANCH/);
    expect(table).toContain(`cc-agent/${a} · 2 dirty`);
  });

  it('the first merges cleanly; the second reports the conflict and changes nothing', async () => {
    const merged = await h.cli(['merge', a]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(new RegExp(`merged ${a} into main`));
    expect(readFileSync(join(repo, 'shared.txt'), 'utf8')).toBe('from agent A');
    expect(readFileSync(join(repo, 'a-only.txt'), 'utf8')).toBe('new from A');
    expect(gitOk(repo, 'rev-list', '--parents', '-n', '1', 'main').split(' ')).toHaveLength(3);
    expect(gitOk(repo, 'log', '-1', '--format=%s', 'main')).toMatch(`Merge cc-agent/${a}`);

    const mainBefore = gitOk(repo, 'rev-parse', 'main');
    const conflict = await h.cli(['merge', b]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/nothing was changed\. Conflicts in: shared\.txt/);
    const again = JSON.parse((await h.cli(['merge', b, '--json'])).stdout) as MergeResult;
    expect(again).toMatchObject({ status: 'conflict', target: 'main', conflicts: ['shared.txt'] });

    // Both sides intact: main where it was, B's work committed on its branch, no merge begun.
    expect(gitOk(repo, 'rev-parse', 'main')).toBe(mainBefore);
    expect(gitOk(repo, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(repo, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(gitOk(repo, 'show', `cc-agent/${b}:shared.txt`)).toBe('from agent B');
    expect(gitOk(repo, 'rev-parse', '--verify', `cc-agent/${a}`)).toMatch(/^[0-9a-f]{40}$/);
    const jb = await jobJson(h, b);
    expect(readFileSync(join(jb.dir, 'shared.txt'), 'utf8')).toBe('from agent B');
    const states = new Map((await listed()).map((j) => [j.id, j.worktreeState]));
    expect(states.get(a)).toMatchObject({ ahead: 0, merged: true });
    expect(states.get(b)).toMatchObject({ ahead: 1, behind: 2, dirty: 0, merged: false });
  });

  it('clean and delete refuse a worktree holding unmerged commits; --force removes it', async () => {
    await h.ok(['kill', a]);
    await h.ok(['kill', b]);
    const pathA = (await jobJson(h, a)).dir;
    const pathB = (await jobJson(h, b)).dir;
    const cleaned = await h.cli(['clean', '--older-than', '0s']);
    expect(cleaned.code).toBe(1);
    expect(cleaned.stdout).toMatch(
      /^removed 1 job that ended before [\d-]+ [\d:]+ \(older than 0s\)\n$/,
    );
    expect(cleaned.stderr).toContain(
      `kept ${b}: its worktree holds unmerged work (1 commit not in main)`,
    );
    // The merged one went with its branch; the unmerged one stayed whole.
    expect(existsSync(pathA)).toBe(false);
    expect(git(repo, 'rev-parse', '--verify', '--quiet', `refs/heads/cc-agent/${a}`).code).not.toBe(
      0,
    );
    expect(existsSync(pathB)).toBe(true);
    expect(gitOk(repo, 'show', `cc-agent/${b}:shared.txt`)).toBe('from agent B');

    const refused = await h.cli(['delete', b]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/holds unmerged work \(1 commit not in main\).*--force/);
    expect(existsSync(pathB)).toBe(true);

    await h.ok(['delete', b, '--force']);
    expect(existsSync(pathB)).toBe(false);
    expect(git(repo, 'rev-parse', '--verify', '--quiet', `refs/heads/cc-agent/${b}`).code).not.toBe(
      0,
    );
    expect(gitOk(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  });

  it('--base forks from another branch, and merge lands there even when it is not checked out', async () => {
    gitOk(repo, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'feature.txt'), 'feature work\n');
    gitOk(repo, 'add', 'feature.txt');
    gitOk(repo, 'commit', '-q', '-m', 'feature');
    gitOk(repo, 'checkout', '-q', 'main');
    const c = await startDemo(h, '[[write "c.txt" "from C"]] [[say "C done"]]', [
      '-d',
      repo,
      '--worktree=cee',
      '--base',
      'feature',
    ]);
    const jc = await turnDone(c, 'C done');
    expect(jc.worktree).toMatchObject({
      baseRef: 'feature',
      base: gitOk(repo, 'rev-parse', 'feature'),
    });
    expect(readFileSync(join(jc.dir, 'feature.txt'), 'utf8')).toBe('feature work\n');
    const diff = await h.ok(['diff', c]);
    expect(diff).toContain('+from C');
    expect(diff).not.toContain('feature.txt');

    const mainBefore = gitOk(repo, 'rev-parse', 'main');
    const r = JSON.parse(await h.ok(['merge', c, '--json'])) as MergeResult;
    expect(r).toMatchObject({ status: 'merged', target: 'feature', savedWork: true });
    expect(gitOk(repo, 'rev-parse', 'feature')).toBe(r.commit);
    expect(gitOk(repo, 'show', 'feature:c.txt')).toBe('from C');
    expect(gitOk(repo, 'rev-parse', 'main')).toBe(mainBefore);
    expect(existsSync(join(repo, 'c.txt'))).toBe(false);
    expect((await h.cli(['merge', c])).stdout).toMatch(/feature already has all of/);
  });

  it('refuses to merge over uncommitted changes in the checkout of the target', async () => {
    const d = await startDemo(h, '[[write "d.txt" "from D"]] [[say "D done"]]', [
      '-d',
      repo,
      '--worktree',
    ]);
    await turnDone(d, 'D done');
    writeFileSync(join(repo, 'other.txt'), 'my own unsaved edit\n');
    const r = await h.cli(['merge', d]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/has uncommitted changes; commit or stash them/);
    expect(readFileSync(join(repo, 'other.txt'), 'utf8')).toBe('my own unsaved edit\n');
    expect(existsSync(join(repo, 'd.txt'))).toBe(false);
    gitOk(repo, 'checkout', '--', 'other.txt');
  });

  it('runs in the same sub-folder of its worktree as it was started in, tracked or not', async () => {
    const sub = join(repo, 'not tracked yet');
    mkdirSync(sub);
    const e = await startDemo(h, '[[say "in the sub-folder"]]', ['-d', sub, '--worktree']);
    const je = await turnDone(e, 'in the sub-folder');
    expect(je.dir).toBe(join(repo, '.cc-agent', 'worktrees', e, 'not tracked yet'));
    await h.ok(['kill', e]);
    await h.ok(['delete', e]);
    expect(existsSync(join(repo, '.cc-agent', 'worktrees', e))).toBe(false);

    // The same folder reached through a symlink (git answers with real paths).
    const link = join(h.tempDir('links'), 'repo-link');
    symlinkSync(repo, link);
    const f = await startDemo(h, '[[say "through the link"]]', [
      '-d',
      join(link, 'not tracked yet'),
      '--worktree',
    ]);
    expect((await turnDone(f, 'through the link')).dir).toBe(
      join(repo, '.cc-agent', 'worktrees', f, 'not tracked yet'),
    );
    await h.ok(['kill', f]);
    await h.ok(['delete', f]);
  });

  it('bad input gets one clear line, a non-zero exit, and leaves no job or branch behind', async () => {
    const before = (await listed()).length;
    const branches = () => gitOk(repo, 'branch', '--list', 'cc-agent/*');
    const branchesBefore = branches();
    const plain = h.tempDir('not a repo');
    const cases: [string[], RegExp][] = [
      [
        ['-d', plain, '--worktree'],
        /--worktree: .* is not in a git repository \(git init it, or drop --worktree\)/,
      ],
      [
        ['-d', repo, '--worktree', '--base', 'no-such-branch'],
        /--base 'no-such-branch' is not a commit in /,
      ],
      [['-d', repo, '--base', 'main'], /--base needs --worktree/],
      [['-d', repo, '--worktree=../escape'], /invalid worktree name '\.\.\/escape'/],
      [['-d', repo, '--worktree', 'cee'], /worktree 'cee' already exists/],
    ];
    for (const [flags, message] of cases) {
      const r = await h.cli(['start', '--agent', 'demo', ...flags, '--', 'hello']);
      expect(r.code, flags.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect((await listed()).length).toBe(before);
    expect(branches()).toBe(branchesBefore);

    const noTree = await startDemo(h, '[[say "plain"]]', ['-d', plain]);
    for (const cmd of ['diff', 'merge']) {
      const r = await h.cli([cmd, noTree]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(`job ${noTree} has no worktree (it was started without --worktree)`);
      const unknown = await h.cli([cmd, 'nope1234']);
      expect(unknown.stderr).toMatch(/no job with id 'nope1234'/);
    }
  });
});
