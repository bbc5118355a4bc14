import type { Job } from './job-types.js';

/** One UTC day's figures as daily_metrics files them. */
export interface DayFigures {
  day: string;
  jobs: number;
  tokens: number;
  costUsd: number;
  events: number;
}

/** An ended job not filed in history yet (recordFinished has not run for it). */
export interface UnfiledEnd {
  endedAt: number;
  cost: number;
  tokens: number;
}

/** A finished job's run, newest first. `ms` is null when it never started. */
export interface RunLength {
  id: string;
  status: string;
  ms: number | null;
  backend: string | null;
  prompt: string | null;
}

/** What the Analytics panel reads: figures over history, hook events and jobs. No writes. */
export interface AnalyticsReads {
  /** Days from `first` to `last` ('YYYY-MM-DD', inclusive) that have figures. */
  days(first: string, last: string): DayFigures[];
  /** Ended jobs not yet filed, that ended in [from, to) (epoch ms). */
  unfiled(from: number, to: number): UnfiledEnd[];
  /** The newest `limit` runs: filed history and unfiled ends together. */
  runs(limit: number): RunLength[];
  /** The most used tools across stored PreToolUse events, most used first. */
  tools(limit: number): { tool: string; count: number }[];
  /** Each finished worker's last end, newest first, up to `limit` (what insights learn from). */
  finished(limit: number): FinishedRun[];
}

/** A worker's last end as history keeps it: the job's record then, its status and length. */
export interface FinishedRun {
  job: Job;
  status: string;
  ms: number | null;
}
