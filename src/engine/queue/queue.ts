import type { EngineContext } from '../context.js';
import { CcAgentError, refused } from '../errors.js';
import { getSetting } from '../store/retention.js';
import type { TaskPageOptions } from '../store/task-pages.js';
import type { Task, TaskStatus } from '../store/task-rows.js';
import { addPlan, addTask, type AddOptions } from './add.js';

export {
  ORDER,
  TASK_STATUSES,
  toTask,
  type Task,
  type TaskRow,
  type TaskStatus,
} from '../store/task-rows.js';

export { MAX_PRIORITY, validPriority } from './priority.js';
export { addPlan, addTask, type AddOptions } from './add.js';

export function getTask(ctx: EngineContext, id: string): Task {
  const task = ctx.store.queue.get(id);
  if (!task) throw new CcAgentError('not_found', `no queued task with id '${id}'`);
  return task;
}

export const listTasks = (ctx: EngineContext, status?: TaskStatus): Task[] =>
  ctx.store.queue.list(status);

/** Pending tasks ready to be handed out, every prerequisite done (the `queue_depth` metric). */
export const queueDepth = (ctx: EngineContext): number => ctx.store.queue.depth();

export function removeTask(ctx: EngineContext, id: string): Task {
  const task = getTask(ctx, id);
  if (task.status === 'running') {
    throw new CcAgentError(
      'blocked',
      `task ${id} is running; report it with queue done/fail first`,
    );
  }
  // A prerequisite not done is what its dependants wait on: dropping it would set them loose.
  const waiting = ctx.store.queue.dependants(id).filter((d) => d.waitingOn.includes(id));
  if (task.status !== 'done' && waiting.length > 0) {
    throw refused(
      `task ${id} is a prerequisite of ${waiting.map((d) => d.id).join(', ')}; remove them first`,
    );
  }
  ctx.store.queue.delete(id);
  return task;
}

/** A failed task back to pending: it runs again, and what waits on it unblocks once it is done. */
export function retryTask(ctx: EngineContext, id: string): Task {
  const task = getTask(ctx, id);
  if (task.status !== 'failed') {
    throw new CcAgentError(
      'blocked',
      `task ${id} is ${task.status}; only a failed task is retried`,
    );
  }
  return ctx.store.queue.retry(id) ?? getTask(ctx, id);
}

/**
 * Hand the next ready task (every prerequisite done; highest priority, then oldest) to an
 * agent, atomically: two engines can never both take the same task.
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
    add: (prompt: string, priority?: number, more: Omit<AddOptions, 'priority'> = {}) =>
      addTask(ctx, prompt, { ...more, priority }),
    /** A whole plan's tasks (plan.ts), all or none. */
    addPlan: (text: string) => addPlan(ctx, text),
    get: (id: string) => getTask(ctx, id),
    /** A read: tasks past their timeout fail on the engine's refresh, not here. */
    list: (status?: TaskStatus) => listTasks(ctx, status),
    /** One page of the queue, in order, each task cut to a preview (lists and live views). */
    page: (options: TaskPageOptions = {}) => ctx.store.queue.page(options),
    remove: (id: string) => removeTask(ctx, id),
    done: (id: string, result?: string) => finishTask(ctx, id, { status: 'done', text: result }),
    fail: (id: string, error?: string) => finishTask(ctx, id, { status: 'failed', text: error }),
    retry: (id: string) => retryTask(ctx, id),
    claim: (jobId: string) => claimNextTask(ctx, jobId),
    depth: () => queueDepth(ctx),
  };
}
export type QueueApi = ReturnType<typeof queueApi>;
