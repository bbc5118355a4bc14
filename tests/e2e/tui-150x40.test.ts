import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startDemo, waitForStatus } from '../helpers/jobs.js';
import { startTui, type TuiDriver } from '../helpers/tui.js';
import { KEYMAP } from '../../src/tui/keymap.js';

/**
 * The TUI on a 150×40 terminal (a laptop's half screen), through real tmux: finished demo
 * agents give Analytics its figures; the help overlay must show every key in the room it has.
 */
describe('cc-agent tui at 150×40', () => {
  let h: Harness;
  let tui: TuiDriver;
  const ids: string[] = [];

  beforeAll(async () => {
    h = createHarness('tui150');
    const dir = h.tempDir('work');
    for (const script of [
      'Write notes [[work 1]] [[write "notes.md" "hi"]] [[done "Wrote notes.md"]]',
      'Read the docs [[read "notes.md"]] [[bash "true"]] [[done "read"]]',
    ]) {
      const id = await startDemo(h, script, ['-d', dir]);
      ids.push(id);
      await waitForStatus(h, id, 'completed');
    }
    tui = startTui(h, { size: { x: 150, y: 40 } });
    await tui.waitFor('the jobs', (s) => ids.every((id) => s.includes(id)));
  });
  afterAll(() => h?.cleanup());

  it('Analytics: the durations and the tools stand apart', async () => {
    tui.keys('7');
    const s = await tui.waitFor(
      'the charts',
      (x) => x.includes('tool usage') && x.includes('Bash'),
    );
    const lines = s.split('\n');
    const head = lines.findIndex((l) => l.includes('recent job durations'));
    const right = lines[head]?.indexOf('tool usage') ?? -1;
    expect(right).toBeGreaterThan(0);
    const rows = lines.slice(head + 1).filter((l) => ids.some((id) => l.startsWith(id)));
    expect(rows).toHaveLength(ids.length);
    for (const l of rows) {
      expect(l.length, l).toBeLessThanOrEqual(150);
      expect(l.slice(right - 2, right).trim(), l).toBe('');
      expect(l.slice(0, right).trimEnd(), l).toMatch(/\d+s$/);
    }
    expect(lines.slice(head + 1).some((l) => /^\S/.test(l.slice(right)))).toBe(true);
  });

  it('help: every key in full, nothing cut, the list still in view', async () => {
    tui.keys('1');
    await tui.waitFor('the jobs panel', (x) => x.includes('ID       STATE'));
    tui.keys('?');
    const s = await tui.waitFor('the help overlay', (x) => x.includes('Keys (any key closes)'));
    expect(s).not.toContain('…');
    const flat = s.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    for (const b of KEYMAP) expect(flat, b.command).toContain(b.keys.join(', '));
    for (const w of ["jump into the job's tmux session (back: tmux prefix + L)", 'diff (j/k g/G'])
      expect(flat).toContain(w);
    // The overlay takes what its keys need: the jobs above it stay on screen.
    expect(s).toContain('ID       STATE');
    expect(ids.every((id) => s.includes(id))).toBe(true);
    tui.keys('Escape');
    await tui.waitFor('the overlay to close', (x) => !x.includes('Keys (any key closes)'));
  });
});
