import { createSyncFn } from 'synckit';
import { CcAgentError } from '../../errors.js';
import type { RunResult, SqlDb, Stmt, Tx } from '../sql-db.js';
import type { PgRequest, PgResponse } from './protocol.js';
import { pgValues, toPg, type PgStatement } from './translate.js';

/** Long enough for a slow statement, short enough that a hung server is an error, not a hang. */
const CALL_MS = 20_000;

/**
 * The one key every "immediate" unit of work locks (pg_advisory_xact_lock): what SQLite's
 * BEGIN IMMEDIATE gives, one writer at a time among those that read before they write, across
 * every host. Plain writes and deferred units do not take it.
 */
const WRITE_LOCK = 0x63636167; // "ccag"

/**
 * The tables whose rows get a generated key, and its column: an insert asks for it back
 * (RETURNING), for the repositories that read `lastInsertRowid`.
 */
const GENERATED: Record<string, string> = {
  hook_events: 'seq',
  orchestrator_activity: 'seq',
  job_history: 'seq',
  file_conflicts: 'id',
};

let nextConn = 1;
let call: ((req: PgRequest) => PgResponse) | undefined;

const worker = (file: string): ((req: PgRequest) => PgResponse) =>
  (call ??= createSyncFn<(req: PgRequest) => Promise<PgResponse>>(file, { timeout: CALL_MS }));

/** A connection to PostgreSQL that the repositories use as they use SQLite's (sql-db.ts). */
export class PgDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  readonly name: string;
  private readonly conn = nextConn++;
  private readonly call: (req: PgRequest) => PgResponse;
  private readonly cache = new Map<string, PgStatement>();
  private depth = 0;
  private closed = false;

  /** `workerFile`: the built worker.js (worker threads load files, not modules in memory). */
  constructor(url: string, workerFile: string) {
    this.name = redact(url);
    this.call = worker(workerFile);
    this.send({ op: 'open', conn: this.conn, url });
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Run SQL text as it is (the migrations, BEGIN/COMMIT): rows of objects. */
  query(
    text: string,
    values: unknown[] = [],
    array = false,
  ): { rows: unknown[]; rowCount: number } {
    return this.send({ op: 'query', conn: this.conn, text, values, array });
  }

  /** How many commits (of any host) this connection has heard of: a cheap "anything new?". */
  version(): number {
    return this.send({ op: 'version', conn: this.conn }).version;
  }

  prepare(sql: string): Stmt {
    let s = this.cache.get(sql);
    if (!s) {
      s = toPg(sql);
      const insert = /^\s*INSERT\s+INTO\s+(\w+)/i.exec(s.text);
      const key = insert ? GENERATED[insert[1] as string] : undefined;
      if (key && !/\bRETURNING\b/i.test(s.text)) s = { ...s, text: `${s.text} RETURNING ${key}` };
      this.cache.set(sql, s);
    }
    return statement(this, s, false);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own signature
  transaction<F extends (...args: any[]) => unknown>(fn: F): Tx<F> {
    const run =
      (mode: 'deferred' | 'immediate') =>
      (...args: unknown[]): ReturnType<F> => {
        const outer = this.depth === 0;
        const savepoint = `sp${this.depth}`;
        this.query(outer ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
        this.depth++;
        try {
          if (outer && mode === 'immediate')
            this.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
          const result = fn(...args) as ReturnType<F>;
          this.query(outer ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
          return result;
        } catch (e) {
          try {
            this.query(outer ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`);
          } catch {
            // The connection went with the error: the server rolled back itself.
          }
          throw e;
        } finally {
          this.depth--;
        }
      };
    const tx = run('deferred') as unknown as Tx<F>;
    tx.deferred = run('deferred');
    tx.immediate = run('immediate');
    tx.exclusive = run('immediate');
    return tx;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.send({ op: 'close', conn: this.conn });
  }

  private send(req: PgRequest): { rows: unknown[]; rowCount: number; version: number } {
    if (this.closed && req.op !== 'close')
      throw new CcAgentError('store', `the PostgreSQL store ${this.name} is closed`);
    let r: PgResponse;
    try {
      r = this.call(req);
    } catch (e) {
      throw new CcAgentError(
        'store',
        `PostgreSQL at ${this.name} did not answer: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (!r.ok) throw pgError(this.name, r.message, r.code);
    return r;
  }
}

function statement(db: PgDb, s: PgStatement, pluck: boolean): Stmt {
  const rows = (params: unknown[]): unknown[] => {
    const r = db.query(s.text, pgValues(s, params), pluck).rows;
    return pluck ? r.map((row) => (row as unknown[])[0]) : r;
  };
  return {
    run(...params): RunResult {
      const r = db.query(s.text, pgValues(s, params), true);
      const first = r.rows[0] as unknown[] | undefined;
      return { changes: r.rowCount, lastInsertRowid: (first?.[0] as number | undefined) ?? 0 };
    },
    get: (...params) => rows(params)[0],
    all: (...params) => rows(params),
    pluck: (toggle = true) => statement(db, s, toggle),
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured PostgreSQL URL';
  }
}

/** A constraint broken reads as SQLite's does to the callers that tell it apart. */
function pgError(where: string, message: string, code: string | undefined): Error {
  if (code === '23505' || code === '23503' || code === '23514' || code === '23502') {
    const unique = code === '23505';
    const e = new Error(
      `${unique ? 'UNIQUE' : 'CHECK'} constraint failed (PostgreSQL: ${message})`,
    ) as Error & { code: string };
    // new-id.ts tells a taken id (a primary key) from other constraints, as SQLite words them.
    e.code = /_pkey"/.test(message)
      ? 'SQLITE_CONSTRAINT_PRIMARYKEY'
      : unique
        ? 'SQLITE_CONSTRAINT_UNIQUE'
        : 'SQLITE_CONSTRAINT';
    return e;
  }
  const unreachable =
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === '57P01' ||
    /timeout|terminat|Connection|connect/i.test(message);
  return new CcAgentError(
    'store',
    unreachable
      ? `cannot reach PostgreSQL at ${where}: ${message}`
      : `PostgreSQL at ${where}: ${message}${code ? ` (${code})` : ''}`,
  );
}
