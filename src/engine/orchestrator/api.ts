import type { EngineContext } from '../context.js';
import { queueDepth, type Task } from '../queue/queue.js';
import { listActivity, type ActivityEntry } from '../store/activity.js';
import { toJob } from '../store/jobs-repo.js';
import type { Job } from '../store/job-types.js';
import { iso } from '../store/jobs-repo.js';
import { pulseStatus, type PulseStatus } from '../triggers/pulse-status.js';
import {
  sendToOrchestrator,
  startOrchestrator,
  stopOrchestrator,
  type OrchestratorOptions,
} from './control.js';
import { getRecord, ORCHESTRATOR_ID, type Phase } from './record.js';
import { currentTask, saveState } from './state-file.js';
import { respawnWait, superviseOnce } from './supervise.js';

export interface OrchestratorStatus {
  /** down: it should run but its session died (a respawn is due or waiting out the guard). */
  state: 'not started' | 'running' | 'stopped' | 'down';
  job: Job | null;
  contextPct: number | null;
  phase: Phase | null;
  currentTask: Task | null;
  queueDepth: number;
  respawns: number;
  lastRespawnAt: string | null;
  /** When down: ms until the respawn guard allows the next one. */
  respawnInMs: number | null;
  pulse: PulseStatus;
  statePath: string;
  /** Its latest automated actions (dispatches, clears, respawns). */
  recent: ActivityEntry[];
}

const KINDS = /^(orchestrator_|task_dispatched|context_|workers_reported)/;

function status(ctx: EngineContext): OrchestratorStatus {
  const rec = getRecord(ctx);
  const row = ctx.jobs.get(ORCHESTRATOR_ID);
  const live = row?.status === 'running' || row?.status === 'pending';
  const state = !rec
    ? 'not started'
    : live
      ? 'running'
      : rec.desired === 'running'
        ? 'down'
        : 'stopped';
  return {
    state,
    job: row ? toJob(row) : null,
    contextPct: row?.context_pct ?? null,
    phase: rec?.phase ?? null,
    currentTask: currentTask(ctx) ?? null,
    queueDepth: queueDepth(ctx),
    respawns: rec?.respawns ?? 0,
    lastRespawnAt: iso(rec?.last_respawn_at ?? null),
    respawnInMs: state === 'down' && rec ? respawnWait(ctx, rec) : null,
    pulse: pulseStatus(ctx),
    statePath: ctx.paths.orchestratorState,
    recent: listActivity(ctx, 200)
      .filter((a) => KINDS.test(a.kind))
      .slice(-10),
  };
}

/** The orchestrator as the engine offers it to every face. */
export function orchestratorApi(ctx: EngineContext) {
  return {
    start: (o: OrchestratorOptions) => startOrchestrator(ctx, o),
    stop: () => stopOrchestrator(ctx),
    /** Type a message to it (it must be running). */
    inject: (text: string) => sendToOrchestrator(ctx, text),
    /** Its state file, rewritten from the store now; `notes` replaces its saved notes. */
    state: (notes?: string) => saveState(ctx, notes),
    /** Its status as the store has it (a read: `engine.refresh()` first for a fresh one). */
    status: (): Promise<OrchestratorStatus> => Promise.resolve(status(ctx)),
    /** The same, synchronously: for a live face. */
    peek: () => status(ctx),
    /** One supervision step (the pulse leader runs these on its own). */
    supervise: () => superviseOnce(ctx),
  };
}
export type OrchestratorApi = ReturnType<typeof orchestratorApi>;
