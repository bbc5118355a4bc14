import { todayBudget } from '../budget/daily.js';
import { fleetLimitedUntil } from '../limits/resume.js';
import { setupFor } from '../insights/insights.js';
import type { EngineContext } from '../context.js';
import { clearJob } from '../jobs/session-ops.js';
import { claimNextTask, releaseTasks, type Task } from '../queue/queue.js';
import { recordActivity } from '../store/activity.js';
import { isActive } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { getSetting } from '../store/retention.js';
import { respawnOrchestrator, sendToOrchestrator } from './control.js';
import { getRecord, ORCHESTRATOR_ID, patchRecord, type OrchestratorRecord } from './record.js';
import { resumeMessage, taskMessage, warnMessage, workersMessage } from './prompts.js';
import { currentTask, saveState } from './state-file.js';

/** What one supervision step did (for the audit trail and the tests). */
export type Step =
  'respawned' | 'stopped' | 'warned' | 'cleared' | 'reported' | 'dispatched' | undefined;

/** Ms until a respawn is allowed again (at most one per `orchestrator.respawn_min_seconds`). */
export function respawnWait(ctx: EngineContext, rec: OrchestratorRecord): number {
  if (rec.last_respawn_at === null) return 0;
  const min = getSetting(ctx, 'orchestrator.respawn_min_seconds') * 1000;
  return Math.max(0, rec.last_respawn_at + min - ctx.now());
}

/** Its turn has ended since cc-agent last typed to it (a hook said so, or the screen did). */
function turnEnded(row: JobRow, rec: OrchestratorRecord): boolean {
  return (
    (row.activity === 'idle' || row.activity === 'waiting') && (row.activity_at ?? 0) > rec.sent_at
  );
}

/** A turn ended (Stop) after `since`: what cc-agent typed then has been acted on. */
const stoppedSince = (ctx: EngineContext, since: number): boolean =>
  ctx.store.hookEvents.stoppedSince(ORCHESTRATOR_ID, since);

const why = (row: JobRow | undefined): string =>
  !row
    ? 'its job is gone'
    : `${row.status}${row.exit_code !== null ? ` (exit ${row.exit_code})` : ''}${row.error ? `: ${row.error}` : ''}`;

/** Workers it started that ended, or stopped to wait on someone, since they were last reported. */
const workersToReport = (ctx: EngineContext, since: number) =>
  ctx.store.orchestrator.workersToReport(ORCHESTRATOR_ID, since);

async function dispatch(ctx: EngineContext, task: Task): Promise<Step> {
  saveState(ctx);
  try {
    await sendToOrchestrator(ctx, taskMessage(task, setupFor(ctx, task.prompt, 'workspace-write')));
  } catch (e) {
    releaseTasks(ctx, ORCHESTRATOR_ID); // not delivered: it stays first in line
    throw e;
  }
  recordActivity(ctx, 'task_dispatched', { task: task.id, priority: task.priority });
  ctx.events.emit('orchestrator_status_change', { status: 'working', reason: `task ${task.id}` });
  return 'dispatched';
}

async function clearAndResume(ctx: EngineContext, pct: number): Promise<Step> {
  patchRecord(ctx, { phase: 'clearing' }, 'clearing its context');
  try {
    saveState(ctx);
    recordActivity(ctx, 'context_clear', { pct });
    // Escape if a turn runs, wait for the prompt, /clear, wait for SessionStart (clear).
    const session = await clearJob(ctx, ORCHESTRATOR_ID);
    // The old transcript's figure must not trigger a second clear before the new one counts.
    ctx.jobs.update(ORCHESTRATOR_ID, { context_pct: null });
    ctx.saved(ORCHESTRATOR_ID);
    await sendToOrchestrator(ctx, resumeMessage(ctx.paths.orchestratorState, currentTask(ctx)));
    recordActivity(ctx, 'context_resumed', { session });
    ctx.events.emit('orchestrator_status_change', { status: 'working', reason: 'context cleared' });
    return 'cleared';
  } finally {
    patchRecord(ctx, { phase: 'normal', warn_at: null });
  }
}

/**
 * One supervision step, run by the pulse leader whenever something relevant changes (and on
 * every tick): keep the orchestrator alive, manage its context, report its workers, and hand
 * it the next task when its turn has ended and it holds none. Does at most one thing.
 */
export async function superviseOnce(ctx: EngineContext): Promise<Step> {
  const rec = getRecord(ctx);
  if (!rec) return undefined;
  const step = await act(ctx, rec);
  // Whatever changed (a task reported, a worker ended), the state file says so; a stopped
  // orchestrator's file was written as it stopped and is not read again until it starts.
  if (rec.desired === 'running') saveState(ctx, undefined, true);
  return step;
}

async function act(ctx: EngineContext, rec: OrchestratorRecord): Promise<Step> {
  if (rec.desired !== 'running' || rec.phase === 'clearing') return undefined;
  const row = ctx.jobs.get(ORCHESTRATOR_ID);
  // Many hosts: a live orchestrator is its own host's to supervise (its tmux, its transcript);
  // the pulse leader only starts one again when none runs anywhere.
  if (row && isActive(row.status) && ctx.jobs.elsewhere(row)) return undefined;
  if (!row || !isActive(row.status)) {
    if (row?.status === 'killed') {
      // `cc-agent kill orch` is a deliberate stop, not a crash.
      patchRecord(ctx, { desired: 'stopped' }, 'killed');
      releaseTasks(ctx, ORCHESTRATOR_ID);
      recordActivity(ctx, 'orchestrator_stopped', { why: 'killed' });
      return 'stopped';
    }
    if (respawnWait(ctx, rec) > 0) return undefined;
    await respawnOrchestrator(ctx, why(row));
    return 'respawned';
  }
  // Paused at a usage limit itself: nothing typed now would be read (it resumes at reset).
  if (row.status !== 'running' || row.activity === 'rate_limited') return undefined;
  const pct = row.context_pct ?? 0;
  const warnPct = getSetting(ctx, 'orchestrator.context_warn_pct');
  const clearPct = getSetting(ctx, 'orchestrator.context_clear_pct');
  const ended = turnEnded(row, rec);
  // Cleared only after it was warned and has finished a turn since: it had its chance to save,
  // and a task just handed over is never wiped before it was even read.
  if (pct >= clearPct && rec.phase === 'warned' && (ended || stoppedSince(ctx, rec.sent_at))) {
    return clearAndResume(ctx, pct);
  }
  if (!ended) return undefined;
  if (pct >= warnPct && rec.phase === 'normal') {
    saveState(ctx);
    await sendToOrchestrator(ctx, warnMessage(pct, clearPct));
    patchRecord(ctx, { phase: 'warned', warn_at: ctx.now() });
    recordActivity(ctx, 'context_warn', { pct });
    ctx.events.emit('orchestrator_context_warn', { pct });
    return 'warned';
  }
  if (pct < warnPct && rec.phase === 'warned') patchRecord(ctx, { phase: 'normal', warn_at: null });
  const workers = workersToReport(ctx, rec.reported_at);
  if (workers.length > 0) {
    patchRecord(ctx, { reported_at: Math.max(...workers.map((w) => w.at)) });
    saveState(ctx);
    await sendToOrchestrator(
      ctx,
      workersMessage(
        workers.map((w) => ({
          id: w.id,
          status: w.status === 'running' ? (w.activity ?? 'running') : w.status,
          summary: w.summary,
        })),
      ),
    );
    recordActivity(ctx, 'workers_reported', { workers: workers.map((w) => w.id) });
    return 'reported';
  }
  if (currentTask(ctx)) return undefined;
  // At the daily budget the queue pauses (budget/check.ts announces it); it resumes by itself.
  if (todayBudget(ctx).reached) return undefined;
  // At a usage limit likewise, until it resets (limits/resume.ts tells the agents to go on).
  if (fleetLimitedUntil(ctx) !== undefined) return undefined;
  const task = claimNextTask(ctx, ORCHESTRATOR_ID);
  return task ? dispatch(ctx, task) : undefined;
}
