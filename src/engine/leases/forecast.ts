import type { EngineContext } from '../context.js';
import { git } from '../process/git.js';
import { isActive, type Worktree } from '../store/job-types.js';
import { toJob } from '../store/jobs-repo.js';

/** Two lines of work that would not merge cleanly, and the files they fight over. */
export interface MergeForecast {
  /** The repository (its main working tree). */
  repo: string;
  /** A live worktree agent's job id. */
  job: string;
  /** Another live agent's job id, or the base branch the job's work is meant for. */
  against: { job: string } | { branch: string };
  files: string[];
}

/**
 * Merge conflicts before anyone merges: every live worktree agent's branch against each other
 * live agent's branch of the same repository and against its own base branch, merged in
 * memory by `git merge-tree --write-tree` (git 2.38+). No working tree or ref is touched; only
 * objects are added to the repository's store, as any merge would.
 */
export async function forecastMerges(ctx: EngineContext): Promise<MergeForecast[]> {
  const live = ctx.jobs
    .list()
    .filter((r) => isActive(r.status) && r.worktree)
    .map((r) => ({ id: r.id, w: toJob(r).worktree as Worktree }));
  const out: MergeForecast[] = [];
  const conflicts = async (repo: string, a: string, b: string): Promise<string[]> => {
    const r = await git(ctx, repo, [
      'merge-tree',
      '--write-tree',
      '--name-only',
      '--no-messages',
      a,
      b,
    ]).catch(() => undefined);
    // Exit 1: conflicts; the first line is the tree, then one conflicted file a line.
    if (r?.code !== 1) return [];
    return [...new Set(r.stdout.split('\n').slice(1).filter(Boolean))];
  };
  for (const [i, a] of live.entries()) {
    const base = await conflicts(a.w.repo, a.w.baseRef, a.w.branch);
    if (base.length > 0)
      out.push({ repo: a.w.repo, job: a.id, against: { branch: a.w.baseRef }, files: base });
    for (const b of live.slice(i + 1)) {
      if (b.w.repo !== a.w.repo) continue;
      const files = await conflicts(a.w.repo, a.w.branch, b.w.branch);
      if (files.length > 0) out.push({ repo: a.w.repo, job: a.id, against: { job: b.id }, files });
    }
  }
  return out;
}
