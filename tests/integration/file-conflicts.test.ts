import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictReport } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startDemo, turnDone, waitForScreen, waitForStatus } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * File leases through the real hook path: simulated agents on real tmux run the real relay on
 * PreToolUse, which takes (or is refused) a lease; the engine mirrors it and reports conflicts.
 */
describe('file leases and conflicts', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('conflicts');
  });
  afterAll(() => h?.cleanup());

  const report = async (extra: string[] = []): Promise<ConflictReport> =>
    JSON.parse(await h.ok(['conflicts', '--json', ...extra])) as ConflictReport;
  const leaseDirs = (): string[] => {
    const dir = join(h.home, 'file-leases');
    return existsSync(dir) ? readdirSync(dir).filter((d) => !d.startsWith('.')) : [];
  };
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-C', cwd, '-c', 'user.email=t@t', '-c', 'user.name=t', ...args], {
      encoding: 'utf8',
    });

  it('two agents editing one file: one file_conflict, reported by conflicts (--json and text)', async () => {
    const dir = h.tempDir('shared dir');
    const a = await startDemo(h, '[[write notes.txt "from A"]] [[say "A wrote"]]', ['-d', dir]);
    await turnDone(h, a, 'A wrote');
    expect((await report()).leases).toMatchObject([
      { jobId: a, path: join(dir, 'notes.txt'), mode: 'warn' },
    ]);
    const b = await startDemo(h, '[[write notes.txt "from B"]] [[say "B wrote"]]', ['-d', dir]);
    await turnDone(h, b, 'B wrote');
    // warn: the edit went through, and was reported once.
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('from B');
    const r = await report();
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({
      holder: a,
      jobId: b,
      path: join(dir, 'notes.txt'),
      attempts: 1,
      refused: 0,
      endedAt: null,
    });
    const text = await h.ok(['conflicts', '--no-forecast']);
    expect(text).toContain(`${b} edits ${join(dir, 'notes.txt')}, held by ${a}`);
    expect(text).not.toContain('Predicted');

    // B edits again: the same episode counts it, no second conflict.
    await h.ok(['send', b, '[[edit notes.txt "from B" "B again"]] [[say "B again"]]']);
    await turnDone(h, b, 'B again');
    expect((await report()).conflicts).toMatchObject([{ attempts: 2 }]);

    // Releasing A's lease ends the episode; B's next edit takes the file.
    expect(await h.ok(['conflicts', 'release', a])).toBe('released 1 lease');
    expect((await report()).conflicts).toEqual([]);
    expect((await report(['--all'])).conflicts[0]?.endedAt).not.toBeNull();
    await h.ok(['send', b, '[[edit notes.txt "B again" "B owns it"]] [[say "B owns"]]']);
    await turnDone(h, b, 'B owns');
    expect((await report()).leases).toMatchObject([{ jobId: b }]);
    expect((await report()).conflicts).toEqual([]);

    // A job that ends lets go of its files (and its directory under file-leases/ goes).
    await h.ok(['kill', b]);
    await waitFor(async () => {
      const now = await report();
      return now.leases.length === 0 ? now : undefined;
    }, 'the killed job to let go of its lease');
    expect(leaseDirs()).toEqual([]);
    await h.ok(['kill', a]);
  });

  it('block: the second agent is refused through its PreToolUse hook and the file keeps the first edit', async () => {
    const dir = h.tempDir('block');
    const a = await startDemo(h, '[[write plan.md "first"]] [[say "A done"]]', [
      '-d',
      dir,
      '--exclusive-files',
    ]);
    await turnDone(h, a, 'A done');
    const b = await startDemo(h, '[[write plan.md "second"]] [[say "B done"]]', ['-d', dir]);
    const screen = await waitForScreen(h, b, 'hook blocked this');
    expect(screen).toContain(`is being edited by agent ${a}`);
    await turnDone(h, b, 'B done');
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toBe('first');
    expect((await report()).conflicts).toMatchObject([{ holder: a, jobId: b, refused: 1 }]);

    // The global setting refuses for every job, also ones started before it was set.
    const c = await startDemo(h, '[[write other.md "c"]] [[say "C done"]]', ['-d', dir]);
    await turnDone(h, c, 'C done');
    await h.ok(['settings', 'conflicts.mode', 'block']);
    await h.ok(['send', b, '[[write other.md "b"]] [[say "B refused"]]']);
    await turnDone(h, b, 'B refused');
    expect(readFileSync(join(dir, 'other.md'), 'utf8')).toBe('c');
    const bad = await h.cli(['settings', 'conflicts.mode', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      "cc-agent: invalid conflicts.mode 'maybe' (expected one of: warn, block)",
    );
    await h.ok(['settings', 'conflicts.mode', 'warn']);
    expect(existsSync(join(h.home, 'file-leases', '.block'))).toBe(false);
    for (const id of [a, b, c]) await h.ok(['kill', id]);
  });

  it('worktree agents share leases by repository path; a predicted merge conflict shows before merge', async () => {
    const repo = h.tempDir('repo');
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'app.txt'), 'base\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'init');
    const commit = (who: string): string =>
      `[[write app.txt "from ${who}"]] [[bash "git add -A && git -c user.email=t@t -c user.name=t commit -qm ${who}"]] [[say "${who} committed"]]`;
    const a = await startDemo(h, commit('A'), ['-d', repo, '--worktree']);
    await turnDone(h, a, 'A committed');
    // Committed: nothing uncommitted is held once the turn ended.
    await waitFor(async () => {
      const r = await report(['--no-forecast']);
      return r.leases.length === 0 ? r : undefined;
    }, 'A to let go of its committed file');
    const b = await startDemo(h, commit('B'), ['-d', repo, '--worktree']);
    await turnDone(h, b, 'B committed');
    const r = await report();
    expect(r.forecasts).toEqual([
      expect.objectContaining({ repo, job: expect.any(String), files: ['app.txt'] }),
    ]);
    const pair = [r.forecasts[0]?.job, (r.forecasts[0]?.against as { job: string }).job].sort();
    expect(pair).toEqual([a, b].sort());
    expect(await h.ok(['conflicts'])).toMatch(
      /Predicted merge conflicts \(1\)\n {2}\S+ vs job \S+: app\.txt/,
    );
    // An uncommitted edit in one worktree and one in the other: the same repository path.
    await h.ok(['send', a, '[[write app.txt "A again"]] [[say "A again"]]']);
    await turnDone(h, a, 'A again');
    await h.ok(['send', b, '[[write app.txt "B again"]] [[say "B again"]]']);
    await turnDone(h, b, 'B again');
    expect((await report(['--no-forecast'])).conflicts).toMatchObject([
      { holder: a, jobId: b, key: expect.stringMatching(/^[0-9a-f]{12}:app\.txt$/) },
    ]);
    for (const id of [a, b]) await h.ok(['kill', id]);
    await waitForStatus(h, b, 'killed');
  });

  it('release refuses what it cannot do in one line', async () => {
    const none = await h.cli(['conflicts', 'release']);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe(
      'cc-agent: conflicts release takes one of: <job>, --file <path>, --all',
    );
    const missing = await h.cli(['conflicts', 'release', '--file', 'no such file.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain("no lease on '");
    const ghost = await h.cli(['conflicts', 'release', 'ghost']);
    expect(ghost.stderr.trim()).toBe("cc-agent: no job with id 'ghost' (see: cc-agent jobs)");
    const sub = await h.cli(['conflicts', 'frob']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("unknown conflicts subcommand 'frob'");
  });
});
