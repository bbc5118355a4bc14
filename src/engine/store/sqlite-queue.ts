import type { ChangeFeed } from './changes.js';
import type { Db } from './db.js';
import type { QueueRepo } from './repositories.js';
import { DepGraph, deleteEdges, downstream, insertAfter, READY } from './task-deps.js';
import { PREVIEW_CHARS, type TaskPage, type TaskPageOptions } from './task-pages.js';
import { ORDER, toTask, type Task, type TaskRow, type TaskStatus } from './task-rows.js';

/** The queue table. Every write announces the task as it now is (or its removal). */
export class SqliteQueue implements QueueRepo {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
  ) {}

  private announce(id: string): Task | undefined {
    const task = this.get(id);
    if (task) this.changes.emit('queue_updated', task);
    return task;
  }

  /** A task's end or return changes what its pending dependants wait on: they are told too. */
  private announceDownstream(id: string): void {
    for (const d of downstream(this.db, id))
      if (this.get(d)?.status === 'pending') this.announce(d);
  }

  insert(t: {
    id: string;
    prompt: string;
    priority: number;
    createdAt: number;
    budgetUsd?: number | null;
    after?: readonly string[];
  }): boolean {
    const write = this.db.transaction(() => {
      const r = this.db
        .prepare(
          `INSERT INTO queue (id, prompt, priority, status, created_at, budget_usd)
           VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(t.id, t.prompt, t.priority, t.createdAt, t.budgetUsd ?? null);
      if (r.changes !== 1) return false;
      insertAfter(this.db, t.id, t.after ?? []);
      this.announce(t.id);
      return true;
    });
    return this.changes.run(() => write());
  }

  get(id: string): Task | undefined {
    const row = this.db.prepare('SELECT * FROM queue WHERE id = ?').get(id) as TaskRow | undefined;
    return row && toTask(row, new DepGraph(this.db).of(id));
  }

  list(status?: TaskStatus): Task[] {
    const rows = status
      ? this.db.prepare(`SELECT * FROM queue WHERE status = ? ORDER BY ${ORDER}`).all(status)
      : this.db.prepare(`SELECT * FROM queue ORDER BY ${ORDER}`).all();
    const deps = new DepGraph(this.db);
    return (rows as TaskRow[]).map((r) => toTask(r, deps.of(r.id)));
  }

  /** SQLite cuts the prompts: a queue of 10 MB of prompts costs what its previews cost. */
  page(options: TaskPageOptions = {}): TaskPage {
    const where = options.status ? 'WHERE status = @status' : '';
    const rows = this.db
      .prepare(
        `SELECT id, substr(prompt, 1, @n) AS prompt, length(prompt) AS prompt_length, priority,
           status, substr(result, 1, @n) AS result, substr(error, 1, @n) AS error, job_id,
           budget_usd, created_at, started_at, ended_at
         FROM queue ${where} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`,
      )
      .all({
        n: PREVIEW_CHARS,
        status: options.status ?? null,
        // No limit, in words both dialects take (SQLite's -1 is an error to PostgreSQL).
        limit: options.limit ?? Number.MAX_SAFE_INTEGER,
        offset: options.offset ?? 0,
      }) as (TaskRow & { prompt_length: number })[];
    const total = this.db
      .prepare(`SELECT count(*) FROM queue ${where}`)
      .pluck()
      .get(options.status ? { status: options.status } : {}) as number;
    const deps = new DepGraph(this.db);
    const tasks = rows.map((r) => ({ ...toTask(r, deps.of(r.id)), promptLength: r.prompt_length }));
    return { tasks, total };
  }

  depth(): number {
    return this.db
      .prepare(`SELECT count(*) FROM queue WHERE status = 'pending' AND ${READY}`)
      .pluck()
      .get() as number;
  }

  delete(id: string): boolean {
    const remove = this.db.transaction(() => {
      const later = downstream(this.db, id);
      if (this.db.prepare('DELETE FROM queue WHERE id = ?').run(id).changes === 0) return false;
      deleteEdges(this.db, id);
      this.changes.emit('queue_removed', { id });
      for (const d of later) if (this.get(d)?.status === 'pending') this.announce(d);
      return true;
    });
    return this.changes.run(() => remove());
  }

  dependants(id: string): Task[] {
    return downstream(this.db, id)
      .map((d) => this.get(d))
      .filter((t): t is Task => t !== undefined);
  }

  claimNext(jobId: string, now: number): Task | undefined {
    if (this.db.dialect === 'postgres') return this.claimSkipLocked(jobId, now);
    const claim = this.db.transaction(() => {
      // Ready only: every prerequisite done, read in the same write lock as the claim.
      const row = this.db
        .prepare(
          `SELECT id FROM queue WHERE status = 'pending' AND ${READY} ORDER BY ${ORDER} LIMIT 1`,
        )
        .get() as { id: string } | undefined;
      if (!row) return undefined;
      this.db
        .prepare(`UPDATE queue SET status = 'running', job_id = ?, started_at = ? WHERE id = ?`)
        .run(jobId, now, row.id);
      return this.announce(row.id);
    });
    // IMMEDIATE: two engines can never both take the same task.
    return this.changes.run(() => claim.immediate());
  }

  /**
   * PostgreSQL, many hosts claiming at once: one statement locks the first ready row no other
   * claim holds (SKIP LOCKED) and takes it, so claims never wait on each other nor collide.
   */
  private claimSkipLocked(jobId: string, now: number): Task | undefined {
    return this.changes.run(() => {
      const row = this.db
        .prepare(
          `UPDATE queue SET status = 'running', job_id = ?, started_at = ?
           WHERE id = (SELECT id FROM queue WHERE status = 'pending' AND ${READY}
                       ORDER BY ${ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
        )
        .get(jobId, now) as { id: string } | undefined;
      return row ? this.announce(row.id) : undefined;
    });
  }

  /** The agent that took a task it claimed under a placeholder (a host starting its worker). */
  assign(id: string, jobId: string): void {
    this.changes.run(() => {
      if (
        this.db
          .prepare(`UPDATE queue SET job_id = ? WHERE id = ? AND status = 'running'`)
          .run(jobId, id).changes === 1
      )
        this.announce(id);
    });
  }

  finish(
    id: string,
    end: { status: 'done' | 'failed'; result: string | null; error: string | null; at: number },
  ): Task | undefined {
    const write = this.db.transaction(() => {
      const r = this.db
        .prepare(
          `UPDATE queue SET status = ?, result = ?, error = ?, ended_at = ?
           WHERE id = ? AND status IN ('pending', 'running')`,
        )
        .run(end.status, end.result, end.error, end.at, id);
      if (r.changes === 0) return undefined;
      const task = this.announce(id);
      this.announceDownstream(id);
      return task;
    });
    return this.changes.run(() => write());
  }

  retry(id: string): Task | undefined {
    const write = this.db.transaction(() => {
      const r = this.db
        .prepare(
          `UPDATE queue SET status = 'pending', result = NULL, error = NULL, job_id = NULL,
             started_at = NULL, ended_at = NULL
           WHERE id = ? AND status = 'failed'`,
        )
        .run(id);
      if (r.changes === 0) return undefined;
      const task = this.announce(id);
      this.announceDownstream(id);
      return task;
    });
    return this.changes.run(() => write());
  }

  release(jobId: string): string[] {
    const ids = this.db
      .prepare(`SELECT id FROM queue WHERE status = 'running' AND job_id = ?`)
      .pluck()
      .all(jobId) as string[];
    const put = this.db.prepare(
      `UPDATE queue SET status = 'pending', job_id = NULL, started_at = NULL
       WHERE id = ? AND status = 'running'`,
    );
    for (const id of ids) if (put.run(id).changes > 0) this.announce(id);
    return ids;
  }

  runningSince(before: number): string[] {
    return this.db
      .prepare(`SELECT id FROM queue WHERE status = 'running' AND started_at < ?`)
      .pluck()
      .all(before) as string[];
  }

  endedBy(jobId: string, limit: number): Task[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM queue WHERE job_id = ? AND status IN ('done', 'failed')
         ORDER BY ended_at DESC LIMIT ?`,
      )
      .all(jobId, limit) as TaskRow[];
    const deps = new DepGraph(this.db);
    return rows.map((r) => toTask(r, deps.of(r.id)));
  }
}
