import type {
  AnalyticsReads,
  DayFigures,
  FinishedRun,
  RunLength,
  UnfiledEnd,
} from './analytics-reads.js';
import type { Job } from './job-types.js';
import type { Db } from './db.js';
import { jsonField } from './sql-db.js';

/**
 * Ended jobs that recordFinished has not filed yet. It runs after the status change (outside
 * ingest's transaction), so a crash in between, or a store from before job_history existed,
 * leaves an ended `jobs` row with no history row and no daily_metrics share. Such a job is
 * in neither place, so adding it never counts a job twice. Caveat: job_history is pruned
 * after `retention.job_history_days` (365) while daily_metrics keeps 730 days, so over a
 * window longer than a year an uncleaned old job could be counted twice.
 */
const UNFILED = `FROM jobs WHERE ended_at IS NOT NULL
  AND status IN ('completed', 'failed', 'killed')
  AND id NOT IN (SELECT job_id FROM job_history)`;

/** Analytics over daily_metrics, job_history, jobs and hook_events. */
export class SqliteAnalytics implements AnalyticsReads {
  constructor(private readonly db: Db) {}

  finished(limit: number): FinishedRun[] {
    const rows = this.db
      .prepare(
        `SELECT status, duration_ms AS ms, data FROM job_history
         WHERE seq IN (SELECT MAX(seq) FROM job_history GROUP BY job_id)
         ORDER BY ended_at DESC LIMIT ?`,
      )
      .all(limit) as { status: string; ms: number | null; data: string }[];
    return rows
      .map((r) => ({ status: r.status, ms: r.ms, job: JSON.parse(r.data) as Job }))
      .filter((r) => r.job.kind !== 'orchestrator');
  }

  days(first: string, last: string): DayFigures[] {
    return this.db
      .prepare(
        `SELECT day, jobs_completed + jobs_failed + jobs_killed AS jobs,
                input_tokens + output_tokens AS tokens, cost_usd AS costUsd, events
         FROM daily_metrics WHERE day >= ? AND day <= ?`,
      )
      .all(first, last) as DayFigures[];
  }

  unfiled(from: number, to: number): UnfiledEnd[] {
    return this.db
      .prepare(
        `SELECT ended_at AS endedAt, cost_usd AS cost,
                input_tokens + cache_read_tokens + cache_creation_tokens + output_tokens AS tokens
         ${UNFILED} AND ended_at >= ? AND ended_at < ?`,
      )
      .all(from, to) as UnfiledEnd[];
  }

  /** job_history's `data` is the Job as JSON, which holds backend and prompt preview. */
  runs(limit: number): RunLength[] {
    return this.db
      .prepare(
        `SELECT job_id AS id, status, ended_at AS endedAt, duration_ms AS ms,
                ${jsonField(this.db, 'data', 'backend')} AS backend,
                ${jsonField(this.db, 'data', 'promptPreview')} AS prompt
         FROM job_history
         UNION ALL
         SELECT id, status, ended_at, ended_at - started_at, backend, prompt_preview ${UNFILED}
         ORDER BY endedAt DESC, id DESC LIMIT ?`,
      )
      .all(limit) as RunLength[];
  }

  tools(limit: number): { tool: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT tool_name AS tool, COUNT(*) AS count FROM hook_events
         WHERE event = 'PreToolUse' AND orphan = 0 AND tool_name IS NOT NULL AND tool_name != ''
         GROUP BY tool_name ORDER BY count DESC, tool_name LIMIT ?`,
      )
      .all(limit) as { tool: string; count: number }[];
  }
}
