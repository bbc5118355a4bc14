/**
 * What the engine's thread asks of the PostgreSQL worker (worker.ts) and what it answers. The
 * engine's store is synchronous (better-sqlite3 set the shape of every repository); node-postgres
 * is not, so its client lives in a worker thread and each call blocks on the answer (synckit:
 * Atomics.wait on a shared buffer), a local round trip of a fraction of a millisecond.
 */
export type PgRequest =
  | { op: 'open'; conn: number; url: string }
  | { op: 'query'; conn: number; text: string; values: unknown[]; array: boolean }
  /** How many change notices (NOTIFY cc_agent) this connection has heard: no query is run. */
  | { op: 'version'; conn: number }
  | { op: 'close'; conn: number };

export type PgResponse =
  | { ok: true; rows: unknown[]; rowCount: number; version: number }
  | { ok: false; message: string; code: string | undefined };

/** The channel every write announces itself on (a statement trigger per table, pg-migrations). */
export const CHANGES_CHANNEL = 'cc_agent';
