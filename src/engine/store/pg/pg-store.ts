import type { EngineEvents } from '../../events/emitter.js';
import type { Store, StoreInfo } from '../repositories.js';
import { storeOver } from '../sqlite-store.js';
import { pgSchemaVersion } from './pg-open.js';
import type { PgDb } from './pg-db.js';

function pgInfo(db: PgDb): StoreInfo {
  return {
    // The server keeps its own pages whole; what can fail from here is reaching it.
    integrity: () => (db.query('SELECT 1').rowCount === 1 ? 'ok' : 'no answer'),
    jobCount: () => db.prepare('SELECT COUNT(*) FROM jobs').pluck().get() as number,
    schemaVersion: () => pgSchemaVersion(db),
    // Every host's commits, as heard on LISTEN: answered by the worker, no query.
    dataVersion: () => db.version(),
  };
}

/** The repositories over the shared PostgreSQL store, announcing their writes on `events`. */
export function pgStore(db: PgDb, events: EngineEvents): Store {
  return storeOver(db, events, {
    info: pgInfo(db),
    // Nothing of the server's can be deleted from under this engine as a WAL file can.
    guard: () => ({ check: () => 'ok' }),
    close: () => db.close(),
  });
}
