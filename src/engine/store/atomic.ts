import type { ChangeFeed } from './changes.js';
import type { Db } from './db.js';
import type { Stmt } from './sql-db.js';

/**
 * All-or-nothing for repository writes, and the moment their changes are announced. A write's
 * change event goes out once its data is committed: at once for a write on its own, after the
 * commit for writes inside `atomic` (none at all when it rolls back), so no face hears of a
 * change the store never kept. (A write inside a transaction opened some other way, straight
 * on the connection, is announced when the current piece of work yields.)
 */
export interface Atomic {
  /** Run `fn`'s writes as one: every one of them is kept, or none. Nested calls join. */
  atomic<T>(fn: () => T): T;
  /** Call `fn` once what was just written is committed. */
  afterCommit(fn: () => void): void;
}

/**
 * The automation repositories' units of work on the store's one change feed (changes.ts): a
 * unit nested in any other (the queue's, an ingest batch) joins it, and every announcement
 * waits for the outermost commit.
 */
export function sqliteAtomic(db: Db, feed: ChangeFeed): Atomic {
  return {
    atomic: <T>(fn: () => T): T => feed.run(() => db.transaction(fn)()),
    afterCommit: (fn) => feed.after(fn),
  };
}

/** Each SQL text prepared once per connection (a statement is reused for every call). */
export function statements(db: Db): (sql: string) => Stmt {
  const cache = new Map<string, Stmt>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
}
