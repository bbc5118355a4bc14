import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { badInput, CcAgentError, refused } from '../errors.js';
import { parseBudgetUsd } from '../budget/rules.js';
import { validText } from '../jobs/validate.js';
import type { Task } from '../store/task-rows.js';
import { afterIds, parsePlan, validTaskId, type PlanTask } from './plan.js';
import { validPriority } from './priority.js';

/** How a task is added besides its prompt: its priority, its name, what it comes after. */
export interface AddOptions {
  priority?: number;
  id?: string;
  /** Task ids (a comma list is split), each of which must be done before this one runs. */
  after?: readonly string[];
  /** USD the workers started for it may spend (`queue add --budget`). */
  budget?: string | number;
}

const drawId = (): string => randomBytes(4).toString('hex');

/**
 * Write tasks already checked for shape, as one unit under the write lock: every id free, every
 * prerequisite known (an earlier task or one of these), or nothing at all is added. A new task
 * can only come after tasks that exist or come with it, so with the plan free of cycles
 * (plan.ts) no write here can close one.
 */
function write(
  ctx: EngineContext,
  tasks: (PlanTask & { budgetUsd?: number | null })[],
  unknown: (t: PlanTask, a: string) => CcAgentError,
): Task[] {
  const q = ctx.store.queue;
  return ctx.store.atomically(() => {
    const named = new Set(tasks.flatMap((t) => (t.id === undefined ? [] : [t.id])));
    for (const t of tasks) {
      if (t.id !== undefined && q.get(t.id)) throw taken(t.id);
      for (const a of t.after) if (!named.has(a) && !q.get(a)) throw unknown(t, a);
    }
    const at = ctx.now();
    const ids = tasks.map((t) => {
      const row = {
        prompt: t.prompt,
        priority: t.priority,
        createdAt: at,
        after: t.after,
        budgetUsd: t.budgetUsd ?? null,
      };
      if (t.id !== undefined) {
        if (!q.insert({ ...row, id: t.id })) throw taken(t.id);
        return t.id;
      }
      for (;;) {
        const id = drawId();
        if (!named.has(id) && q.insert({ ...row, id })) return id;
      }
    });
    return ids.map((id) => q.get(id) as Task);
  }, 'immediate');
}

const taken = (id: string): CcAgentError =>
  refused(`task id '${id}' is taken (see: cc-agent queue list)`);

export function addTask(ctx: EngineContext, prompt: string, options: AddOptions = {}): Task {
  if (prompt.trim() === '') throw badInput('the task prompt is empty');
  validText(prompt, 'the task prompt');
  const priority = validPriority(options.priority ?? 0);
  const id = options.id === undefined ? undefined : validTaskId(options.id);
  const after = afterIds(options.after ?? []);
  if (id !== undefined && after.includes(id))
    throw refused(`task '${id}' cannot come after itself (a cycle)`);
  const budgetUsd = options.budget === undefined ? null : parseBudgetUsd(options.budget);
  const task = { ...(id === undefined ? {} : { id }), prompt, priority, after, budgetUsd };
  // About the `after` field: the CLI says --after, the API and the page say after.
  const [added] = write(ctx, [task], (_t, a) => {
    const say = (n: string): string => `unknown task '${a}' in ${n} (see: cc-agent queue list)`;
    return new CcAgentError('refused', say('--after'), { about: { field: 'after', say } });
  });
  return added as Task;
}

/**
 * A whole plan (`queue add --file`): `{"tasks": [{"id", "prompt", "priority"?, "after"?}]}`,
 * its ids its own or tasks already queued. Any error, and nothing is added.
 */
export function addPlan(ctx: EngineContext, text: string): Task[] {
  const tasks = parsePlan(text, validPriority);
  return write(ctx, tasks, (t, a) =>
    refused(`plan task${t.id ? ` '${t.id}'` : ''} comes after unknown task '${a}'`),
  );
}
