import type { EngineContext } from '../context.js';
import type { HookEventRecord } from './emitter.js';

export interface EventQuery {
  jobId?: string;
  /** Only events at or after this instant (epoch ms). */
  since?: number;
  /** Only events stored after this sequence number (for paging and resuming). */
  afterSeq?: number;
  /** The newest N (default 200), returned oldest first. */
  limit?: number;
}

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

/**
 * The timeline: stored hook events, filtered, in the order they happened. That is the order of
 * the spool names (the relay's nanosecond clock), not of storage: a directory listing can miss
 * a file renamed in during the scan, so an event may be stored a batch after a later one.
 */
export function queryEvents(ctx: EngineContext, q: EventQuery = {}): HookEventRecord[] {
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
  } ORDER BY spool_name DESC LIMIT ?) ORDER BY spool_name`;
  return (ctx.db.prepare(sql).all(...args, q.limit ?? 200) as EventRow[]).map(toRecord);
}
