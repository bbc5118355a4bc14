import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

describe('activity repository (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-activity')));
  afterEach(() => t.close());

  it('keeps the audit trail in order and lists the newest N, oldest first', () => {
    for (let i = 1; i <= 5; i++) t.store.activity.record(`kind_${i}`, { i }, i * 1000);
    const last3 = t.store.activity.list(3);
    expect(last3.map((a) => a.kind)).toEqual(['kind_3', 'kind_4', 'kind_5']);
    expect(last3[0]).toMatchObject({ ts: new Date(3000).toISOString(), detail: { i: 3 } });
    expect(last3.map((a) => a.seq)).toEqual([...last3.map((a) => a.seq)].sort((a, b) => a - b));
    expect(t.store.activity.list(100)).toHaveLength(5);
    // Written beside the change it explains, which announces itself: no event of its own.
    expect(t.take()).toEqual([]);
  });

  it('a record inside a rolled-back unit of work is not kept', () => {
    expect(() =>
      t.store.atomically(() => {
        t.store.activity.record('never', {}, 1);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(t.store.activity.list(10)).toEqual([]);
  });
});
