/**
 * The connection every repository writes its SQL through: the part of better-sqlite3's
 * Database the repositories use, which the PostgreSQL connection (pg/pg-db.ts) implements too.
 * Only SQLite's own code (db.ts, wal-state.ts, sqlite-store.ts) reaches past it.
 */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Stmt {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** get/all give each row's first column alone. */
  pluck(toggle?: boolean): Stmt;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own signature
type Fn = (...args: any[]) => unknown;
type Args<F extends Fn> = F extends (...args: infer A) => unknown ? A : never;

/** `fn` as one unit of work; nested calls are savepoints. `immediate` takes the write lock first. */
export interface Tx<F extends Fn> {
  (...args: Args<F>): ReturnType<F>;
  deferred(...args: Args<F>): ReturnType<F>;
  immediate(...args: Args<F>): ReturnType<F>;
  exclusive(...args: Args<F>): ReturnType<F>;
}

export interface SqlDb {
  /** Set by PostgreSQL's connection; SQLite's has none. */
  readonly dialect?: 'postgres';
  prepare(sql: string): Stmt;
  transaction<F extends Fn>(fn: F): Tx<F>;
  readonly inTransaction: boolean;
  readonly open: boolean;
  close(): unknown;
}

/** One field of a JSON text column, as text: the one function the dialects spell apart. */
export const jsonField = (db: SqlDb, column: string, field: string): string =>
  db.dialect === 'postgres'
    ? `(${column}::json ->> '${field}')`
    : `json_extract(${column}, '$.${field}')`;
