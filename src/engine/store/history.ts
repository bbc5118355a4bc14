import type { EngineContext } from '../context.js';
import type { Job } from './job-types.js';
import { toJob } from './jobs-repo.js';

/** The UTC day an instant falls on, as daily_metrics keys it. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** What a job's end adds to the day's metrics: its figures, less those an earlier end filed. */
interface Figures {
  input: number;
  output: number;
  cost: number;
  files: number;
  tools: number;
}

const figuresOf = (job: Job): Figures => ({
  input: job.tokens.input + job.tokens.cacheCreation + job.tokens.cacheRead,
  output: job.tokens.output,
  cost: job.costUsd,
  files: job.filesModified.length,
  tools: job.toolCalls,
});

/**
 * A job just ended: keep its full record in job_history (it outlives `clean`) and add it to
 * the day's metrics. A job talked to again after it ended (jobs/reopen.ts) ends again: each
 * end gets its own history row (so every done summary is kept), the job is counted once, and
 * the metrics get only what it used since its last end. Idempotent per end: a second call for
 * the same end replaces its row and counts nothing.
 */
export function recordFinished(ctx: EngineContext, id: string): void {
  const row = ctx.jobs.get(id);
  if (!row || row.ended_at === null) return;
  const job = toJob(row);
  const endedAt = row.ended_at;
  const duration = row.started_at !== null ? endedAt - row.started_at : null;
  ctx.db.transaction(() => {
    const last = ctx.db
      .prepare(
        'SELECT seq, ended_at, data FROM job_history WHERE job_id = ? ORDER BY ended_at DESC, seq DESC LIMIT 1',
      )
      .get(id) as { seq: number; ended_at: number; data: string } | undefined;
    const args = [row.status, endedAt, duration, JSON.stringify(job)];
    if (last?.ended_at === endedAt) {
      ctx.db
        .prepare(
          'UPDATE job_history SET status = ?, ended_at = ?, duration_ms = ?, data = ? WHERE seq = ?',
        )
        .run(...args, last.seq);
      return;
    }
    ctx.db
      .prepare(
        'INSERT INTO job_history (status, ended_at, duration_ms, data, job_id) VALUES (?, ?, ?, ?, ?)',
      )
      .run(...args, id);
    const now = figuresOf(job);
    const before = last ? figuresOf(JSON.parse(last.data) as Job) : undefined;
    const add = (k: keyof Figures): number => Math.max(0, now[k] - (before?.[k] ?? 0));
    const column =
      row.status === 'completed'
        ? 'jobs_completed'
        : row.status === 'killed'
          ? 'jobs_killed'
          : 'jobs_failed';
    ctx.db
      .prepare(
        `INSERT INTO daily_metrics (day, ${column}, input_tokens, output_tokens, cost_usd, files_modified, tool_calls)
         VALUES (@day, @jobs, @input, @output, @cost, @files, @tools)
         ON CONFLICT(day) DO UPDATE SET ${column} = daily_metrics.${column} + @jobs,
           input_tokens = daily_metrics.input_tokens + @input,
           output_tokens = daily_metrics.output_tokens + @output,
           cost_usd = daily_metrics.cost_usd + @cost,
           files_modified = daily_metrics.files_modified + @files,
           tool_calls = daily_metrics.tool_calls + @tools`,
      )
      .run({
        day: dayOf(endedAt),
        jobs: last ? 0 : 1,
        input: add('input'),
        output: add('output'),
        cost: add('cost'),
        files: add('files'),
        tools: add('tools'),
      });
  })();
}

/** Count hook events into today's metrics (one statement per ingest batch). */
export function countEvents(ctx: EngineContext, n: number): void {
  ctx.db
    .prepare(
      `INSERT INTO daily_metrics (day, events) VALUES (?, ?)
       ON CONFLICT(day) DO UPDATE SET events = daily_metrics.events + excluded.events`,
    )
    .run(dayOf(ctx.now()), n);
}
