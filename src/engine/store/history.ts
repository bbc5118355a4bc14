import type { EngineContext } from '../context.js';
import { toJob } from './jobs-repo.js';

/** The UTC day an instant falls on, as daily_metrics keys it. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * A job just ended: keep its full record in job_history (it outlives `clean`) and add it to
 * the day's metrics. Idempotent per job: a second call replaces the history row and does not
 * count the job twice.
 */
export function recordFinished(ctx: EngineContext, id: string): void {
  const row = ctx.jobs.get(id);
  if (!row || row.ended_at === null) return;
  const job = toJob(row);
  const endedAt = row.ended_at;
  const duration = row.started_at !== null ? endedAt - row.started_at : null;
  ctx.db.transaction(() => {
    const args = [row.status, endedAt, duration, JSON.stringify(job), id];
    const isNew =
      ctx.db
        .prepare(
          `INSERT OR IGNORE INTO job_history (status, ended_at, duration_ms, data, job_id)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(...args).changes === 1;
    if (!isNew) {
      ctx.db
        .prepare(
          `UPDATE job_history SET status = ?, ended_at = ?, duration_ms = ?, data = ? WHERE job_id = ?`,
        )
        .run(...args);
      return;
    }
    const column =
      row.status === 'completed'
        ? 'jobs_completed'
        : row.status === 'killed'
          ? 'jobs_killed'
          : 'jobs_failed';
    ctx.db
      .prepare(
        `INSERT INTO daily_metrics (day, ${column}, input_tokens, output_tokens, cost_usd, files_modified, tool_calls)
         VALUES (@day, 1, @input, @output, @cost, @files, @tools)
         ON CONFLICT(day) DO UPDATE SET ${column} = ${column} + 1,
           input_tokens = input_tokens + @input, output_tokens = output_tokens + @output,
           cost_usd = cost_usd + @cost, files_modified = files_modified + @files,
           tool_calls = tool_calls + @tools`,
      )
      .run({
        day: dayOf(endedAt),
        input: row.input_tokens + row.cache_creation_tokens + row.cache_read_tokens,
        output: row.output_tokens,
        cost: row.cost_usd,
        files: job.filesModified.length,
        tools: row.tool_calls,
      });
  })();
}

/** Count hook events into today's metrics (one statement per ingest batch). */
export function countEvents(ctx: EngineContext, n: number): void {
  ctx.db
    .prepare(
      `INSERT INTO daily_metrics (day, events) VALUES (?, ?)
       ON CONFLICT(day) DO UPDATE SET events = events + excluded.events`,
    )
    .run(dayOf(ctx.now()), n);
}
