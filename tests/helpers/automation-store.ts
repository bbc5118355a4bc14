import { ChangeFeed } from '../../src/engine/store/changes.js';
import { EngineEvents } from '../../src/engine/events/emitter.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sqliteAutomationStore,
  type AutomationStore,
} from '../../src/engine/store/automation-store.js';
import { pgWorkerFile } from '../../src/engine/context.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import { openPg } from '../../src/engine/store/pg/pg-open.js';
import { newPgDatabase, storeDialect } from './temp-store.js';
import type { AutomationChanges, TriggerRecord } from '../../src/engine/store/trigger-types.js';

/** One change a repository announced: which kind, and what it said. */
export type Heard = [keyof AutomationChanges, unknown];

export interface OpenStore {
  db: Db;
  store: AutomationStore;
  /** Every change announced by this connection's repositories, in order. */
  heard: Heard[];
}

/**
 * Real SQLite files in a temp dir: `open()` gives a connection (with its own repositories) to
 * the same store file each time, as two engines would have; `close()` removes it all.
 */
export function tempStores(): { open: () => OpenStore; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-agent-automation-'));
  // The store-pg project: connections to one database of the suite's cluster instead.
  const pg = storeDialect === 'postgres' ? newPgDatabase('automation') : undefined;
  const file = join(dir, 'cc-agent.db');
  const dbs: Db[] = [];
  return {
    open() {
      const db: Db = pg ? openPg(pg.url, pgWorkerFile) : openDb(file);
      dbs.push(db);
      const heard: Heard[] = [];
      const store = sqliteAutomationStore(
        db,
        {
          trigger: (c) => heard.push(['trigger', c]),
          approval: (c) => heard.push(['approval', c]),
          mode: (c) => heard.push(['mode', c]),
          lease: (c) => heard.push(['lease', c]),
        },
        new ChangeFeed(new EngineEvents(), () => db.inTransaction),
      );
      return { db, store, heard };
    },
    close() {
      for (const db of dbs.splice(0)) if (db.open) db.close();
      pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid trigger record; `over` changes what a test cares about. */
export const triggerRecord = (over: Partial<TriggerRecord> = {}): TriggerRecord => ({
  id: 'a1b2c3d4',
  name: 'nightly',
  kind: 'cron',
  condition: '0 2 * * *',
  action: 'notify',
  payload: { message: 'hi' },
  autonomy: 'auto',
  cooldownSeconds: 60,
  enabled: true,
  createdAt: 1_000,
  checkedAt: 1_000,
  lastFiredAt: null,
  ...over,
});
