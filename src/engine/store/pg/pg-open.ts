import { CcAgentError } from '../../errors.js';
import { pgMigrations } from './migrations.js';
import { PgDb } from './pg-db.js';

/** Two hosts starting at once must not both migrate: one waits on this lock for the other. */
const MIGRATE_LOCK = 0x63636d67; // "ccmg"

/**
 * Open the shared store at `url` and bring its schema to the latest version. Fails with one line
 * naming the server (never the password) when it cannot be reached.
 */
export function openPg(url: string, workerFile: string, setIn?: string): PgDb {
  const db = new PgDb(url, workerFile);
  try {
    migratePg(db);
    return db;
  } catch (e) {
    db.close();
    // Set with `settings store.url`: that command needs the store too, so say how to undo it.
    if (setIn && e instanceof CcAgentError)
      throw new CcAgentError(
        e.code,
        `${e.message} (store.url is set in ${setIn}: remove that file to use this host's own SQLite store)`,
      );
    throw e instanceof CcAgentError
      ? e
      : new CcAgentError(
          'store',
          `cannot open the PostgreSQL store ${db.name}: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
  }
}

export function pgSchemaVersion(db: PgDb): number {
  const exists = db.query("SELECT to_regclass('cc_agent_schema') IS NOT NULL AS e").rows[0] as {
    e: boolean;
  };
  if (!exists.e) return 0;
  const r = db.query('SELECT max(version) AS v FROM cc_agent_schema').rows[0] as {
    v: number | null;
  };
  return r.v ?? 0;
}

function migratePg(db: PgDb): void {
  if (pgSchemaVersion(db) >= pgMigrations.length) return;
  db.transaction(() => {
    db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    db.query('CREATE TABLE IF NOT EXISTS cc_agent_schema (version BIGINT NOT NULL)');
    // Read again under the lock: another host may have migrated meanwhile.
    for (let v = pgSchemaVersion(db); v < pgMigrations.length; v++) {
      db.query(pgMigrations[v] as string);
      db.query('DELETE FROM cc_agent_schema');
      db.query('INSERT INTO cc_agent_schema (version) VALUES ($1)', [v + 1]);
    }
  })();
}
