import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EngineEvents,
  ENGINE_EVENTS,
  type EngineEventName,
} from '../../src/engine/events/emitter.js';
import { inject } from 'vitest';
import { pgWorkerFile } from '../../src/engine/context.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import { migrations } from '../../src/engine/store/migrations.js';
import { pgMigrations } from '../../src/engine/store/pg/migrations.js';
import { openPg } from '../../src/engine/store/pg/pg-open.js';
import { PgDb } from '../../src/engine/store/pg/pg-db.js';
import { pgStore } from '../../src/engine/store/pg/pg-store.js';
import type { Store } from '../../src/engine/store/repositories.js';
import { sqliteStore } from '../../src/engine/store/sqlite-store.js';

/**
 * Which dialect the repository tests run on: SQLite by default; the `store-pg` project
 * (vitest.config.ts) runs the same files again on a private PostgreSQL.
 */
export const storeDialect: 'sqlite' | 'postgres' =
  process.env['CC_TEST_STORE'] === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A real store, with every event its repositories announce recorded: a SQLite file in a temp
 * dir, or (store-pg project) a fresh database of the suite's PostgreSQL cluster.
 */
export interface TempStore {
  dir: string;
  file: string;
  db: Db;
  store: Store;
  events: EngineEvents;
  /** Every announcement so far, in order: [name, payload]. */
  heard: [EngineEventName, unknown][];
  /** The names heard so far, then forgets them. */
  take(): EngineEventName[];
  /** The schema version a new store of this dialect has. */
  latestVersion: number;
  /** A second connection to the same store (another process's, as far as the store can tell). */
  another(): Db;
  close(): void;
}

export function tempStore(prefix: string): TempStore {
  const dir = mkdtempSync(join(tmpdir(), `cc-${prefix}-`));
  const events = new EngineEvents();
  const opened = storeDialect === 'postgres' ? pgDatabase(prefix, events) : undefined;
  const file = opened?.url ?? join(dir, 'cc-agent.db');
  const sqlite = opened ? undefined : openDb(file);
  const db: Db = opened?.db ?? (sqlite as Db);
  const others: Db[] = [];
  const heard: [EngineEventName, unknown][] = [];
  for (const name of ENGINE_EVENTS) events.on(name, (data) => heard.push([name, data]));
  return {
    dir,
    file,
    db,
    store: opened?.store ?? sqliteStore(sqlite as NonNullable<typeof sqlite>, events),
    events,
    heard,
    take: () => heard.splice(0).map(([name]) => name),
    latestVersion: opened ? pgMigrations.length : migrations.length,
    another: () => {
      const more: Db = opened ? new PgDb(file, pgWorkerFile) : openDb(file);
      others.push(more);
      return more;
    },
    close: () => {
      for (const o of [...others, db]) if (o.open) o.close();
      opened?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Until the current piece of work yields (what a write inside a foreign transaction waits for). */
export const settled = (): Promise<void> => new Promise((r) => setImmediate(r));

let databases = 0;

/** A new database in the suite's PostgreSQL cluster (store-pg project), and how to drop it. */
export function newPgDatabase(prefix: string): { url: string; drop(): void } {
  const server = inject('pgUrl');
  const name = `t_${prefix.replace(/\W/g, '_')}_${process.pid}_${++databases}`;
  const admin = new PgDb(server, pgWorkerFile);
  admin.query(`CREATE DATABASE ${name}`);
  return {
    url: server.replace(/\/postgres$/, `/${name}`),
    drop: () => {
      try {
        admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      } finally {
        admin.close();
      }
    },
  };
}

/** A new database, migrated, with its repositories. */
function pgDatabase(prefix: string, events: EngineEvents) {
  const created = newPgDatabase(prefix);
  const db = openPg(created.url, pgWorkerFile);
  return { url: created.url, db, store: pgStore(db, events), drop: created.drop };
}
