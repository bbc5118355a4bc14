import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startConflict } from '../helpers/jobs.js';
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
});
