import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/keymap.js';
import { Help, helpColumns } from '../../src/tui/modals/help.js';

const section = (title: string, n: number) => ({
  title,
  lines: Array.from({ length: n }, (_, i) => `${title} ${i}`),
});

describe('the help overlay', () => {
  it('stacks sections in one column when they fit, in as few columns as fit when not', () => {
    const s = [section('a', 3), section('b', 3), section('c', 3)];
    expect(helpColumns(12, s).map((c) => c.map((x) => x.title))).toEqual([['a', 'b', 'c']]);
    expect(helpColumns(8, s).map((c) => c.map((x) => x.title))).toEqual([['a', 'b'], ['c']]);
    expect(helpColumns(4, s).map((c) => c.map((x) => x.title))).toEqual([['a'], ['b'], ['c']]);
  });

  it('on a 200×50 terminal every key is there and the box fits', () => {
    const rows = 47; // the App gives the overlay the body's height
    const { lastFrame, unmount } = render(<Help rows={rows} columns={200} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame.split('\n').length).toBeLessThanOrEqual(rows);
    for (const title of [
      'Everywhere',
      'Lists',
      'Jobs',
      'Job detail',
      'Queue',
      'Triggers',
      'Approvals',
    ]) {
      expect(frame).toContain(title);
    }
    for (const b of KEYMAP) expect(frame, b.command).toContain(b.keys.join(', '));
    expect(frame).toContain("the job's worktree diff");
  });
});
