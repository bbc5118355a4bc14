import type { EngineContext } from '../context.js';
import { recordFinished } from '../store/history.js';
import type { JobRow } from '../store/jobs-repo.js';

/**
 * Move an active job to its final status exactly once (a job already ended stays as it is) and
 * tell subscribers. `exitCode` 0 is a clean exit (completed), anything else a failure.
 */
export function finishJob(
  ctx: EngineContext,
  row: JobRow,
  outcome: { exitCode: number | null; error?: string; at?: number; status?: 'killed' },
): void {
  const status =
    outcome.status ?? (outcome.exitCode === 0 && !outcome.error ? 'completed' : 'failed');
  const changed = ctx.jobs.finish(row.id, {
    status,
    exitCode: outcome.exitCode,
    error: outcome.error ?? null,
    at: outcome.at ?? ctx.now(),
    now: ctx.now(),
  });
  if (!changed) return;
  recordFinished(ctx, row.id);
  const job = ctx.saved(row.id);
  if (status === 'completed') ctx.events.emit('job_completed', job);
  else if (status === 'failed') ctx.events.emit('job_failed', job);
}
