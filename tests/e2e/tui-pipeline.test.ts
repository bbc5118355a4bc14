import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startHandover } from '../helpers/jobs.js';
import { startTui, type TuiDriver } from '../helpers/tui.js';

/**
 * The Pipeline panel through real tmux at 150×40: reached by its number key from the shared
 * catalogue, one bar per job in block characters (a finished job's ▆, a waiting one's ▓), the
 * hand-over to a job another one started (») on its bar, and the keys that move the window.
 */
describe('the Pipeline in the TUI', () => {
  let h: Harness;
  let tui: TuiDriver;
  let parent: string;
  let child: string;

  beforeAll(async () => {
    h = createHarness('tuipipe');
    ({ parent, child } = await startHandover(h));
    tui = startTui(h, { size: { x: 150, y: 40 } });
    await tui.waitFor('the jobs', (s) => s.includes(parent) && s.includes(child));
  }, 120_000);
  afterAll(() => h?.cleanup());

  const row = (s: string, id: string): string =>
    s.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';

  it('9 shows the jobs as bars on a time axis, the hand-over marked', async () => {
    tui.keys('9');
    const s = await tui.waitFor(
      'the pipeline bars',
      (x) => x.includes('Pipeline ') && row(x, child).includes('▆') && /[▓▒█]/.test(row(x, parent)),
    );
    expect(s).toMatch(/Pipeline \d\d:\d\d–\d\d:\d\d \(1h, now\)/);
    expect(row(s, child)).toContain('»');
    expect(row(s, parent)).not.toContain('»');
    // The axis: round times, under the header.
    expect(s.split('\n').some((l) => /^\s{20,}\d\d:\d\d\s+\d\d:\d\d/.test(l))).toBe(true);
    for (const l of s.split('\n')) expect(l.length).toBeLessThanOrEqual(150);
    expect(s).toContain(' 9 Pipeline ');
  });

  it('zooms out, scrolls earlier, and comes back to now', async () => {
    tui.keys('-');
    await tui.waitFor('a 3h window', (x) => x.includes('(3h, now)'));
    tui.keys('h');
    const back = await tui.waitFor('an earlier window', (x) => /\(3h\)/.test(x));
    // Half a window back: the jobs, which just ran, are at the right edge or past it.
    expect(back).toContain('Pipeline ');
    tui.keys('.');
    const now = await tui.waitFor('now again', (x) => x.includes('(3h, now)'));
    expect(row(now, child)).toContain('▆');
    tui.keys('+', '+');
    await tui.waitFor('a 30m window', (x) => x.includes('(30m, now)'));
  });
});
