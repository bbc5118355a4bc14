import type { EngineEvents } from '../events/emitter.js';
import { SqliteActivity } from './activity.js';
import { automationEvents, sqliteAutomationStore } from './automation-store.js';
import { ChangeFeed } from './changes.js';
import { sqliteSpend } from './daily-spend.js';
import { schemaVersion, type Db, type SqliteDb } from './db.js';
import { sqliteFileLeases } from './file-leases-repo.js';
import type { Store, StoreInfo } from './repositories.js';
import { HostsRepo } from './hosts-repo.js';
import { SqliteAnalytics } from './sqlite-analytics.js';
import { SqliteHookEvents } from './sqlite-hook-events.js';
import { SqliteOrchestrator } from './sqlite-orchestrator.js';
import { SqliteQueue } from './sqlite-queue.js';
import { SqliteTranscripts } from './sqlite-transcripts.js';
import { walGuard } from './wal-state.js';

function sqliteInfo(db: SqliteDb): StoreInfo {
  return {
    integrity: () => db.pragma('quick_check', { simple: true }) as string,
    jobCount: () => db.prepare('SELECT COUNT(*) FROM jobs').pluck().get() as number,
    schemaVersion: () => schemaVersion(db),
    // SQLite's data_version answers without reading a table.
    dataVersion: () => db.pragma('data_version', { simple: true }) as number,
  };
}

/** The repositories over one open SQLite store, announcing their writes on `events`. */
export function sqliteStore(db: SqliteDb, events: EngineEvents): Store {
  return storeOver(db, events, {
    info: sqliteInfo(db),
    guard: () => walGuard(db, db.name),
    close: () => db.close(),
  });
}

/**
 * The repositories over a connection of either dialect (the PostgreSQL store builds on this
 * too): their SQL is the part both share. What differs is how the store as a whole is checked.
 */
export function storeOver(
  db: Db,
  events: EngineEvents,
  own: Pick<Store, 'info' | 'guard' | 'close'>,
): Store {
  const changes = new ChangeFeed(events, () => db.inTransaction);
  return {
    queue: new SqliteQueue(db, changes),
    orchestrator: new SqliteOrchestrator(db, changes),
    hookEvents: new SqliteHookEvents(db, changes),
    transcripts: new SqliteTranscripts(db),
    activity: new SqliteActivity(db),
    spend: sqliteSpend(db),
    fileLeases: sqliteFileLeases(db, changes),
    automation: sqliteAutomationStore(db, automationEvents(events), changes),
    analytics: new SqliteAnalytics(db),
    hosts: new HostsRepo(db),
    atomically: (fn, mode = 'deferred') => changes.run(() => db.transaction(fn)[mode]()),
    ...own,
  };
}
