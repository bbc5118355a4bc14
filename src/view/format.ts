import type { Job, MergeResult, WorktreeState } from '../engine/index.js';

export const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** 2m13s, 1h04m, 3d02h: compact durations for tables. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `2026-12-06 14:03:07`, local time: the one way the CLI prints an instant (events, activity,
 * approvals, triggers, clean's cutoff); `--json` keeps the stored value (ISO UTC, or epoch ms).
 */
export function localTime(at: string | number | Date): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function elapsed(job: Job, now = Date.now()): string {
  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = job.endedAt ? Date.parse(job.endedAt) : now;
  return duration(end - start);
}

export const modelLabel = (j: Job): string =>
  [j.model ?? 'default', j.effort].filter(Boolean).join('/');

export function statusLabel(j: Job): string {
  if (j.status === 'failed' && j.exitCode !== null) return `failed(${j.exitCode})`;
  return j.status;
}

/** "working: Using Edit… src/a.ts", "needs_permission: Asks to use Bash", "waiting". */
export function activityLabel(j: Job): string {
  if (!j.activity) return '';
  const label = j.activityDetail?.label ?? j.activityDetail?.question ?? j.activityDetail?.error;
  return label ? `${j.activity}: ${label}` : j.activity;
}

/** 1234 → "1.2k", 2_500_000 → "2.5M". */
export function count(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** Every token a job used: input, output and both kinds of cache. */
export const totalTokens = (j: Job): number =>
  j.tokens.input + j.tokens.cacheCreation + j.tokens.cacheRead + j.tokens.output;

export const tokensLabel = (j: Job): string => {
  const total = totalTokens(j);
  return total === 0 ? '-' : count(total);
};

export const contextLabel = (j: Job): string => (j.contextPct === null ? '-' : `${j.contextPct}%`);

/** A job's cost, as every face shows it (jobs, status, usage, the TUI): one rounding. */
export const costLabel = (j: Job): string => (j.costUsd === 0 ? '-' : `$${j.costUsd.toFixed(2)}`);

/** Left-aligned columns; the last column is cut to the terminal width. */
export function table(
  header: string[],
  rows: string[][],
  width = process.stdout.columns || 120,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => {
    const text = cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ');
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  return [line(header), ...rows.map(line)].join('\n');
}

/** "cc-agent/ab12cd34 · 2 ahead · 3 dirty" — a worktree job's branch and what it holds. */
export function branchLabel(j: Job, s: WorktreeState | undefined): string {
  if (!j.worktree) return '';
  if (!s) return j.worktree.branch;
  const parts = [j.worktree.branch];
  if (!s.hasBranch) parts.push('branch gone');
  if (s.ahead > 0) parts.push(`${s.ahead} ahead`);
  if (s.behind > 0) parts.push(`${s.behind} behind`);
  if (s.dirty > 0) parts.push(`${s.dirty} dirty`);
  if (!s.exists) parts.push('folder gone');
  if (s.merged && s.hasBranch) parts.push(`merged into ${s.target}`);
  return parts.join(' · ');
}

export function jobDetails(j: Job, worktree?: WorktreeState): string {
  const lines: [string, string | number | null][] = [
    ['id', j.id],
    ['status', statusLabel(j)],
    ['activity', activityLabel(j) || null],
    ['agent', `${j.backend} ${modelLabel(j)}`],
    ['sandbox', j.sandbox],
    ['dir', j.dir],
    ['worktree', j.worktree ? `${branchLabel(j, worktree)} (base ${j.worktree.baseRef})` : null],
    ['session', j.sessionId],
    ['tmux', j.tmuxSocket ? `${j.tmuxSession} (socket ${j.tmuxSocket})` : j.tmuxSession],
    ['elapsed', elapsed(j)],
    ['created', localTime(j.createdAt)],
    ['ended', j.endedAt ? localTime(j.endedAt) : null],
    ['exit code', j.exitCode],
    ['error', j.error],
    ['files', j.files.length ? j.files.join(', ') : null],
    [
      'tokens',
      j.tokens.input + j.tokens.output + j.tokens.cacheRead + j.tokens.cacheCreation > 0
        ? `${count(j.tokens.input)} in · ${count(j.tokens.output)} out · ${count(j.tokens.cacheRead)} cache read · ${count(j.tokens.cacheCreation)} cache write`
        : null,
    ],
    ['context', j.contextPct === null ? null : `${j.contextPct}%`],
    ['cost', j.costUsd ? costLabel(j) : null],
    [
      'budget',
      j.budgetUsd === null
        ? null
        : `$${j.budgetUsd.toFixed(2)}${j.budgetReachedAt ? ` · reached ${localTime(j.budgetReachedAt)}: stopped` : ''}`,
    ],
    [
      'tools',
      j.toolCalls
        ? `${j.toolCalls} calls${j.primaryTool ? `, mostly ${j.primaryTool}` : ''}`
        : null,
    ],
    ['modified', j.filesModified.length ? j.filesModified.join(', ') : null],
    ['summary', j.summary ? (j.summary.split('\n')[0] ?? '') : null],
    ['prompt', j.promptPreview],
  ];
  return lines
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k.padEnd(10)} ${v}`)
    .join('\n');
}

/** A merge's result in one line (the CLI, the TUI and the page word it alike); a conflict is an error. */
export function mergeOutcome(id: string, r: MergeResult): { text: string; error: boolean } {
  const saved = r.savedWork ? ' (its uncommitted work was committed on its branch first)' : '';
  if (r.status === 'merged') {
    return {
      text: `merged ${id} into ${r.target} (${r.commit?.slice(0, 12) ?? '?'})${saved}`,
      error: false,
    };
  }
  if (r.status === 'up-to-date') {
    return { text: `${r.target} already has all of ${id}'s work${saved}`, error: false };
  }
  return {
    text: `cannot merge ${id} into ${r.target} cleanly; nothing was changed. Conflicts in: ${r.conflicts.join(', ')}${saved}`,
    error: true,
  };
}
