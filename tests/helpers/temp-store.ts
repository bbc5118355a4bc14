import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EngineEvents,
  ENGINE_EVENTS,
  type EngineEventName,
} from '../../src/engine/events/emitter.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import type { Store } from '../../src/engine/store/repositories.js';
import { sqliteStore } from '../../src/engine/store/sqlite-store.js';

/** A real SQLite store in a temp dir, with every event its repositories announce recorded. */
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
  close(): void;
}

export function tempStore(prefix: string): TempStore {
  const dir = mkdtempSync(join(tmpdir(), `cc-${prefix}-`));
  const file = join(dir, 'cc-agent.db');
  const db = openDb(file);
  const events = new EngineEvents();
  const heard: [EngineEventName, unknown][] = [];
  for (const name of ENGINE_EVENTS) events.on(name, (data) => heard.push([name, data]));
  return {
    dir,
    file,
    db,
    store: sqliteStore(db, events),
    events,
    heard,
    take: () => heard.splice(0).map(([name]) => name),
    close: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Until the current piece of work yields (what a write inside a foreign transaction waits for). */
export const settled = (): Promise<void> => new Promise((r) => setImmediate(r));
