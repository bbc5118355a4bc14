import { badInput, CcAgentError, fieldError, refused } from '../errors.js';
import { parseProblem } from '../json-problem.js';
import { validText } from '../jobs/validate.js';

/**
 * A plan: a goal broken into tasks that wait for each other, added all at once
 * (`queue add --file plan.json`). Only its shape is checked here; which ids exist already
 * is the store's to say (add.ts), in the same unit of work as the writes.
 */
export interface PlanTask {
  /** Given, or drawn when the task is added. */
  id?: string;
  prompt: string;
  priority: number;
  after: string[];
}

/** A task's name: a short slug (lowercase letters, digits, - and _); generated ids fit it. */
const TASK_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const ID_RULE = "a short name: lowercase letters, digits, - and _, at most 32, e.g. 'api-tests'";

export function validTaskId(id: string, field: 'id' | 'after' = 'id'): string {
  if (!TASK_ID.test(id)) throw fieldError(field, (n) => `invalid ${n} '${id}' (${ID_RULE})`);
  return id;
}

/** `--after a,b --after c`: the ids, each checked, each once, in the order given. */
export function afterIds(given: readonly string[]): string[] {
  const ids = given.flatMap((g) => g.split(',')).map((s) => s.trim());
  return [...new Set(ids.map((id) => validTaskId(id, 'after')))];
}

function planPriority(n: number, at: string, valid: (n: number) => number): number {
  try {
    return valid(n);
  } catch (e) {
    throw e instanceof CcAgentError ? badInput(`${at}: ${e.naming('priority')}`) : e;
  }
}

/** The same check in a plan, worded for the task it is about. */
function planId(id: string, at: string, what: string): string {
  if (!TASK_ID.test(id)) throw badInput(`${at}: invalid ${what} '${id}' (${ID_RULE})`);
  return id;
}

const KEYS = ['id', 'prompt', 'priority', 'after'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function planTask(v: unknown, at: string, validPriority: (n: number) => number): PlanTask {
  if (!isObject(v)) throw badInput(`${at} is not an object`);
  const extra = Object.keys(v).find((k) => !KEYS.includes(k));
  if (extra) throw badInput(`${at}: unknown key '${extra}' (expected ${KEYS.join(', ')})`);
  const { id, prompt, priority, after } = v;
  if (id !== undefined && typeof id !== 'string') throw badInput(`${at}: id is not a string`);
  if (typeof prompt !== 'string' || prompt.trim() === '')
    throw badInput(`${at}: prompt is missing or empty`);
  if (priority !== undefined && typeof priority !== 'number')
    throw badInput(`${at}: priority is not a number`);
  if (after !== undefined && !(Array.isArray(after) && after.every((a) => typeof a === 'string')))
    throw badInput(`${at}: after is not a list of task ids`);
  return {
    ...(id === undefined ? {} : { id: planId(id, at, 'id') }),
    prompt: validText(prompt, `${at}: the prompt`),
    priority: priority === undefined ? 0 : planPriority(priority, at, validPriority),
    after: [
      ...new Set(((after as string[] | undefined) ?? []).map((a) => planId(a, at, 'after id'))),
    ],
  };
}

/** The plan's text, parsed and checked: bad JSON (with its line), shape, duplicates, cycles. */
export function parsePlan(text: string, validPriority: (n: number) => number): PlanTask[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw badInput(`the plan is not valid JSON (${parseProblem(text, e)})`);
  }
  const list = isObject(doc) ? doc['tasks'] : undefined;
  if (!Array.isArray(list) || list.length === 0)
    throw badInput('the plan has no tasks (expected {"tasks": [{"id": …, "prompt": …}, …]})');
  const tasks = list.map((t, i) => {
    const id = isObject(t) && typeof t['id'] === 'string' ? ` '${t['id']}'` : '';
    return planTask(t, `plan task ${i + 1}${id}`, validPriority);
  });
  const seen = new Set<string>();
  for (const t of tasks) {
    if (t.id === undefined) continue;
    if (seen.has(t.id)) throw badInput(`the plan names task '${t.id}' twice`);
    seen.add(t.id);
  }
  const loop = cycle(tasks);
  if (loop) throw refused(`the plan has a cycle: ${loop.join(' waits on ')}`);
  return tasks;
}

/** A cycle among the plan's own tasks (ids in order, the first repeated last), if any. */
function cycle(tasks: PlanTask[]): string[] | undefined {
  const after = new Map(tasks.flatMap((t) => (t.id === undefined ? [] : [[t.id, t.after]])));
  const state = new Map<string, 'open' | 'closed'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'closed' || !after.has(id)) return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    for (const a of after.get(id) ?? []) {
      const found = visit(a);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'closed');
    return undefined;
  };
  for (const id of after.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}
