import type { HookEventRecord } from '../events/emitter.js';
import type { ChangeFeed } from './changes.js';
import type { Db } from './db.js';
import type { EventQuery, HookEventsRepo, NewHookEvent, SpoolCounter } from './repositories.js';

interface EventRow {
  seq: number;
  job_id: string;
  ts: number;
  event: string;
  session_id: string | null;
  tool_name: string | null;
  payload: string;
  orphan: number;
}

const toRecord = (r: EventRow): HookEventRecord => ({
  seq: r.seq,
  jobId: r.job_id,
  ts: r.ts,
  event: r.event,
  sessionId: r.session_id,
  toolName: r.tool_name,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  ...(r.orphan === 1 ? { orphan: true } : {}),
});

/** The hook_events table and the spool's counters. */
export class SqliteHookEvents implements HookEventsRepo {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
  ) {}

  /** The spool name is the unique key: a crash between commit and unlink inserts nothing twice. */
  insert(e: NewHookEvent): number | undefined {
    const r = this.db
      .prepare(
        `INSERT INTO hook_events
           (spool_name, job_id, ts, event, session_id, tool_name, payload, orphan)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        e.spoolName,
        e.jobId,
        e.ts,
        e.event,
        e.sessionId,
        e.toolName,
        JSON.stringify(e.payload),
        e.orphan ? 1 : 0,
      );
    if (r.changes === 0) return undefined;
    const seq = Number(r.lastInsertRowid);
    // An orphan is not its job's: live listeners never hear of it (events/authentic.ts).
    if (!e.orphan) {
      const { spoolName: _name, orphan: _orphan, ...rest } = e;
      this.changes.emit('hook_event', { seq, ...rest });
    }
    return seq;
  }

  /**
   * In the order of the spool names (the relay's nanosecond clock), not of storage: a
   * directory listing can miss a file renamed in during the scan, so an event may be stored a
   * batch after a later one.
   */
  query(q: EventQuery = {}): HookEventRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.jobId !== undefined) {
      where.push('job_id = ?');
      args.push(q.jobId);
    }
    if (q.since !== undefined) {
      where.push('ts >= ?');
      args.push(q.since);
    }
    if (q.afterSeq !== undefined) {
      where.push('seq > ?');
      args.push(q.afterSeq);
    }
    const sql = `SELECT * FROM (SELECT * FROM hook_events ${
      where.length ? `WHERE ${where.join(' AND ')}` : ''
    } ORDER BY spool_name DESC LIMIT ?) AS newest ORDER BY spool_name`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 200) as EventRow[]).map(toRecord);
  }

  lastSeq(jobId: string): number {
    return this.db
      .prepare('SELECT COALESCE(MAX(seq), 0) FROM hook_events WHERE job_id = ? AND orphan = 0')
      .pluck()
      .get(jobId) as number;
  }

  after(jobId: string, afterSeq: number): HookEventRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM hook_events WHERE job_id = ? AND seq > ? AND orphan = 0 ORDER BY seq')
      .all(jobId, afterSeq) as EventRow[];
    return rows.map(toRecord);
  }

  stoppedSince(jobId: string, since: number): boolean {
    const hit = this.db
      .prepare(
        `SELECT 1 FROM hook_events WHERE job_id = ? AND event IN ('Stop', 'StopFailure')
           AND ts > ? AND orphan = 0 LIMIT 1`,
      )
      .get(jobId, since);
    return hit !== undefined;
  }

  deleteForJob(jobId: string): void {
    this.db.prepare('DELETE FROM hook_events WHERE job_id = ?').run(jobId);
  }

  addToCounter(name: SpoolCounter, n: number): void {
    if (n <= 0) return;
    this.db
      .prepare(
        `INSERT INTO counters (name, value) VALUES (?, ?)
         ON CONFLICT(name) DO UPDATE SET value = counters.value + excluded.value`,
      )
      .run(name, n);
  }

  counter(name: SpoolCounter): number {
    const v = this.db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(name);
    return typeof v === 'number' ? v : 0;
  }
}
