import type { Task } from '../engine/index.js';

/**
 * How a task's dependencies read on every face (CLI table, TUI panel, page). The store keeps a
 * waiting or blocked task `pending` and says why in `waitingOn` / `blockedBy` (JSON keeps
 * those); people see the reason as its state.
 */
type Deps = Pick<Task, 'status' | 'after' | 'waitingOn' | 'blockedBy'>;

export type TaskState = Task['status'] | 'waiting' | 'blocked';

/** `blocked` (a failed task upstream), `waiting` (a prerequisite not done yet), else the status. */
export function taskState(t: Deps): TaskState {
  if (t.status !== 'pending') return t.status;
  if (t.blockedBy.length > 0) return 'blocked';
  if (t.waitingOn.length > 0) return 'waiting';
  return 'pending';
}

/** The AFTER column: the ids it comes after, `-` for none. */
export const afterText = (t: Deps): string => (t.after.length > 0 ? t.after.join(',') : '-');

/** "blocked by a (failed)", "waits on b, c", or '' for a task that waits on nothing. */
export function waitWords(t: Deps): string {
  const state = taskState(t);
  if (state === 'blocked') return `blocked by ${t.blockedBy.join(', ')} (failed)`;
  if (state === 'waiting') return `waits on ${t.waitingOn.join(', ')}`;
  return '';
}
