import type { EngineContext } from '../context.js';
import { isActive, type Job } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { finishJob } from './finish.js';
import { findJob } from './lookup.js';

export interface KillResult {
  job: Job;
  /** The agent was still running and is now `killed`. */
  wasRunning: boolean;
  /** A tmux session (live or a dead pane kept for capture) was removed. */
  sessionRemoved: boolean;
}

/** Kill one job's agent. Killing an ended job just removes its leftover session. */
export async function killJob(ctx: EngineContext, id: string): Promise<KillResult> {
  const row = findJob(ctx, id);
  const wasRunning = isActive(row.status);
  // Killed first in the store, then in tmux: the closing session makes the wrapper write an
  // exit file, and a live engine reading it must find a job already killed, not one to fail.
  if (wasRunning) finishJob(ctx, row, { exitCode: null, status: 'killed' });
  const sessionRemoved = await ctx.tmux(row.tmux_socket).killSession(row.tmux_session);
  return { job: ctx.saved(row.id), wasRunning, sessionRemoved };
}

/** `kill --completed`: remove the sessions of every job that has ended. One tmux call to look. */
export async function killEnded(ctx: EngineContext): Promise<string[]> {
  const ended = ctx.jobs.list(['completed', 'failed', 'killed']);
  return removeSessions(ctx, ended);
}

export async function removeSessions(
  ctx: EngineContext,
  rows: readonly JobRow[],
): Promise<string[]> {
  const removed: string[] = [];
  const bySocket = new Map<string | null, JobRow[]>();
  for (const r of rows) bySocket.set(r.tmux_socket, [...(bySocket.get(r.tmux_socket) ?? []), r]);
  for (const [socket, group] of bySocket) {
    const tmux = ctx.tmux(socket);
    const live = await tmux.listSessions();
    for (const r of group) {
      if (live.has(r.tmux_session) && (await tmux.killSession(r.tmux_session))) removed.push(r.id);
    }
  }
  return removed;
}
