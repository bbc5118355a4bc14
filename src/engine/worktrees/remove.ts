import { existsSync, rmSync } from 'node:fs';
import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { Worktree } from '../store/job-types.js';
import { commitOf, git, gitOk } from '../process/git.js';
import { worktreeState, type WorktreeState } from './state.js';

/** "2 commits not in main, 1 uncommitted file": what removing it would lose. */
export function unmergedWork(s: WorktreeState): string {
  const parts: string[] = [];
  if (s.ahead > 0) parts.push(`${s.ahead} commit${s.ahead === 1 ? '' : 's'} not in ${s.target}`);
  if (s.dirty > 0) parts.push(`${s.dirty} uncommitted file${s.dirty === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/**
 * Why a worktree must stay (its unmerged work), or undefined when removing it loses nothing.
 * `force` answers undefined whatever it holds.
 */
export async function keepReason(
  ctx: EngineContext,
  w: Worktree,
  force: boolean,
): Promise<string | undefined> {
  if (force) return undefined;
  const s = await worktreeState(ctx, w);
  return s.merged ? undefined : unmergedWork(s);
}

/** Remove the worktree's folder and its branch (callers check keepReason first). */
export async function removeWorktree(ctx: EngineContext, w: Worktree): Promise<void> {
  if (existsSync(w.path)) {
    const r = await git(ctx, w.repo, ['worktree', 'remove', '--force', w.path]);
    // Not a worktree git knows (any more): the folder is ours to remove.
    if (r.code !== 0) rmSync(w.path, { recursive: true, force: true });
  }
  await git(ctx, w.repo, ['worktree', 'prune']);
  if (await commitOf(ctx, w.repo, `refs/heads/${w.branch}`)) {
    await gitOk(ctx, w.repo, ['branch', '-D', w.branch], `cannot delete branch ${w.branch}`);
  }
}

export const unmergedError = (id: string, why: string): CcAgentError =>
  new CcAgentError(
    'blocked',
    `job ${id}'s worktree holds unmerged work (${why}): merge it (cc-agent merge ${id}) or use --force`,
  );
