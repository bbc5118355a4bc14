import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../src/engine/store/task-rows.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

describe('queue repository (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-queue')));
  afterEach(() => t.close());

  const add = (id: string, priority = 0, at = 1000): boolean =>
    t.store.queue.insert({ id, prompt: `do ${id}\nmore`, priority, createdAt: at });

  it('announces every write once, with the task as it now is, and no read or no-op', () => {
    expect(add('a1')).toBe(true);
    expect(t.heard).toEqual([['queue_updated', expect.objectContaining({ id: 'a1' })]]);
    t.take();
    expect(add('a1')).toBe(false); // id taken: nothing written, nothing announced
    t.store.queue.get('a1');
    t.store.queue.list();
    t.store.queue.page();
    t.store.queue.depth();
    expect(t.take()).toEqual([]);

    const claimed = t.store.queue.claimNext('orch', 2000);
    expect(claimed).toMatchObject({ id: 'a1', status: 'running', jobId: 'orch' });
    expect(t.heard).toEqual([['queue_updated', claimed]]);
    t.take();
    expect(t.store.queue.claimNext('orch', 2001)).toBeUndefined();
    expect(t.take()).toEqual([]);

    const done = t.store.queue.finish('a1', {
      status: 'done',
      result: 'ok',
      error: null,
      at: 3000,
    });
    expect(done).toMatchObject({
      status: 'done',
      result: 'ok',
      endedAt: new Date(3000).toISOString(),
    });
    expect(t.take()).toEqual(['queue_updated']);
    // Ended already: the second report changes nothing and says nothing.
    expect(
      t.store.queue.finish('a1', { status: 'failed', result: null, error: 'x', at: 4000 }),
    ).toBeUndefined();
    expect(t.take()).toEqual([]);

    expect(t.store.queue.delete('a1')).toBe(true);
    expect(t.heard).toEqual([['queue_removed', { id: 'a1' }]]);
    t.take();
    expect(t.store.queue.delete('a1')).toBe(false);
    expect(t.take()).toEqual([]);
  });

  it('hands tasks out by priority then age, and releases what an agent held', () => {
    add('low', 0, 1);
    add('high', 5, 3);
    add('old', 5, 2);
    t.take();
    const order = [1, 2, 3].map((n) => t.store.queue.claimNext('orch', 100 + n)?.id);
    expect(order).toEqual(['old', 'high', 'low']);
    expect(t.take()).toEqual(['queue_updated', 'queue_updated', 'queue_updated']);
    expect(t.store.queue.runningSince(102).sort()).toEqual(['old']);
    expect(t.store.queue.release('orch').sort()).toEqual(['high', 'low', 'old']);
    expect(t.heard.map(([, task]) => (task as Task).status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(t.store.queue.depth()).toBe(3);
    expect(t.store.queue.release('orch')).toEqual([]);
  });

  it('lists by status, pages with previews cut by the store, and names what an agent ended', () => {
    t.store.queue.insert({ id: 'big', prompt: 'é'.repeat(300), priority: 1, createdAt: 1 });
    add('b', 0, 2);
    add('c', 0, 3);
    t.store.queue.claimNext('orch', 10);
    t.store.queue.finish('big', { status: 'failed', result: null, error: 'no', at: 20 });
    t.store.queue.claimNext('orch', 30);
    t.store.queue.finish('b', { status: 'done', result: 'yes', error: null, at: 40 });
    expect(t.store.queue.list('pending').map((x) => x.id)).toEqual(['c']);
    expect(t.store.queue.list().map((x) => x.id)).toEqual(['c', 'big', 'b']);
    const page = t.store.queue.page({ limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.tasks[0]).toMatchObject({ id: 'big', promptLength: 300 });
    expect(page.tasks[0]?.prompt).toBe('é'.repeat(200));
    expect(t.store.queue.page({ status: 'done' }).total).toBe(1);
    expect(t.store.queue.endedBy('orch', 5).map((x) => x.id)).toEqual(['b', 'big']);
    expect(t.store.queue.endedBy('orch', 1).map((x) => x.id)).toEqual(['b']);
  });

  it('announces a claim inside a unit of work only once it commits, and nothing on rollback', () => {
    add('u1');
    t.take();
    expect(() =>
      t.store.atomically(() => {
        t.store.queue.claimNext('orch', 5);
        expect(t.take()).toEqual([]); // not yet: the unit has not committed
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(t.take()).toEqual([]);
    expect(t.store.queue.get('u1')?.status).toBe('pending');
    t.store.atomically(() => t.store.queue.claimNext('orch', 6), 'immediate');
    expect(t.take()).toEqual(['queue_updated']);
  });
});
