import type { Db } from './db.js';
import { NO_DEPS, type TaskDeps, type TaskStatus } from './task-rows.js';

/**
 * Task dependencies (the queue_after table): which tasks a task comes after, and what that
 * means now. "Waiting" and "blocked" are worked out from the prerequisites' statuses when the
 * tasks are read, never stored, so a prerequisite retried and done unblocks its dependants
 * with no write to them.
 */

/** A task is claimable when it has no prerequisite that is not done (a deleted one is gone). */
export const READY = `NOT EXISTS (
  SELECT 1 FROM queue_after a JOIN queue p ON p.id = a.after_id
  WHERE a.task_id = queue.id AND p.status <> 'done')`;

export function insertAfter(db: Db, taskId: string, after: readonly string[]): void {
  const put = db.prepare(
    'INSERT INTO queue_after (task_id, after_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  for (const a of after) put.run(taskId, a);
}

/** A task's edges both ways go with it. */
export function deleteEdges(db: Db, id: string): void {
  db.prepare('DELETE FROM queue_after WHERE task_id = ? OR after_id = ?').run(id, id);
}

/** Every task that comes after `id`, directly or through others (UNION: a cycle ends). */
export function downstream(db: Db, id: string): string[] {
  return db
    .prepare(
      `WITH RECURSIVE down(id) AS (
         SELECT task_id FROM queue_after WHERE after_id = ?
         UNION SELECT a.task_id FROM queue_after a JOIN down ON a.after_id = down.id)
       SELECT id FROM down`,
    )
    .pluck()
    .all(id) as string[];
}

interface EdgeRow {
  task_id: string;
  after_id: string;
  status: TaskStatus | null;
}

/** The dependency graph as it stands, read once for a whole list. */
export class DepGraph {
  private readonly after = new Map<string, string[]>();
  private readonly status = new Map<string, TaskStatus | null>();
  private readonly blocked = new Map<string, string[]>();

  constructor(db: Db) {
    // Small next to the queue itself: one row per edge, read only when a list is.
    const rows = db
      .prepare(
        `SELECT a.task_id, a.after_id, p.status FROM queue_after a
         LEFT JOIN queue p ON p.id = a.after_id ORDER BY a.rowid`,
      )
      .all() as EdgeRow[];
    for (const r of rows) {
      const list = this.after.get(r.task_id) ?? [];
      list.push(r.after_id);
      this.after.set(r.task_id, list);
      this.status.set(r.after_id, r.status);
    }
  }

  of(id: string): TaskDeps {
    const after = this.after.get(id);
    if (!after) return NO_DEPS;
    const waitingOn = after.filter((a) => {
      const s = this.status.get(a);
      return s !== 'done' && s !== null && s !== undefined;
    });
    return { after, waitingOn, blockedBy: this.blockedBy(id, new Set()) };
  }

  /** The failed tasks upstream of `id`, reached through prerequisites not done. */
  private blockedBy(id: string, seen: Set<string>): string[] {
    const known = this.blocked.get(id);
    if (known) return known;
    seen.add(id);
    const out = new Set<string>();
    for (const a of this.after.get(id) ?? []) {
      const s = this.status.get(a);
      if (s === 'failed') out.add(a);
      else if ((s === 'pending' || s === 'running') && !seen.has(a))
        for (const b of this.blockedBy(a, seen)) out.add(b);
    }
    const list = [...out];
    this.blocked.set(id, list);
    return list;
  }
}
