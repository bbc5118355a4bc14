import { existsSync } from 'node:fs';
import { refused } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { JobRow } from '../store/jobs-repo.js';
import type { Worktree } from '../store/job-types.js';
import { commitOf, git } from '../process/git.js';

/** Where a worktree stands against the branch its work is meant for. */
export interface WorktreeState {
  /** The folder is still there (a reboot may have cleaned it; `resume` puts it back). */
  exists: boolean;
  /** The branch is still there. */
  hasBranch: boolean;
  /** Files with uncommitted changes, untracked ones included. */
  dirty: number;
  /** Commits on the agent's branch the target lacks. */
  ahead: number;
  /** Commits on the target the agent's branch lacks. */
  behind: number;
  /** What `merge` merges into (its base ref when that is still a branch). */
  target: string;
  /** Nothing uncommitted and nothing unmerged: removing it loses nothing. */
  merged: boolean;
}

/** The job's worktree, or a clear error for a job started without one. */
export function worktreeOf(row: JobRow): Worktree {
  if (!row.worktree) {
    throw refused(`job ${row.id} has no worktree (it was started without --worktree)`);
  }
  return JSON.parse(row.worktree) as Worktree;
}

export async function worktreeState(ctx: EngineContext, w: Worktree): Promise<WorktreeState> {
  const exists = existsSync(w.path);
  // Independent questions: asked at once (`jobs` asks them for every worktree).
  const [dirty, target, branchTip] = await Promise.all([
    exists ? dirtyCount(ctx, w.path) : 0,
    targetOf(ctx, w),
    commitOf(ctx, w.repo, `refs/heads/${w.branch}`),
  ]);
  const hasBranch = branchTip !== undefined;
  let ahead = 0;
  let behind = 0;
  if (hasBranch) {
    const r = await git(ctx, w.repo, [
      'rev-list',
      '--left-right',
      '--count',
      `${target.rev}...refs/heads/${w.branch}`,
    ]);
    const [b, a] = r.stdout.trim().split(/\s+/).map(Number);
    behind = b ?? 0;
    ahead = a ?? 0;
  }
  return {
    exists,
    hasBranch,
    dirty,
    ahead,
    behind,
    target: target.name,
    merged: dirty === 0 && ahead === 0,
  };
}

/**
 * Uncommitted files in a worktree (`git status --porcelain` lines); `tracked` leaves untracked
 * files out (a merge cannot lose them).
 */
export async function dirtyCount(
  ctx: EngineContext,
  path: string,
  which: 'all' | 'tracked' = 'all',
): Promise<number> {
  const untracked = which === 'all' ? '--untracked-files=all' : '--untracked-files=no';
  const r = await git(ctx, path, ['status', '--porcelain', untracked]);
  return r.code === 0 ? r.stdout.split('\n').filter((l) => l !== '').length : 0;
}

/**
 * The base ref as a branch when it still is one; otherwise (a tag, a commit, a deleted
 * branch) the commit the worktree forked from.
 */
export async function targetOf(
  ctx: EngineContext,
  w: Worktree,
): Promise<{ name: string; rev: string; branch: boolean }> {
  if (await commitOf(ctx, w.repo, `refs/heads/${w.baseRef}`)) {
    return { name: w.baseRef, rev: `refs/heads/${w.baseRef}`, branch: true };
  }
  return { name: w.base.slice(0, 12), rev: w.base, branch: false };
}
