import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { badInput, CcAgentError } from '../errors.js';
import { validText } from '../jobs/validate.js';
import { getSetting } from '../store/retention.js';
import { taskPage, type TaskPageOptions } from '../store/task-pages.js';
import { ORDER, toTask, type Task, type TaskRow, type TaskStatus } from '../store/task-rows.js';

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
    throw badInput(
      `invalid priority '${priority}' (a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY})`,
    );
  return priority;
}

export function addTask(ctx: EngineContext, prompt: string, priority = 0): Task {
  if (prompt.trim() === '') throw badInput('the task prompt is empty');
  validText(prompt, 'the task prompt');
  validPriority(priority);
  for (;;) {
    const id = randomBytes(4).toString('hex');
    const r = ctx.db
      .prepare(
        `INSERT OR IGNORE INTO queue (id, prompt, priority, status, created_at)
         VALUES (?, ?, ?, 'pending', ?)`,
      )
      .run(id, prompt, priority, ctx.now());
    if (r.changes === 1) {
      const task = getTask(ctx, id);
      ctx.events.emit('queue_updated', task);
      return task;
    }
  }
}

export function getTask(ctx: EngineContext, id: string): Task {
  const row = ctx.db.prepare('SELECT * FROM queue WHERE id = ?').get(id) as TaskRow | undefined;
  if (!row) throw new CcAgentError('not_found', `no queued task with id '${id}'`);
  return toTask(row);
}

export function listTasks(ctx: EngineContext, status?: TaskStatus): Task[] {
  const rows = status
    ? ctx.db.prepare(`SELECT * FROM queue WHERE status = ? ORDER BY ${ORDER}`).all(status)
    : ctx.db.prepare(`SELECT * FROM queue ORDER BY ${ORDER}`).all();
  return (rows as TaskRow[]).map(toTask);
}

/** Pending tasks waiting to be handed out (the `queue_depth` metric). */
export const queueDepth = (ctx: EngineContext): number =>
  ctx.db.prepare("SELECT count(*) FROM queue WHERE status = 'pending'").pluck().get() as number;

export function removeTask(ctx: EngineContext, id: string): Task {
  const task = getTask(ctx, id);
  if (task.status === 'running') {
    throw new CcAgentError(
      'blocked',
      `task ${id} is running; report it with queue done/fail first`,
    );
  }
  ctx.db.prepare('DELETE FROM queue WHERE id = ?').run(id);
  ctx.events.emit('queue_removed', { id });
  return task;
}

/**
 * Hand the next task (highest priority, then oldest) to an agent, atomically: two engines can
 * never both take the same task.
 */
export function claimNextTask(ctx: EngineContext, jobId: string): Task | undefined {
  const claimed = ctx.db
    .transaction(() => {
      const row = ctx.db
        .prepare(`SELECT * FROM queue WHERE status = 'pending' ORDER BY ${ORDER} LIMIT 1`)
        .get() as TaskRow | undefined;
      if (!row) return undefined;
      ctx.db
        .prepare(`UPDATE queue SET status = 'running', job_id = ?, started_at = ? WHERE id = ?`)
        .run(jobId, ctx.now(), row.id);
      return row.id;
    })
    .immediate();
  if (!claimed) return undefined;
  const task = getTask(ctx, claimed);
  ctx.events.emit('queue_updated', task);
  return task;
}

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
  ctx.db
    .prepare(
      `UPDATE queue SET status = ?, result = ?, error = ?, ended_at = ?
       WHERE id = ? AND status IN ('pending', 'running')`,
    )
    .run(
      outcome.status,
      outcome.status === 'done' ? (outcome.text ?? null) : null,
      outcome.status === 'failed' ? (outcome.text ?? 'failed') : null,
      ctx.now(),
      id,
    );
  const done = getTask(ctx, id);
  ctx.events.emit('queue_updated', done);
  return done;
}

/** An agent that stops holding its tasks (the orchestrator was stopped): back to pending. */
export function releaseTasks(ctx: EngineContext, jobId: string): string[] {
  const ids = ctx.db
    .prepare(`SELECT id FROM queue WHERE status = 'running' AND job_id = ?`)
    .pluck()
    .all(jobId) as string[];
  const put = ctx.db.prepare(
    `UPDATE queue SET status = 'pending', job_id = NULL, started_at = NULL
     WHERE id = ? AND status = 'running'`,
  );
  for (const id of ids) {
    put.run(id);
    ctx.events.emit('queue_updated', getTask(ctx, id));
  }
  return ids;
}

/** Running tasks past the timeout fail, so the queue never stalls on a lost report. */
export function expireTasks(ctx: EngineContext): Task[] {
  const limit = getSetting(ctx, 'queue.task_timeout_minutes') * 60_000;
  const stale = ctx.db
    .prepare(`SELECT id FROM queue WHERE status = 'running' AND started_at < ?`)
    .pluck()
    .all(ctx.now() - limit) as string[];
  return stale.map((id) =>
    finishTask(ctx, id, {
      status: 'failed',
      text: `timed out after ${getSetting(ctx, 'queue.task_timeout_minutes')} min without a report`,
    }),
  );
}

/** The queue as the engine offers it to every face. */
export function queueApi(ctx: EngineContext) {
  return {
    add: (prompt: string, priority?: number) => addTask(ctx, prompt, priority),
    get: (id: string) => getTask(ctx, id),
    list: (status?: TaskStatus) => {
      expireTasks(ctx);
      return listTasks(ctx, status);
    },
    /** One page of the queue, in order, each task cut to a preview (lists and live views). */
    page: (options: TaskPageOptions = {}) => {
      expireTasks(ctx);
      return taskPage(ctx, options);
    },
    remove: (id: string) => removeTask(ctx, id),
    done: (id: string, result?: string) => finishTask(ctx, id, { status: 'done', text: result }),
    fail: (id: string, error?: string) => finishTask(ctx, id, { status: 'failed', text: error }),
    claim: (jobId: string) => claimNextTask(ctx, jobId),
    depth: () => queueDepth(ctx),
  };
}
export type QueueApi = ReturnType<typeof queueApi>;
