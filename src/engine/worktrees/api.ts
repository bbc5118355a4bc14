import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import { findJob } from '../jobs/lookup.js';
import type { Job, Worktree } from '../store/job-types.js';
import { worktreeDiff, type DiffOptions } from './diff.js';
import { mergeWorktree, type MergeResult } from './merge.js';
import { worktreeOf, worktreeState, type WorktreeState } from './state.js';

/** Reviewing and landing a worktree agent's work. */
export interface WorktreesApi {
  /** Branch, dirty and ahead/behind state of a job's worktree. */
  state(id: string): Promise<WorktreeState>;
  /** The state of every job that has a worktree (keyed by job id), for `jobs`. */
  states(jobs: readonly Job[]): Promise<Map<string, WorktreeState>>;
  /** What the agent changed since its base: commits, edits and new files. */
  diff(id: string, options?: DiffOptions): Promise<string>;
  /** Merge the agent's branch into its base branch, or report the conflicts and change nothing. */
  merge(id: string): Promise<MergeResult>;
}

export function worktreesApi(ctx: EngineContext): WorktreesApi {
  const of = (id: string) => worktreeOf(findJob(ctx, id));
  return {
    state: (id) => worktreeState(ctx, of(id)),
    async states(jobs) {
      const out = new Map<string, WorktreeState>();
      const todo = jobs.filter((j) => j.worktree);
      // A few at a time: each is four git processes, and a long history holds many worktrees.
      const worker = async (): Promise<void> => {
        for (let j = todo.shift(); j; j = todo.shift()) {
          out.set(j.id, await worktreeState(ctx, j.worktree as Worktree));
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      return out;
    },
    diff: (id, options) => worktreeDiff(ctx, of(id), options),
    async merge(id) {
      const row = findJob(ctx, id);
      const w = worktreeOf(row);
      // Saving its uncommitted work mid-turn would commit half an edit.
      if (row.status === 'running' && (row.activity === 'working' || row.activity === 'starting')) {
        throw new CcAgentError(
          'blocked',
          `job ${row.id} is still working; merge once its turn has ended (or kill it first)`,
        );
      }
      const result = await mergeWorktree(ctx, w, `Merge ${w.branch}: ${row.prompt_preview}`);
      // Its branch state changed: faces showing it (the TUI's diff) refresh on updatedAt.
      ctx.jobs.update(row.id, { updated_at: ctx.now() });
      ctx.saved(row.id);
      return result;
    },
  };
}
