/**
 * A worktree diff as the TUI and the page show it: each line's kind (for its colour), the
 * window of lines that fits, the header and the merge outcome. Pure functions on the text
 * `engine.worktrees.diff` returns, so scrolling never asks git again. Types only from the
 * engine: the page imports this too.
 */
import { branchLabel } from './format.js';
import type { Job, WorktreeState } from '../engine/index.js';

/** What a line of a unified diff is: it decides the line's colour. */
export type DiffKind = 'file' | 'header' | 'hunk' | 'add' | 'del' | 'context' | 'note';

export interface ParsedDiff {
  lines: string[];
  kinds: DiffKind[];
}

/**
 * Each line's kind. A line starting `---`/`+++` is a file header only before the file's first
 * hunk: inside a hunk it is a removed `--…` line or an added `++…` one. Hunk lines always start
 * with a space, `+`, `-` or `\`, so `diff ` and `@@` at the start of a line are never content.
 */
export function classifyDiff(lines: readonly string[]): DiffKind[] {
  const kinds: DiffKind[] = [];
  let inHunk = false;
  for (const l of lines) {
    if (l.startsWith('diff ')) {
      inHunk = false;
      kinds.push('file');
    } else if (l.startsWith('@@')) {
      inHunk = true;
      kinds.push('hunk');
    } else if (!inHunk) kinds.push('header');
    else if (l.startsWith('+')) kinds.push('add');
    else if (l.startsWith('-')) kinds.push('del');
    else if (l.startsWith('\\')) kinds.push('note');
    else kinds.push('context');
  }
  return kinds;
}

export function parseDiff(text: string): ParsedDiff {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  return { lines, kinds: classifyDiff(lines) };
}

/** The terminal style of each kind (the page maps kinds to CSS classes instead). */
export const DIFF_STYLE: Record<
  DiffKind,
  { color?: 'green' | 'red' | 'cyan'; bold?: boolean; dim?: boolean }
> = {
  file: { bold: true },
  header: { bold: true },
  hunk: { color: 'cyan' },
  add: { color: 'green' },
  del: { color: 'red' },
  context: {},
  note: { dim: true },
};

/** How far down the top line can go: the last line stays at the bottom of the window. */
export const maxScroll = (count: number, rows: number): number =>
  Math.max(0, count - Math.max(1, rows));

/** The lines a window `rows` tall shows when `scroll` lines are above it (clamped). */
export function diffWindow(count: number, scroll: number, rows: number) {
  const start = Math.max(0, Math.min(scroll, maxScroll(count, rows)));
  return { start, end: rows <= 0 ? start : Math.min(count, start + rows) };
}

const TAB = 8;

/**
 * A line safe to draw in a terminal: tabs expanded, control characters (a file may hold
 * escape sequences) shown as their Unicode pictures, and cut just past `width` so a huge
 * line costs nothing to measure (one cell over keeps the renderer's "…").
 */
export function printable(line: string, width: number): string {
  let out = '';
  let col = 0;
  for (const ch of line) {
    if (col > width) break;
    const c = ch.codePointAt(0) as number;
    if (ch === '\t') {
      const n = TAB - (col % TAB);
      out += ' '.repeat(n);
      col += n;
      continue;
    }
    if (c < 0x20) out += String.fromCodePoint(0x2400 + c);
    else if (c === 0x7f) out += '\u2421';
    else if (c >= 0x80 && c < 0xa0) out += '\ufffd';
    else out += ch;
    col += 1;
  }
  return out;
}

/** "cc-agent/ab12cd34 → main · 2 ahead · 3 dirty": branch, where it merges, what it holds. */
export function worktreeLine(job: Job, state: WorktreeState | null | undefined): string {
  const w = job.worktree;
  if (!w) return '';
  // The CLI's label leads with the branch; the target goes right after it.
  const rest = branchLabel(job, state ?? undefined).slice(w.branch.length);
  return `${w.branch} → ${state?.target ?? w.baseRef}${rest}`;
}

// The merge's outcome is worded once, for the CLI and both faces.
export { mergeOutcome } from './format.js';
