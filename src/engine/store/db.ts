import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CcAgentError } from '../errors.js';
import { describeFault } from '../faults.js';
import { migrations } from './migrations.js';

import type { SqlDb } from './sql-db.js';

/** What the repositories write through: SQLite's connection or PostgreSQL's (sql-db.ts). */
export type Db = SqlDb;
/** SQLite's own connection: pragmas, WAL, the file. */
export type SqliteDb = Database.Database;

/**
 * Open (creating if needed) the store. WAL lets the TUI, the server and short CLI commands
 * read while one writes; the busy timeout turns writer contention into a short wait, not an
 * error. Migrations run under an exclusive transaction so two processes can't race them.
 */
export function openDb(file: string): SqliteDb {
  mkdirSync(dirname(file), { recursive: true });
  let db: SqliteDb | undefined;
  try {
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (e) {
    try {
      db?.close();
    } catch {
      // already failing: the first error is the one to report
    }
    // The first read is where a read-only home, a full disk or a deleted log shows up.
    throw (
      describeFault(e, dirname(file)) ??
      new CcAgentError('store', `cannot open store ${file}: ${(e as Error).message}`, {
        cause: e,
      })
    );
  }
}

export function schemaVersion(db: SqliteDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: SqliteDb): void {
  if (schemaVersion(db) >= migrations.length) return;
  db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    for (let v = schemaVersion(db); v < migrations.length; v++) {
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).exclusive();
}
