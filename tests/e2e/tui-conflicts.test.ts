import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startConflict, startDemo, turnDone } from '../helpers/jobs.js';
import { startTui, type TuiDriver } from '../helpers/tui.js';

/**
 * A file conflict in the TUI through real tmux at 150×40: the second agent's row carries the
 * mark, the header counts it, C opens the Conflicts panel in the shared words, and the
 * notification reaches the Notifications panel.
 */
describe('file conflicts in the TUI', () => {
  let h: Harness;
  let tui: TuiDriver;
  let c: { first: string; second: string; file: string };

  beforeAll(async () => {
    h = createHarness('tuiconflicts');
    tui = startTui(h, { size: { x: 150, y: 40 } });
    await tui.waitFor('the jobs panel', (s) => s.includes('ID       STATE'));
    c = await startConflict(h);
  }, 120_000);
  afterAll(() => h?.cleanup());

  const row = (s: string, id: string): string =>
    s.split('\n').find((l) => l.trimStart().startsWith(`${id} `) || l.includes(` ${id} `)) ?? '';

  it("marks both agents' rows and counts the conflict in the header", async () => {
    const s = await tui.waitFor(
      'the conflict on the rows',
      (x) => row(x, c.second).includes('⚠ 1 file') && row(x, c.first).includes('⚠ 1 file'),
    );
    expect(s).toContain('1 file conflict ·');
    expect(s).toMatch(/C Conflicts \(1\)/);
  });

  it('C shows the Conflicts panel: who came second, the file, who holds it', async () => {
    tui.keys('C');
    const s = await tui.waitFor('the conflicts panel', (x) =>
      x.includes(`${c.second} edits ${c.file}, held by ${c.first}`),
    );
    for (const l of s.split('\n')) expect(l.length).toBeLessThanOrEqual(150);
    tui.keys('8');
    await tui.waitFor('the notification', (x) => x.includes(`file conflict: ${c.file}`));
  });

  it('the panel empties when the holder lets go', async () => {
    await h.ok(['conflicts', 'release', c.first]);
    tui.keys('C');
    await tui.waitFor('no conflicts', (x) => x.includes('no two live agents edit the same file'));
  });

  it("lists the merge conflict git predicts between two worktree agents' commits", async () => {
    const repo = h.tempDir('repo');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.email=t@t', '-c', 'user.name=t', ...args]);
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'app.txt'), 'base\n');
    git('add', '.');
    git('commit', '-qm', 'init');
    const commit = (who: string): string =>
      `[[write app.txt "${who}"]] [[bash "git add -A && git -c user.email=t@t -c user.name=t commit -qm ${who}"]] [[say "${who} committed"]]`;
    const a = await startDemo(h, commit('A'), ['-d', repo, '--worktree']);
    await turnDone(h, a, 'A committed');
    const b = await startDemo(h, commit('B'), ['-d', repo, '--worktree']);
    await turnDone(h, b, 'B committed');
    // Opening the panel forecasts now (the live engine also does on its own schedule).
    tui.keys('1');
    await tui.waitFor('the jobs panel', (x) => x.includes('ID       STATE'));
    tui.keys('C');
    const s = await tui.waitFor('the predicted conflict', (x) =>
      /predicted merge conflict: \S+ vs job \S+: app\.txt/.test(x),
    );
    expect(s).toMatch(
      new RegExp(`predicted merge conflict: (${a} vs job ${b}|${b} vs job ${a}): app\\.txt`),
    );
  });

  it('shows the daily budget banner once the day is spent', async () => {
    // The agents above spent more than this today: the limit is reached as soon as it is set.
    await h.ok(['settings', 'budget.daily_usd', '0.05']);
    const s = await tui.waitFor('the banner', (x) => x.includes('daily budget reached'));
    expect(s).toMatch(
      /daily budget reached: \$0\.\d\d of \$0\.05 spent today · nothing new starts/,
    );
  });
});
