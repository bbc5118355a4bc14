import type { JobStatus } from './store/job-types.js';

/**
 * The engine's words a face shows before it needs the engine: the agents, sandboxes and
 * reasoning levels `cc-agent start --help` lists, the job statuses, what a worktree may be
 * called. Constants only, loading nothing else: a command's contract (its help) imports them
 * without loading the engine bundle. index.ts re-exports them.
 */
export { BACKENDS, EFFORTS, SANDBOXES } from './store/job-types.js';

export const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'running',
  'completed',
  'failed',
  'killed',
];

/** What a worktree name looks like (the CLI also tells a name after --worktree from a prompt by it). */
export const WORKTREE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
