import { describe, expect, it } from 'vitest';
import {
  applyFilter,
  detailJob,
  initialView,
  viewReducer,
  windowRows,
  type ViewAction,
  type ViewState,
} from '../../src/tui/view/state.js';
import { editLine } from '../../src/tui/view/line-edit.js';

const run = (actions: ViewAction[], from: ViewState = initialView()): ViewState =>
  actions.reduce(viewReducer, from);

describe('view reducer: selection', () => {
  it('moves within the list and clamps at both ends', () => {
    const s = run([
      { type: 'move', delta: 1, count: 3 },
      { type: 'move', delta: 1, count: 3 },
      { type: 'move', delta: 1, count: 3 },
    ]);
    expect(s.selection.jobs).toBe(2);
    expect(run([{ type: 'move', delta: -5, count: 3 }], s).selection.jobs).toBe(0);
    expect(run([{ type: 'select', index: 99, count: 4 }]).selection.jobs).toBe(3);
    expect(run([{ type: 'move', delta: 1, count: 0 }]).selection.jobs).toBe(0);
  });

  it('keeps a selection per panel', () => {
    const s = run([
      { type: 'move', delta: 2, count: 5 },
      { type: 'panel', panel: 'queue' },
      { type: 'move', delta: 1, count: 5 },
      { type: 'panel', panel: 'jobs' },
    ]);
    expect(s.selection).toMatchObject({ jobs: 2, queue: 1 });
    expect(s.panel).toBe('jobs');
  });

  it('cycles through the panels both ways, wrapping around', () => {
    expect(run([{ type: 'cycle', delta: -1 }]).panel).toBe('notifications');
    expect(
      run([
        { type: 'cycle', delta: 1 },
        { type: 'cycle', delta: 1 },
      ]).panel,
    ).toBe('queue');
  });
});

describe('view reducer: focus and modal stacks', () => {
  it('opens a job detail on top of the panel and goes back', () => {
    const s = run([{ type: 'open-detail', jobId: 'a1b2c3d4' }]);
    expect(detailJob(s)).toBe('a1b2c3d4');
    const back = run([{ type: 'back' }], s);
    expect(detailJob(back)).toBeUndefined();
    // Back at the bottom of the stack stays put.
    expect(run([{ type: 'back' }], back)).toEqual(back);
  });

  it('switching panels leaves the detail', () => {
    const s = run([
      { type: 'open-detail', jobId: 'x' },
      { type: 'panel', panel: 'timeline' },
    ]);
    expect(detailJob(s)).toBeUndefined();
    expect(s.panel).toBe('timeline');
  });

  it('back closes the top modal before the detail', () => {
    const s = run([
      { type: 'open-detail', jobId: 'x' },
      { type: 'push-modal', modal: { kind: 'help' } },
      { type: 'push-modal', modal: { kind: 'prompt', prompt: 'send', jobId: 'x', value: '' } },
    ]);
    expect(s.modals.map((m) => m.kind)).toEqual(['help', 'prompt']);
    const once = run([{ type: 'back' }], s);
    expect(once.modals.map((m) => m.kind)).toEqual(['help']);
    expect(detailJob(once)).toBe('x');
    const thrice = run([{ type: 'back' }, { type: 'back' }], once);
    expect(thrice.modals).toEqual([]);
    expect(detailJob(thrice)).toBeUndefined();
  });

  it('prompt text goes to the prompt on top only', () => {
    const s = run([
      { type: 'push-modal', modal: { kind: 'prompt', prompt: 'queue-add', value: '' } },
      { type: 'prompt-value', value: 'write docs' },
    ]);
    expect(s.modals[0]).toMatchObject({ kind: 'prompt', value: 'write docs' });
    const help = run([{ type: 'push-modal', modal: { kind: 'help' } }]);
    expect(run([{ type: 'prompt-value', value: 'x' }], help)).toEqual(help);
  });
});

describe('filters and windows', () => {
  it('a new filter selects the first match; every word must match, any case', () => {
    const s = run([
      { type: 'move', delta: 3, count: 9 },
      { type: 'filter', panel: 'jobs', text: 'Edit auth' },
    ]);
    expect(s.selection.jobs).toBe(0);
    expect(s.filters.jobs).toBe('Edit auth');
    const rows = ['Using Edit… src/auth.ts', 'Using Edit… src/db.ts', 'AUTH review'];
    expect(applyFilter(rows, 'edit AUTH', (r) => r)).toEqual(['Using Edit… src/auth.ts']);
    expect(applyFilter(rows, '  ', (r) => r)).toEqual(rows);
  });

  it('windows keep the selected row visible and never run past the end', () => {
    expect(windowRows(100, 0, 10)).toEqual({ start: 0, end: 10 });
    expect(windowRows(100, 50, 10)).toEqual({ start: 45, end: 55 });
    expect(windowRows(100, 99, 10)).toEqual({ start: 90, end: 100 });
    expect(windowRows(3, 2, 10)).toEqual({ start: 0, end: 3 });
    expect(windowRows(0, 0, 10)).toEqual({ start: 0, end: 0 });
  });
});

describe('line editing in prompts', () => {
  it('appends, pastes on one line, deletes, clears; ignores keys that do not edit', () => {
    expect(editLine('ab', 'c', {})).toBe('abc');
    expect(editLine('', 'two\nlines', {})).toBe('two lines');
    expect(editLine('héllo ✓', '', { backspace: true })).toBe('héllo ');
    expect(editLine('fix the bug', 'w', { ctrl: true })).toBe('fix the ');
    expect(editLine('anything', 'u', { ctrl: true })).toBe('');
    expect(editLine('x', '', { return: true })).toBeUndefined();
    expect(editLine('x', '', { upArrow: true })).toBeUndefined();
    expect(editLine('x', 'k', { ctrl: true })).toBeUndefined();
  });
});

describe('palette pick', () => {
  it('moves within the matches and starts over when the text changes', () => {
    const open = run([
      { type: 'push-modal', modal: { kind: 'prompt', prompt: 'palette', value: '' } },
    ]);
    const s = run(
      [
        { type: 'prompt-pick', delta: 1, count: 3 },
        { type: 'prompt-pick', delta: 5, count: 3 },
      ],
      open,
    );
    expect(s.modals[0]).toMatchObject({ picked: 2 });
    expect(run([{ type: 'prompt-value', value: 'm' }], s).modals[0]).toMatchObject({ picked: 0 });
  });
});
