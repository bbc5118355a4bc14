import type { Db } from './db.js';

/** A host's engine, as its heartbeat says. Times are epoch ms. */
export interface HostRow {
  id: string;
  started_at: number;
  heartbeat_at: number;
  max_agents: number | null;
  pid: number;
}

export type CommandStatus = 'pending' | 'running' | 'done' | 'failed';

/** A command for the engine of the host that runs the job, and its answer (JSON texts). */
export interface CommandRow {
  id: string;
  host: string;
  job_id: string;
  op: string;
  args: string;
  status: CommandStatus;
  result: string | null;
  error: string | null;
  created_at: number;
  done_at: number | null;
}

/** The hosts sharing the store (their engines' heartbeats) and the commands between them. */
export class HostsRepo {
  constructor(private readonly db: Db) {}

  beat(h: Omit<HostRow, 'heartbeat_at'>, now: number): void {
    this.db
      .prepare(
        `INSERT INTO hosts (id, started_at, heartbeat_at, max_agents, pid) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET started_at = excluded.started_at,
           heartbeat_at = excluded.heartbeat_at, max_agents = excluded.max_agents,
           pid = excluded.pid`,
      )
      .run(h.id, h.started_at, now, h.max_agents, h.pid);
  }

  /** Its engine stopped: down at once rather than after the heartbeat runs out (if still ours). */
  down(id: string, pid: number): void {
    this.db.prepare('UPDATE hosts SET heartbeat_at = 0 WHERE id = ? AND pid = ?').run(id, pid);
  }

  get(id: string): HostRow | undefined {
    return this.db.prepare('SELECT * FROM hosts WHERE id = ?').get(id) as HostRow | undefined;
  }

  list(): HostRow[] {
    return this.db.prepare('SELECT * FROM hosts ORDER BY id').all() as HostRow[];
  }

  /** Running jobs per host. */
  agents(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT host, COUNT(*) AS n FROM jobs WHERE status = 'running' AND host IS NOT NULL
         GROUP BY host`,
      )
      .all() as { host: string; n: number }[];
    return new Map(rows.map((r) => [r.host, r.n]));
  }

  addCommand(c: Pick<CommandRow, 'id' | 'host' | 'job_id' | 'op' | 'args' | 'created_at'>): void {
    this.db
      .prepare(
        `INSERT INTO host_commands (id, host, job_id, op, args, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(c.id, c.host, c.job_id, c.op, c.args, c.created_at);
  }

  command(id: string): CommandRow | undefined {
    return this.db.prepare('SELECT * FROM host_commands WHERE id = ?').get(id) as
      CommandRow | undefined;
  }

  /** Commands waiting for `host`'s engine, oldest first. */
  pending(host: string): CommandRow[] {
    return this.db
      .prepare(
        `SELECT * FROM host_commands WHERE host = ? AND status = 'pending' ORDER BY created_at, id`,
      )
      .all(host) as CommandRow[];
  }

  /** True for exactly one caller: a command runs once, whoever else looks (idempotent by id). */
  claim(id: string): boolean {
    return (
      this.db
        .prepare(`UPDATE host_commands SET status = 'running' WHERE id = ? AND status = 'pending'`)
        .run(id).changes === 1
    );
  }

  finish(id: string, end: { result?: string; error?: string }, now: number): void {
    this.db
      .prepare(
        `UPDATE host_commands SET status = ?, result = ?, error = ?, done_at = ? WHERE id = ?`,
      )
      .run(
        end.error === undefined ? 'done' : 'failed',
        end.result ?? null,
        end.error ?? null,
        now,
        id,
      );
  }

  /** A caller that gave up takes its command back, unless it already ran. */
  withdraw(id: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE host_commands SET status = 'failed', error = 'withdrawn' WHERE id = ? AND status = 'pending'`,
        )
        .run(id).changes === 1
    );
  }

  /** Answered commands older than `before` go. */
  prune(before: number): void {
    this.db
      .prepare(`DELETE FROM host_commands WHERE status IN ('done', 'failed') AND created_at < ?`)
      .run(before);
  }
}
