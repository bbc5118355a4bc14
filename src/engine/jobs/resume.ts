import { existsSync, rmSync } from 'node:fs';
import { CcAgentError, badInput, refused } from '../errors.js';
import { backendFor } from '../agents/registry.js';
import { relayScript, type EngineContext } from '../context.js';
import { which } from '../process/which.js';
import { writeAtomic } from '../store/job-files.js';
import { isActive, type Job } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { restoreWorktree } from '../worktrees/create.js';
import { worktreeOf } from '../worktrees/state.js';
import { lastRunsGone } from './last-run.js';
import { findJob } from './lookup.js';
import { DISAPPEARED } from './reconcile.js';
import { agentMissing, openSession } from './start.js';

/**
 * Relaunch a job whose tmux session is gone (a reboot, a killed tmux server) on its own agent
 * session (`--resume <session-id>`), in its own folder or worktree (put back from its branch
 * if the folder went), so its conversation carries on where it stopped.
 */
export async function resumeJob(ctx: EngineContext, id: string): Promise<Job> {
  const row = findJob(ctx, id);
  if (row.kind === 'orchestrator') {
    throw badInput('the orchestrator comes back with `cc-agent orchestrator start`, not resume');
  }
  if (await ctx.tmux(row.tmux_socket).hasSession(row.tmux_session)) {
    throw new CcAgentError(
      'blocked',
      `job ${row.id} is still running in tmux session ${row.tmux_session} (cc-agent attach ${row.id})`,
    );
  }
  if (!row.session_id) {
    throw refused(`job ${row.id} has no agent session id to resume (${row.backend})`);
  }
  if (row.worktree) await restoreWorktree(ctx, worktreeOf(row));
  if (!existsSync(row.dir)) throw refused(`job ${row.id}'s folder ${row.dir} no longer exists`);
  const backend = backendFor(row.backend);
  const spec = backend.launch({
    jobId: row.id,
    home: ctx.paths.home,
    dir: row.dir,
    model: row.model ?? undefined,
    effort: row.effort ?? undefined,
    sandbox: row.sandbox,
    sessionId: row.session_id,
    settingsFile: ctx.paths.settings(row.id),
    relayScript,
    resume: true,
  });
  const program = which(spec.program, ctx.env['PATH']);
  if (!program) throw new CcAgentError('agent_missing', agentMissing(backend, spec));
  if (spec.settings)
    writeAtomic(ctx.paths.settings(row.id), JSON.stringify(spec.settings, null, 2));
  // The last run's exit file is not this run's end: let it land, then remove it.
  await lastRunsGone(ctx, [row.id]);
  rmSync(ctx.paths.exitFile(row.id), { force: true });
  const argv = [program, ...spec.args];
  await openSession(ctx, row.id, { dir: row.dir, argv, env: spec.env, promptFile: '' });
  const now = ctx.now();
  ctx.jobs.update(row.id, {
    status: 'running',
    activity: 'starting',
    activity_detail: null,
    activity_at: now,
    exit_code: null,
    error: null,
    ended_at: null,
    started_at: now,
    updated_at: now,
    argv: JSON.stringify(argv),
  });
  return ctx.saved(row.id);
}

/**
 * `resume --all`: every job that was cut off rather than ended — still marked active, or failed
 * because its session disappeared — whose session is gone. Killed, completed and crashed jobs
 * stay as they are.
 */
export interface ResumeAllResult {
  resumed: Job[];
  failed: { id: string; error: string }[];
}

export async function resumeAll(ctx: EngineContext): Promise<ResumeAllResult> {
  const candidates = ctx.jobs
    .list(['pending', 'running', 'failed'])
    .filter((r) => r.kind === 'worker' && r.session_id && wasCutOff(r));
  const resumed: Job[] = [];
  const failed: ResumeAllResult['failed'] = [];
  for (const r of candidates) {
    if (await ctx.tmux(r.tmux_socket).hasSession(r.tmux_session)) continue;
    try {
      resumed.push(await resumeJob(ctx, r.id));
    } catch (e) {
      failed.push({ id: r.id, error: (e as Error).message });
    }
  }
  return { resumed, failed };
}

const wasCutOff = (r: JobRow): boolean =>
  isActive(r.status) || (r.status === 'failed' && r.error === DISAPPEARED);
