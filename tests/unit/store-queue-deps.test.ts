import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../src/engine/store/task-rows.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

describe('queue repository: task dependencies (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-queue-deps')));
  afterEach(() => t.close());

  const add = (id: string, after: string[] = [], priority = 0, at = 1000): boolean =>
    t.store.queue.insert({ id, prompt: `do ${id}`, priority, createdAt: at, after });
  const claim = (): string | undefined => t.store.queue.claimNext('orch', 2000)?.id;
  const end = (id: string, status: 'done' | 'failed'): Task | undefined =>
    t.store.queue.finish(id, { status, result: null, error: null, at: 3000 });
  const get = (id: string): Task => t.store.queue.get(id) as Task;

  it('a diamond A→(B,C)→D: A, then B and C, then D only once both are done', () => {
    add('a');
    add('b', ['a'], 0, 1001);
    add('c', ['a'], 0, 1002);
    // D first in every other respect (highest priority, oldest): it still waits.
    add('d', ['b', 'c'], 9, 1);
    expect(get('d')).toMatchObject({ after: ['b', 'c'], waitingOn: ['b', 'c'], blockedBy: [] });
    expect(t.store.queue.depth()).toBe(1);

    expect(claim()).toBe('a');
    expect(claim()).toBeUndefined(); // B and C wait on A, which is running
    end('a', 'done');
    expect(t.store.queue.depth()).toBe(2);
    expect([claim(), claim()]).toEqual(['b', 'c']);
    expect(claim()).toBeUndefined();
    end('b', 'done');
    expect(get('d').waitingOn).toEqual(['c']);
    expect(claim()).toBeUndefined(); // C is still running
    end('c', 'done');
    expect(get('d')).toMatchObject({ waitingOn: [], blockedBy: [] });
    expect(claim()).toBe('d');
  });

  it('a failed prerequisite blocks every task downstream, and a retry unblocks them', () => {
    add('a');
    add('b', ['a']);
    add('c', ['b']);
    add('free', [], 0, 2000);
    expect(claim()).toBe('a');
    end('a', 'failed');
    expect(get('b')).toMatchObject({ status: 'pending', waitingOn: ['a'], blockedBy: ['a'] });
    // C waits on B, which cannot run: C is blocked by A, the failed task upstream.
    expect(get('c')).toMatchObject({ status: 'pending', waitingOn: ['b'], blockedBy: ['a'] });
    expect(t.store.queue.list().find((x) => x.id === 'c')?.blockedBy).toEqual(['a']);
    expect(t.store.queue.page().tasks.find((x) => x.id === 'c')?.blockedBy).toEqual(['a']);
    expect(claim()).toBe('free');
    expect(claim()).toBeUndefined();
    expect(t.store.queue.depth()).toBe(0);

    t.take();
    expect(t.store.queue.retry('free')).toBeUndefined(); // running, not failed: nothing written
    expect(t.take()).toEqual([]);
    expect(t.store.queue.retry('a')).toMatchObject({ status: 'pending', error: null });
    // Its dependants are told: their blockedBy emptied.
    const told = t.heard.map(([, x]) => x as Task);
    expect(told.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(told.every((x) => x.blockedBy.length === 0)).toBe(true);
    expect(claim()).toBe('a');
    end('a', 'done');
    expect(claim()).toBe('b');
  });

  it('an end announces the task and then its pending dependants, after the commit', () => {
    add('a');
    add('b', ['a']);
    add('c', ['b']);
    claim();
    t.take();
    end('a', 'done');
    expect(t.heard.map(([name, x]) => [name, (x as Task).id, (x as Task).waitingOn])).toEqual([
      ['queue_updated', 'a', []],
      ['queue_updated', 'b', []],
      ['queue_updated', 'c', ['b']],
    ]);
  });

  it('a rolled-back insert leaves neither the task nor its edges', () => {
    add('a');
    t.take();
    expect(() =>
      t.store.atomically(() => {
        add('b', ['a']);
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(t.store.queue.get('b')).toBeUndefined();
    expect(t.take()).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM queue_after').pluck().get()).toBe(0);
    expect(add('a', ['zz'])).toBe(false); // taken: no edge written either
    expect(t.db.prepare('SELECT count(*) FROM queue_after').pluck().get()).toBe(0);
  });

  it('a deleted task takes its edges along, and its dependants are re-announced', () => {
    add('a');
    add('b', ['a']);
    expect(t.store.queue.dependants('a').map((x) => x.id)).toEqual(['b']);
    t.take();
    expect(t.store.queue.delete('a')).toBe(true);
    expect(t.heard).toEqual([
      ['queue_removed', { id: 'a' }],
      ['queue_updated', expect.objectContaining({ id: 'b', after: [], waitingOn: [] })],
    ]);
    expect(t.db.prepare('SELECT count(*) FROM queue_after').pluck().get()).toBe(0);
    expect(claim()).toBe('b');
  });

  it('tasks with no dependencies read as before: empty lists', () => {
    add('solo');
    expect(get('solo')).toMatchObject({ after: [], waitingOn: [], blockedBy: [] });
    expect(t.store.queue.endedBy('orch', 5)).toEqual([]);
  });
});
