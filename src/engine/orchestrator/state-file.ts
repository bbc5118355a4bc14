import { readFileSync } from 'node:fs';
import type { EngineContext } from '../context.js';
import { listTasks, type Task } from '../queue/queue.js';
import { writeAtomic } from '../store/job-files.js';
import { iso } from '../store/jobs-repo.js';
import { getRecord, ORCHESTRATOR_ID } from './record.js';

/** `orchestrator-state.json` (guide §7): what the orchestrator needs to resume after a clear. */
export interface OrchestratorState {
  started_at: string | null;
  status: string;
  current_task: { id: string; description: string; priority: number; started_at: string } | null;
  active_agents: string[];
  completed_tasks: {
    id: string;
    description: string;
    result: string;
    completed_at: string | null;
  }[];
  pending_tasks: { id: string; description: string; priority: number }[];
  /** The orchestrator's own words (orchestrator save --notes), kept across every rewrite. */
  notes: string;
  last_saved: string;
}

const KEEP_COMPLETED = 5;

/** Equal but for the save time: the supervisor rewrites the file only when this differs. */
const same = (a: Partial<OrchestratorState>, b: OrchestratorState): boolean =>
  JSON.stringify({ ...a, last_saved: '' }) === JSON.stringify({ ...b, last_saved: '' });
const KEEP_PENDING = 10;

export function readStateFile(ctx: EngineContext): Partial<OrchestratorState> | null {
  try {
    return JSON.parse(readFileSync(ctx.paths.orchestratorState, 'utf8')) as OrchestratorState;
  } catch {
    return null;
  }
}

/** The running task the orchestrator holds, if any. */
export const currentTask = (ctx: EngineContext): Task | undefined =>
  listTasks(ctx, 'running').find((t) => t.jobId === ORCHESTRATOR_ID);

/**
 * Rewrite the state file from the store (tasks, workers, status), keeping the orchestrator's
 * notes unless new ones are given. Every read through `orchestrator state` is current.
 */
export function saveState(
  ctx: EngineContext,
  notes?: string,
  onlyIfChanged = false,
): OrchestratorState {
  const before = readStateFile(ctx);
  const rec = getRecord(ctx);
  const row = ctx.jobs.get(ORCHESTRATOR_ID);
  const cur = currentTask(ctx);
  const ended = ctx.store.queue.endedBy(ORCHESTRATOR_ID, KEEP_COMPLETED);
  const workers = ctx.store.orchestrator.activeWorkers(ORCHESTRATOR_ID);
  const state: OrchestratorState = {
    started_at: iso(rec?.started_at ?? null),
    status: !row
      ? 'not started'
      : row.status === 'running'
        ? (row.activity ?? 'running')
        : `${row.status}${rec?.desired === 'running' ? ' (respawn pending)' : ''}`,
    current_task: cur
      ? {
          id: cur.id,
          description: cur.prompt,
          priority: cur.priority,
          started_at: cur.startedAt ?? '',
        }
      : null,
    active_agents: workers,
    completed_tasks: ended.map((t) => ({
      id: t.id,
      description: t.prompt.split('\n')[0] ?? '',
      result: t.status === 'done' ? (t.result ?? 'done') : `failed: ${t.error ?? ''}`,
      completed_at: t.endedAt,
    })),
    pending_tasks: listTasks(ctx, 'pending')
      .slice(0, KEEP_PENDING)
      .map((t) => ({ id: t.id, description: t.prompt.split('\n')[0] ?? '', priority: t.priority })),
    notes: notes ?? before?.notes ?? '',
    last_saved: new Date(ctx.now()).toISOString(),
  };
  if (onlyIfChanged && before && same(before, state)) return state;
  writeAtomic(ctx.paths.orchestratorState, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}
