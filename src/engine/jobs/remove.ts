import { badInput } from '../errors.js';
import type { EngineContext } from '../context.js';
import { removeJobFiles } from '../store/job-files.js';
import { isActive } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { removeSessions } from './kill.js';
import { lastRunsGone } from './last-run.js';
import { findJob } from './lookup.js';
import { keepReason, removeWorktree, unmergedError } from '../worktrees/remove.js';
import { worktreeOf } from '../worktrees/state.js';

/**
 * Forget a job: its tmux session, its worktree and branch, its files, its row and its events.
 * A worktree holding unmerged work (commits not in its target, uncommitted files) stops it,
 * unless `force`.
 */
export async function deleteJob(
  ctx: EngineContext,
  id: string,
  options: { force?: boolean } = {},
): Promise<string> {
  const row = findJob(ctx, id);
  const w = row.worktree ? worktreeOf(row) : undefined;
  if (w) {
    const why = await keepReason(ctx, w, options.force === true);
    if (why) throw unmergedError(row.id, why);
  }
  await ctx.tmux(row.tmux_socket).killSession(row.tmux_session);
  await lastRunsGone(ctx, [row.id]);
  if (w) await removeWorktree(ctx, w);
  forget(ctx, [row]);
  return row.id;
}

export interface CleanResult {
  removed: string[];
  /** Jobs kept because their worktree holds unmerged work, and what that work is. */
  kept: { id: string; reason: string }[];
}

/**
 * `clean --older-than`: forget every ended job that ended longer ago than `olderThanMs`, except
 * those whose worktree holds unmerged work (unless `force`).
 */
export async function cleanJobs(
  ctx: EngineContext,
  olderThanMs: number,
  options: { force?: boolean } = {},
): Promise<CleanResult> {
  const cutoff = ctx.now() - olderThanMs;
  const old = ctx.jobs
    .list(['completed', 'failed', 'killed'])
    .filter((r) => !isActive(r.status) && (r.ended_at ?? r.created_at) <= cutoff);
  const kept: CleanResult['kept'] = [];
  const gone: JobRow[] = [];
  for (const r of old) {
    const why = r.worktree
      ? await keepReason(ctx, worktreeOf(r), options.force === true)
      : undefined;
    if (why) kept.push({ id: r.id, reason: why });
    else gone.push(r);
  }
  await removeSessions(ctx, gone);
  await lastRunsGone(
    ctx,
    gone.map((r) => r.id),
  );
  for (const r of gone) if (r.worktree) await removeWorktree(ctx, worktreeOf(r));
  forget(ctx, gone);
  return { removed: gone.map((r) => r.id), kept };
}

function forget(ctx: EngineContext, rows: readonly JobRow[]): void {
  ctx.store.atomically(() => {
    for (const r of rows) {
      ctx.store.hookEvents.deleteForJob(r.id);
      ctx.jobs.delete(r.id);
    }
  });
  for (const r of rows) {
    removeJobFiles(ctx.paths, r.id);
    ctx.events.emit('job_deleted', { id: r.id });
  }
}

const UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 };

/** Parse `7d`, `12h`, `30m`, `90s`, `2w`. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text.trim());
  if (!m) throw badInput(`invalid duration '${text}' (use e.g. 30m, 12h, 7d, 2w)`);
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}
