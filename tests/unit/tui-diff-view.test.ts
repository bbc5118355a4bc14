import { describe, expect, it } from 'vitest';
import type { Job, MergeResult, WorktreeState } from '../../src/engine/index.js';
import {
  classifyDiff,
  DIFF_STYLE,
  diffWindow,
  maxScroll,
  mergeOutcome,
  parseDiff,
  printable,
  worktreeLine,
} from '../../src/view/diff.js';
import { activeScopes, commandFor, hints } from '../../src/tui/keymap.js';
import {
  detailJob,
  initialView,
  openDiff,
  viewReducer,
  type ViewAction,
  type ViewState,
} from '../../src/tui/view/state.js';

const DIFF = [
  'diff --git a/notes.md b/notes.md',
  'index 1111111..2222222 100644',
  '--- a/notes.md',
  '+++ b/notes.md',
  '@@ -1,3 +1,3 @@',
  ' # Notes',
  '--- a removed line that starts with two dashes',
  '+++ an added line that starts with two pluses',
  '-old',
  '+new',
  '\\ No newline at end of file',
  'diff --git a/new.txt b/new.txt',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/new.txt',
  '@@ -0,0 +1 @@',
  '+hello',
];

describe('diff lines', () => {
  it('classifies headers, hunks, additions, removals and notes', () => {
    expect(classifyDiff(DIFF)).toEqual([
      'file',
      'header',
      'header',
      'header',
      'hunk',
      'context',
      'del',
      'add',
      'del',
      'add',
      'note',
      'file',
      'header',
      'header',
      'header',
      'hunk',
      'add',
    ]);
  });

  it('colours additions green, removals red, hunks cyan and file headers bold', () => {
    expect(DIFF_STYLE.add.color).toBe('green');
    expect(DIFF_STYLE.del.color).toBe('red');
    expect(DIFF_STYLE.hunk.color).toBe('cyan');
    expect(DIFF_STYLE.file.bold).toBe(true);
    expect(DIFF_STYLE.header.bold).toBe(true);
    expect(DIFF_STYLE.context).toEqual({});
  });

  it('parses text into lines (no phantom last line) and an empty diff into none', () => {
    expect(parseDiff(`${DIFF.join('\n')}\n`).lines).toEqual(DIFF);
    expect(parseDiff('')).toEqual({ lines: [], kinds: [] });
  });

  it('makes lines safe for a terminal: tabs expanded, escapes shown, long lines cut', () => {
    expect(printable('+\tx', 20)).toBe('+       x');
    expect(printable('+ab\tc', 20)).toBe('+ab     c');
    expect(printable('+\x1b[2J\x07\x7f', 20)).toBe('+␛[2J␇␡');
    expect(printable('+\x9b', 20)).toBe('+\ufffd');
    expect(printable('x'.repeat(10_000), 80)).toHaveLength(81);
    expect(printable('+✓ ok', 20)).toBe('+✓ ok');
  });
});

describe('diff window', () => {
  it('keeps the window inside the diff however far it is scrolled', () => {
    expect(maxScroll(100, 20)).toBe(80);
    expect(maxScroll(10, 20)).toBe(0);
    expect(diffWindow(100, 0, 20)).toEqual({ start: 0, end: 20 });
    expect(diffWindow(100, 35, 20)).toEqual({ start: 35, end: 55 });
    expect(diffWindow(100, 500, 20)).toEqual({ start: 80, end: 100 });
    expect(diffWindow(100, -3, 20)).toEqual({ start: 0, end: 20 });
    expect(diffWindow(5, 2, 20)).toEqual({ start: 0, end: 5 });
    expect(diffWindow(0, 0, 20)).toEqual({ start: 0, end: 0 });
    expect(diffWindow(100, 4, 0)).toEqual({ start: 4, end: 4 });
  });
});

describe('diff view state', () => {
  const run = (actions: ViewAction[], from: ViewState = initialView()): ViewState =>
    actions.reduce(viewReducer, from);
  const inDetail = run([
    { type: 'move', delta: 2, count: 5 },
    { type: 'open-detail', jobId: 'ab12cd34' },
  ]);

  it('opens over the detail at the top, and the same key closes it', () => {
    const open = run([{ type: 'toggle-diff' }], inDetail);
    expect(openDiff(open)).toEqual({ kind: 'diff', jobId: 'ab12cd34', scroll: 0 });
    expect(detailJob(open)).toBe('ab12cd34');
    const closed = run([{ type: 'toggle-diff' }], open);
    expect(openDiff(closed)).toBeUndefined();
    expect(detailJob(closed)).toBe('ab12cd34');
    // Only a job's detail has a diff.
    expect(run([{ type: 'toggle-diff' }])).toEqual(initialView());
  });

  it('scrolls with the list moves, clamped, leaving the list selection alone', () => {
    const s = run(
      [
        { type: 'toggle-diff' },
        { type: 'move', delta: 1, count: 41 },
        { type: 'move', delta: 20, count: 41 },
      ],
      inDetail,
    );
    expect(openDiff(s)?.scroll).toBe(21);
    expect(s.selection.jobs).toBe(2);
    expect(openDiff(run([{ type: 'move', delta: 99, count: 41 }], s))?.scroll).toBe(40);
    expect(openDiff(run([{ type: 'move', delta: -99, count: 41 }], s))?.scroll).toBe(0);
    expect(openDiff(run([{ type: 'select', index: 40, count: 41 }], s))?.scroll).toBe(40);
    // Reopened, it starts at the top again.
    const again = run([{ type: 'toggle-diff' }, { type: 'toggle-diff' }], s);
    expect(openDiff(again)?.scroll).toBe(0);
  });

  it('back closes the diff, then the detail', () => {
    const s = run([{ type: 'toggle-diff' }, { type: 'back' }], inDetail);
    expect(openDiff(s)).toBeUndefined();
    expect(detailJob(s)).toBe('ab12cd34');
    expect(detailJob(run([{ type: 'back' }], s))).toBeUndefined();
  });

  it('takes the list keys and the detail keys, but not the filter', () => {
    const scopes = activeScopes('jobs', true, true);
    expect(commandFor(scopes, 'j')).toBe('down');
    expect(commandFor(scopes, 'G')).toBe('bottom');
    expect(commandFor(scopes, 'pagedown')).toBe('page-down');
    expect(commandFor(scopes, 'd')).toBe('diff');
    expect(commandFor(scopes, 'M')).toBe('merge');
    expect(commandFor(scopes, 'escape')).toBe('back');
    expect(commandFor(scopes, '/')).toBeUndefined();
    expect(hints(scopes)).not.toContain('/ filter');
    expect(hints(scopes)).toEqual(expect.arrayContaining(['d diff', 'M merge']));
    // The live screen does not scroll; the queue's d still removes a task.
    expect(commandFor(activeScopes('jobs', true), 'j')).toBeUndefined();
    expect(commandFor(activeScopes('jobs', true), 'd')).toBe('diff');
    expect(commandFor(activeScopes('queue', false), 'd')).toBe('queue-remove');
  });
});

describe('worktree header and merge outcome', () => {
  const job = {
    id: 'ab12cd34',
    worktree: {
      repo: '/r',
      path: '/r/.cc-agent/worktrees/ab12cd34',
      branch: 'cc-agent/ab12cd34',
      base: '0123456789abcdef',
      baseRef: 'main',
    },
  } as Job;
  const state: WorktreeState = {
    exists: true,
    hasBranch: true,
    dirty: 3,
    ahead: 2,
    behind: 0,
    target: 'main',
    merged: false,
  };

  it('names the branch, where it merges and what it holds', () => {
    expect(worktreeLine(job, state)).toBe('cc-agent/ab12cd34 → main · 2 ahead · 3 dirty');
    expect(worktreeLine(job, null)).toBe('cc-agent/ab12cd34 → main');
    expect(worktreeLine({ ...job, worktree: null }, state)).toBe('');
  });

  it('words each merge result; a conflict is an error listing its files', () => {
    const base: MergeResult = { status: 'merged', target: 'main', conflicts: [], savedWork: false };
    expect(mergeOutcome('ab12cd34', { ...base, commit: 'f'.repeat(40) })).toEqual({
      text: `merged ab12cd34 into main (${'f'.repeat(12)})`,
      error: false,
    });
    expect(mergeOutcome('ab12cd34', { ...base, status: 'up-to-date' }).text).toBe(
      "main already has all of ab12cd34's work",
    );
    const conflict = mergeOutcome('ab12cd34', {
      ...base,
      status: 'conflict',
      conflicts: ['a.txt', 'b.txt'],
      savedWork: true,
    });
    expect(conflict.error).toBe(true);
    expect(conflict.text).toMatch(/nothing was changed\. Conflicts in: a\.txt, b\.txt/);
    expect(conflict.text).toContain('committed on its branch first');
  });
});
