import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/keymap.js';
import { Help } from '../../src/tui/modals/help.js';
import { renderSized } from '../helpers/ink-sized.js';
import { fitWidths, helpLayout, wrap, type HelpSection } from '../../src/tui/modals/help-layout.js';

const section = (title: string, n: number, text = 'x'): HelpSection => ({
  title,
  entries: Array.from({ length: n }, (_, i) => ({ command: 'up', keys: `${i}`, text })),
});

const titles = (l: ReturnType<typeof helpLayout>): string[][] =>
  l.columns.map((c) => c.lines.filter((x) => x.title).map((x) => x.text));

/** The App gives the overlay what the terminal has under the header, the footer and 3 rows. */
const available = (rows: number): number => rows - 3 - 3;

describe('the help overlay', () => {
  it('stacks sections in one column when they fit, in as few columns as fit when not', () => {
    const s = [section('a', 3), section('b', 3), section('c', 3)];
    expect(titles(helpLayout(12, 120, s))).toEqual([['a', 'b', 'c']]);
    expect(titles(helpLayout(8, 120, s))).toEqual([['a', 'b'], ['c']]);
    expect(titles(helpLayout(4, 120, s))).toEqual([['a'], ['b'], ['c']]);
  });

  it('gives narrow columns what they need and the wide ones the rest', () => {
    expect(fitWidths([30, 50], 100)).toEqual([30, 70]);
    expect(fitWidths([30, 95], 100)).toEqual([30, 70]);
    expect(fitWidths([90, 95], 100)).toEqual([50, 50]);
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });

  it.each([
    [150, 40],
    [200, 50],
    [100, 30],
    [80, 24],
  ])('at %i×%i: every key with its whole description, nothing cut, inside the box', (x, y) => {
    const rows = available(y);
    const layout = helpLayout(rows - 3, x - 4);
    // Each key's lines, put back together, are its whole description.
    for (const b of KEYMAP.filter((k) => k.scope !== 'diff')) {
      const lines = layout.columns.flatMap((c) => c.lines).filter((l) => l.command === b.command);
      const own = lines.filter((l) => l.text.trimStart().startsWith(b.keys.join(', ')));
      expect(own.length, b.command).toBeGreaterThan(0);
    }
    for (const c of layout.columns) {
      for (const l of c.lines) expect(l.text.length, l.text).toBeLessThanOrEqual(c.width);
    }
    const { lastFrame, unmount } = renderSized(<Help rows={rows} columns={x} />, x, y);
    const frame = lastFrame() ?? '';
    unmount();
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(x);
    if (layout.height <= rows - 3) {
      expect(frame).not.toContain('…');
      const flat = frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
      for (const b of KEYMAP) expect(flat, b.command).toContain(b.description.split(' ')[0]);
    }
  });

  it('at 150×40 every description reads in full and the overlay leaves the list rows', () => {
    const rows = available(40);
    const layout = helpLayout(rows - 3, 146);
    expect(layout.height).toBeLessThanOrEqual(rows - 3);
    for (const b of KEYMAP) {
      const words = layout.columns
        .flatMap((c) => c.lines)
        .filter((l) => l.command === b.command)
        // The keys lead the first line only (a continuation may start with the same letters).
        .map((l, i) => (i === 0 ? l.text.trim().replace(b.keys.join(', '), '') : l.text).trim())
        .join(' ');
      expect(words, b.command).toBe(b.description);
    }
    const { lastFrame, unmount } = renderSized(<Help rows={rows} columns={150} />, 150, 40);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame).not.toContain('…');
    // The box spans the width it has, and is no taller than its keys need.
    expect(frame.split('\n')[0]?.length).toBe(150);
    expect(frame.split('\n').length).toBe(layout.height + 3);
  });
});
