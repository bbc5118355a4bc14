import { randomBytes } from 'node:crypto';
import { parseBudgetUsd } from '../budget/rules.js';
import type { EngineContext } from '../context.js';
import { badInput, CcAgentError, fieldError } from '../errors.js';
import { validText } from '../jobs/validate.js';
import { getSetting } from '../store/retention.js';
import type { TaskPageOptions } from '../store/task-pages.js';
import type { Task, TaskStatus } from '../store/task-rows.js';

export {
  ORDER,
  TASK_STATUSES,
  toTask,
  type Task,
  type TaskRow,
  type TaskStatus,
} from '../store/task-rows.js';

/** Far beyond any real use, and well inside SQLite's 64-bit integers (-1e20 is not). */
export const MAX_PRIORITY = 1_000_000;

export function validPriority(priority: number): number {
  if (!Number.isInteger(priority) || Math.abs(priority) > MAX_PRIORITY)
    throw fieldError(
      'priority',
      (n) => `invalid ${n} '${priority}' (a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY})`,
      'priority',
    );
  return priority;
}

export function addTask(
  ctx: EngineContext,
  prompt: string,
  priority = 0,
  budget?: string | number,
): Task {
  if (prompt.trim() === '') throw badInput('the task prompt is empty');
  validText(prompt, 'the task prompt');
  validPriority(priority);
  const budgetUsd = budget === undefined ? null : parseBudgetUsd(budget);
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (ctx.store.queue.insert({ id, prompt, priority, createdAt: ctx.now(), budgetUsd }))
      return getTask(ctx, id);
  }
}

export function getTask(ctx: EngineContext, id: string): Task {
  const task = ctx.store.queue.get(id);
  if (!task) throw new CcAgentError('not_found', `no queued task with id '${id}'`);
  return task;
}

export const listTasks = (ctx: EngineContext, status?: TaskStatus): Task[] =>
  ctx.store.queue.list(status);

/** Pending tasks waiting to be handed out (the `queue_depth` metric). */
export const queueDepth = (ctx: EngineContext): number => ctx.store.queue.depth();

export function removeTask(ctx: EngineContext, id: string): Task {
  const task = getTask(ctx, id);
  if (task.status === 'running') {
    throw new CcAgentError(
      'blocked',
      `task ${id} is running; report it with queue done/fail first`,
    );
  }
  ctx.store.queue.delete(id);
  return task;
}

/**
 * Hand the next task (highest priority, then oldest) to an agent, atomically: two engines can
 * never both take the same task.
 */
export const claimNextTask = (ctx: EngineContext, jobId: string): Task | undefined =>
  ctx.store.queue.claimNext(jobId, ctx.now());

/** The agent reports a task: done (with its result) or failed. Only a running task can end. */
export function finishTask(
  ctx: EngineContext,
  id: string,
  outcome: { status: 'done' | 'failed'; text?: string },
): Task {
  const task = getTask(ctx, id);
  if (task.status !== 'running' && task.status !== 'pending') {
    throw new CcAgentError('blocked', `task ${id} is already ${task.status}`);
  }
  const done = ctx.store.queue.finish(id, {
    status: outcome.status,
    result: outcome.status === 'done' ? (outcome.text ?? null) : null,
    error: outcome.status === 'failed' ? (outcome.text ?? 'failed') : null,
    at: ctx.now(),
  });
  return done ?? getTask(ctx, id);
}

/** An agent that stops holding its tasks (the orchestrator was stopped): back to pending. */
export const releaseTasks = (ctx: EngineContext, jobId: string): string[] =>
  ctx.store.queue.release(jobId);

/** Running tasks past the timeout fail, so the queue never stalls on a lost report. */
export function expireTasks(ctx: EngineContext): Task[] {
  const minutes = getSetting(ctx, 'queue.task_timeout_minutes');
  return ctx.store.queue.runningSince(ctx.now() - minutes * 60_000).map((id) =>
    finishTask(ctx, id, {
      status: 'failed',
      text: `timed out after ${minutes} min without a report`,
    }),
  );
}

/** The queue as the engine offers it to every face. */
export function queueApi(ctx: EngineContext) {
  return {
    add: (prompt: string, priority?: number, budget?: string | number) =>
      addTask(ctx, prompt, priority, budget),
    get: (id: string) => getTask(ctx, id),
    /** A read: tasks past their timeout fail on the engine's refresh, not here. */
    list: (status?: TaskStatus) => listTasks(ctx, status),
    /** One page of the queue, in order, each task cut to a preview (lists and live views). */
    page: (options: TaskPageOptions = {}) => ctx.store.queue.page(options),
    remove: (id: string) => removeTask(ctx, id),
    done: (id: string, result?: string) => finishTask(ctx, id, { status: 'done', text: result }),
    fail: (id: string, error?: string) => finishTask(ctx, id, { status: 'failed', text: error }),
    claim: (jobId: string) => claimNextTask(ctx, jobId),
    depth: () => queueDepth(ctx),
  };
}
export type QueueApi = ReturnType<typeof queueApi>;
