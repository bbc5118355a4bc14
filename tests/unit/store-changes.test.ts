import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineEvents } from '../../src/engine/events/emitter.js';
import { ChangeFeed } from '../../src/engine/store/changes.js';
import { settled, tempStore, type TempStore } from '../helpers/temp-store.js';

describe('change feed: when a write is announced', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-changes')));
  afterEach(() => t.close());

  it('at once outside a unit of work', () => {
    t.store.queue.insert({ id: 'q1', prompt: 'p', priority: 0, createdAt: 1 });
    expect(t.take()).toEqual(['queue_updated']);
  });

  it("inside someone else's transaction: once the current piece of work yields", async () => {
    t.db.transaction(() => {
      t.store.queue.insert({ id: 'q2', prompt: 'p', priority: 0, createdAt: 1 });
      t.store.queue.insert({ id: 'q3', prompt: 'p', priority: 0, createdAt: 2 });
    })();
    expect(t.take()).toEqual([]);
    await settled();
    expect(t.take()).toEqual(['queue_updated', 'queue_updated']);
  });

  it('nested units: told once the outermost commits; a failed inner unit tells nothing', () => {
    t.store.atomically(() => {
      t.store.queue.insert({ id: 'o1', prompt: 'p', priority: 0, createdAt: 1 });
      try {
        t.store.atomically(() => {
          t.store.queue.insert({ id: 'i1', prompt: 'p', priority: 0, createdAt: 2 });
          throw new Error('inner');
        });
      } catch {
        // the inner unit rolled back to its savepoint; the outer goes on
      }
      t.store.atomically(() => t.store.queue.delete('o1'));
      expect(t.take()).toEqual([]);
    });
    expect(t.heard.map(([name, data]) => [name, (data as { id: string }).id])).toEqual([
      ['queue_updated', 'o1'],
      ['queue_removed', 'o1'],
    ]);
    expect(t.store.queue.list()).toEqual([]);
  });

  it('a feed on its own: run() returns what the unit returns and rethrows what it throws', () => {
    const db = new Database(':memory:');
    const events = new EngineEvents();
    const heard: string[] = [];
    events.on('queue_removed', (d) => heard.push(d.id));
    const feed = new ChangeFeed(events, () => db.inTransaction);
    expect(feed.run(() => 42)).toBe(42);
    expect(() =>
      feed.run(() => {
        feed.emit('queue_removed', { id: 'lost' });
        throw new Error('x');
      }),
    ).toThrow('x');
    feed.run(() => feed.emit('queue_removed', { id: 'kept' }));
    expect(heard).toEqual(['kept']);
    db.close();
  });
});
