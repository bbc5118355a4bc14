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
  const changed = ctx.db
    .prepare(
      `UPDATE jobs SET status = ?, activity = NULL, exit_code = ?, error = ?, ended_at = ?, updated_at = ?
       WHERE id = ? AND status IN ('pending', 'running')`,
    )
    .run(
      status,
      outcome.exitCode,
      outcome.error ?? null,
      outcome.at ?? ctx.now(),
      ctx.now(),
      row.id,
    );
  if (changed.changes === 0) return;
  recordFinished(ctx, row.id);
  const job = ctx.saved(row.id);
  if (status === 'completed') ctx.events.emit('job_completed', job);
  else if (status === 'failed') ctx.events.emit('job_failed', job);
}
