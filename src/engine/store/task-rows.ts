import { iso } from './jobs-repo.js';

/** A queued task as stored (TaskRow) and as the engine hands it out (Task). */
export const TASK_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  id: string;
  prompt: string;
  priority: number;
  status: TaskStatus;
  result: string | null;
  error: string | null;
  /** The agent working on it (the orchestrator, `orch`). */
  jobId: string | null;
  /** USD the job that takes it may spend (`queue add --budget`); null: no budget. */
  budgetUsd: number | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface TaskRow {
  id: string;
  prompt: string;
  priority: number;
  status: TaskStatus;
  result: string | null;
  error: string | null;
  job_id: string | null;
  budget_usd?: number | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

export const toTask = (r: TaskRow): Task => ({
  id: r.id,
  prompt: r.prompt,
  priority: r.priority,
  status: r.status,
  result: r.result,
  error: r.error,
  jobId: r.job_id,
  budgetUsd: r.budget_usd ?? null,
  createdAt: iso(r.created_at) as string,
  startedAt: iso(r.started_at),
  endedAt: iso(r.ended_at),
});

/** Priority first (higher sooner), then age (older sooner): the order tasks are handed out. */
export const ORDER = `CASE status WHEN 'running' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END,
  priority DESC, created_at, rowid`;
