import { rmSync } from 'node:fs';
import { shimDir, type EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { killJob } from '../jobs/kill.js';
import { lastRunsGone } from '../jobs/last-run.js';
import { sendToJob } from '../jobs/session-ops.js';
import { startJob } from '../jobs/start.js';
import { releaseTasks } from '../queue/queue.js';
import { recordActivity } from '../store/activity.js';
import { isActive, type Job } from '../store/job-types.js';
import { getRecord, ORCHESTRATOR_ID, patchRecord, putRecord } from './record.js';
import { respawnMessage, teachingPrompt } from './prompts.js';
import { currentTask, saveState } from './state-file.js';

export interface OrchestratorOptions {
  agent?: string;
  model?: string;
  reasoning?: string;
  dir?: string;
  cwd: string;
}

/** The one command family it may run without asking: cc-agent itself. */
const ALLOW = ['Bash(cc-agent:*)'];

/**
 * Forget an ended orchestrator: its dead pane (kept for a look) and its job row. Its events stay
 * in the timeline and its log grows on.
 */
async function forgetEnded(ctx: EngineContext): Promise<void> {
  const row = ctx.jobs.get(ORCHESTRATOR_ID);
  if (!row) return;
  if (isActive(row.status)) {
    throw new CcAgentError(
      'blocked',
      'the orchestrator is already running (cc-agent orchestrator status)',
    );
  }
  await ctx.tmux(row.tmux_socket).killSession(row.tmux_session);
  // Its session may have vanished before its wrapper recorded the end: that record is on its
  // way. Let it land before the next run takes the id.
  await lastRunsGone(ctx, [ORCHESTRATOR_ID]);
  ctx.store.atomically(() => {
    ctx.store.transcripts.delete(ORCHESTRATOR_ID);
    ctx.jobs.delete(ORCHESTRATOR_ID);
  });
  // A stale exit file would end the new session at its first check.
  for (const f of [ctx.paths.exitFile(ORCHESTRATOR_ID), ctx.paths.prompt(ORCHESTRATOR_ID)]) {
    rmSync(f, { force: true });
  }
}

function launch(
  ctx: EngineContext,
  o: { agent: string; model: string | null; effort: string | null; dir: string; cwd: string },
  prompt: string,
): Promise<Job> {
  return startJob(
    ctx,
    {
      prompt,
      agent: o.agent,
      model: o.model ?? undefined,
      reasoning: o.effort ?? undefined,
      sandbox: 'workspace-write',
      dir: o.dir,
      cwd: o.cwd,
      allowTools: ALLOW,
    },
    {
      id: ORCHESTRATOR_ID,
      kind: 'orchestrator',
      env: { CC_AGENT_PATH_PREPEND: shimDir, CC_AGENT_NODE: process.execPath },
    },
  );
}

/** Start the orchestrator (fixed id `orch`, session `cc-agent-orch`) with its teaching prompt. */
export async function startOrchestrator(
  ctx: EngineContext,
  o: OrchestratorOptions,
  reason = 'started',
): Promise<Job> {
  await forgetEnded(ctx);
  const now = ctx.now();
  const job = await launch(
    ctx,
    {
      agent: o.agent ?? 'claude',
      model: o.model ?? null,
      effort: o.reasoning ?? null,
      dir: o.dir ?? o.cwd,
      cwd: o.cwd,
    },
    teachingPrompt(),
  );
  const before = getRecord(ctx);
  putRecord(
    ctx,
    {
      desired: 'running',
      agent: job.backend,
      model: o.model ?? null,
      effort: o.reasoning ?? null,
      dir: job.dir,
      started_at: now,
      respawns: 0,
      last_respawn_at: before?.last_respawn_at ?? null,
      sent_at: now,
      phase: 'normal',
      warn_at: null,
      reported_at: now,
    },
    reason,
  );
  saveState(ctx);
  recordActivity(ctx, 'orchestrator_started', { reason, agent: job.backend, dir: job.dir });
  return job;
}

/** Start a dead orchestrator again as it was configured, told to resume from its state. */
export async function respawnOrchestrator(ctx: EngineContext, why: string): Promise<Job> {
  const rec = getRecord(ctx);
  if (!rec) throw new CcAgentError('not_found', 'the orchestrator was never started');
  await forgetEnded(ctx);
  const now = ctx.now();
  patchRecord(
    ctx,
    {
      respawns: rec.respawns + 1,
      last_respawn_at: now,
      sent_at: now,
      phase: 'normal',
      warn_at: null,
    },
    `respawned: ${why}`,
  );
  const state = saveState(ctx);
  const prompt = `${teachingPrompt()}\n\n${respawnMessage(ctx.paths.orchestratorState, currentTask(ctx))}`;
  let job: Job;
  try {
    job = await launch(ctx, { ...rec, cwd: rec.dir }, prompt);
  } catch (e) {
    recordActivity(ctx, 'orchestrator_respawn_failed', { why, error: (e as Error).message });
    throw e;
  }
  recordActivity(ctx, 'orchestrator_respawned', {
    why,
    respawns: rec.respawns + 1,
    current_task: state.current_task?.id ?? null,
  });
  return job;
}

/** Stop it for good (no respawn); a task it held goes back to the queue. */
export async function stopOrchestrator(
  ctx: EngineContext,
): Promise<{ killed: boolean; requeued: string[] }> {
  const rec = getRecord(ctx);
  if (rec) patchRecord(ctx, { desired: 'stopped' }, 'stopped');
  // Killing an ended one too: its dead pane (kept for a look) goes with it.
  const killed = ctx.jobs.get(ORCHESTRATOR_ID)
    ? (await killJob(ctx, ORCHESTRATOR_ID)).wasRunning
    : false;
  const requeued = releaseTasks(ctx, ORCHESTRATOR_ID);
  if (rec) {
    saveState(ctx);
    recordActivity(ctx, 'orchestrator_stopped', { killed, requeued });
  }
  return { killed, requeued };
}

/** Type a message to the orchestrator; its turn counts as ended only after this one. */
export async function sendToOrchestrator(ctx: EngineContext, text: string): Promise<void> {
  if (!getRecord(ctx)) {
    throw new CcAgentError(
      'not_found',
      'the orchestrator is not running (cc-agent orchestrator start)',
    );
  }
  patchRecord(ctx, { sent_at: ctx.now() });
  await sendToJob(ctx, ORCHESTRATOR_ID, text);
}
