import type { Db } from './db.js';

/** One relayed event as ingest stores it. */
export interface NewHookEvent {
  spoolName: string;
  jobId: string;
  ts: number;
  event: string;
  sessionId: string | null;
  toolName: string | null;
  payload: string;
  /** It matched no session of its job: kept for inspection, never applied. */
  orphan: boolean;
}

/**
 * Stores one event; returns its seq, or undefined when that spool file was stored before (a
 * crash between the commit and the unlink re-reads it: the spool name is the unique key).
 */
export function hookEventInserter(db: Db): (e: NewHookEvent) => number | undefined {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO hook_events
       (spool_name, job_id, ts, event, session_id, tool_name, payload, orphan)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (e) => {
    const r = insert.run(
      e.spoolName,
      e.jobId,
      e.ts,
      e.event,
      e.sessionId,
      e.toolName,
      e.payload,
      e.orphan ? 1 : 0,
    );
    return r.changes === 0 ? undefined : Number(r.lastInsertRowid);
  };
}

/** The spool's running tallies, kept in `counters`. */
export type SpoolCounter = 'spool_quarantined' | 'orphan_events';

export function addToCounter(db: Db, name: SpoolCounter, n: number): void {
  if (n <= 0) return;
  db.prepare(
    `INSERT INTO counters (name, value) VALUES (?, ?)
     ON CONFLICT(name) DO UPDATE SET value = value + excluded.value`,
  ).run(name, n);
}

export function counterValue(db: Db, name: SpoolCounter): number {
  const v = db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(name);
  return typeof v === 'number' ? v : 0;
}
