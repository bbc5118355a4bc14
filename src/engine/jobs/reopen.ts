import { existsSync } from 'node:fs';
import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import { recordActivity } from '../store/activity.js';
import { isActive } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';

/**
 * The error for a job nobody can talk to any more: how it ended and, when its agent session can
 * be relaunched, the command that does it.
 */
export function sessionGone(row: JobRow): CcAgentError {
  const how = row.exit_code !== null ? `, exit ${row.exit_code}` : '';
  const hint =
    row.kind === 'orchestrator'
      ? ' (cc-agent orchestrator start)'
      : row.session_id
        ? ` (cc-agent resume ${row.id})`
        : '';
  return new CcAgentError(
    'not_running',
    `job ${row.id} is not running (${row.status}${how}) and its session is gone${hint}`,
  );
}

/**
 * Is the agent of an ended job still there to talk to? A worker that printed the done marker
 * is `completed` while its agent waits at the prompt: its pane lives and the wrapper has written
 * no exit file. The orchestrator never ends by the marker: it comes back by `orchestrator start`.
 */
export async function agentAlive(ctx: EngineContext, row: JobRow): Promise<boolean> {
  if (row.kind === 'orchestrator') return false;
  if (existsSync(ctx.paths.exitFile(row.id))) return false;
  const pane = await ctx.tmux(row.tmux_socket).paneState(row.tmux_session);
  return pane !== undefined && !pane.dead;
}

/**
 * Talking to an ended job whose agent is alive moves it back to running (at its prompt, seen).
 * Its done summary stays where it was recorded: the Stop event in the timeline, the row in
 * job_history; the next done marker completes it again with the new one. Returns the row as
 * it is now.
 */
export function reopenJob(ctx: EngineContext, row: JobRow): JobRow {
  if (isActive(row.status)) return row;
  if (ctx.jobs.reopen(row.id, ctx.now())) {
    recordActivity(ctx, 'job_reopened', { job: row.id, was: row.status, summary: row.summary });
    ctx.saved(row.id);
  }
  return ctx.jobs.get(row.id) ?? row;
}
