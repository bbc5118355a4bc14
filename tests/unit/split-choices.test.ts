import { describe, expect, it } from 'vitest';
import { decodeSizes, encodeSizes } from '../../src/engine/tmux/split-sizes.js';
import { cycleLayout, keepLive, paneOf, togglePick } from '../../src/tui/panels/split-picks.js';
import { fillCells, pickCell, splitCells } from '../../src/view/split-layout.js';

/** The split's choices, pure: the TUI's picks, the page's cells, the sizes kept for close. */
describe('TUI split picks', () => {
  it('cycles 2x2 → 1x1 → 2x1 → 2x2, dropping picks that no longer fit', () => {
    const p = { layout: '2x2' as const, jobIds: ['a', 'b', 'c'] };
    const one = cycleLayout(p);
    expect(one).toEqual({ layout: '1x1', jobIds: ['a'] });
    expect(cycleLayout(one).layout).toBe('2x1');
    expect(cycleLayout(cycleLayout(one)).layout).toBe('2x2');
  });
  it('picks into the next pane, unpicks (later panes move up), and a full grid swaps its last', () => {
    let p = togglePick({ layout: '2x1', jobIds: [] }, 'a');
    p = togglePick(p, 'b');
    expect(paneOf(p, 'b')).toBe(2);
    expect(togglePick(p, 'c').jobIds).toEqual(['a', 'c']);
    expect(togglePick(p, 'a').jobIds).toEqual(['b']);
    expect(paneOf(p, 'z')).toBe(0);
  });
  it('drops agents that left the list, and is the same object when none did', () => {
    const p = { layout: '2x2' as const, jobIds: ['a', 'b'] };
    expect(keepLive(p, ['a', 'b', 'c'])).toBe(p);
    expect(keepLive(p, ['b']).jobIds).toEqual(['b']);
  });
});

describe('page split cells', () => {
  it('has 1, 2 and 4 cells', () => {
    expect(['1x1', '2x1', '2x2'].map((l) => splitCells(l as '1x1'))).toEqual([1, 2, 4]);
  });
  it('keeps picks in place, drops gone agents, fills empty cells with agents not shown', () => {
    expect(fillCells('2x2', ['c', null], ['a', 'b', 'c'])).toEqual(['c', 'a', 'b', null]);
    expect(fillCells('2x1', ['gone', 'b'], ['a', 'b'])).toEqual(['a', 'b']);
    expect(fillCells('1x1', [], [])).toEqual([null]);
  });
  it('picking an agent shown elsewhere swaps the two cells', () => {
    expect(pickCell(['a', 'b', 'c'], 0, 'c')).toEqual(['c', 'b', 'a']);
    expect(pickCell(['a', 'b'], 1, null)).toEqual(['a', null]);
    expect(pickCell(['a', 'b'], 1, 'x')).toEqual(['a', 'x']);
  });
});

describe('split sizes kept on the tmux session', () => {
  it('round-trips sizes and window-size options, skipping what is not one', () => {
    const sizes = [
      { jobId: '0badcafe', cols: 200, rows: 50, option: '' },
      { jobId: 'deadbeef', cols: 120, rows: 40, option: 'manual' },
    ];
    expect(decodeSizes(encodeSizes(sizes))).toEqual(sizes);
    expect(decodeSizes('')).toEqual([]);
    expect(decodeSizes('junk 0badcafe=1x2: x=3x4:BAD')).toEqual([
      { jobId: '0badcafe', cols: 1, rows: 2, option: '' },
    ]);
  });
});
