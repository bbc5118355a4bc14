import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStores, triggerRecord, type OpenStore } from '../helpers/automation-store.js';

describe('the trigger fires repository (real SQLite file)', () => {
  let stores: ReturnType<typeof tempStores>;
  let a: OpenStore;
  let b: OpenStore;
  beforeEach(() => {
    stores = tempStores();
    a = stores.open();
    b = stores.open();
    a.store.triggers.insert(triggerRecord({ id: 't1', name: 't1' }));
    a.store.triggers.insert(triggerRecord({ id: 't2', name: 't2' }));
    a.heard.length = 0;
  });
  afterEach(() => stores.close());

  it('a cron slot is claimed by exactly one of two engines, once, and announced once', () => {
    expect(a.store.fires.claim('t1', 60_000, 61_000)).toBe(true);
    expect(b.store.fires.claim('t1', 60_000, 61_500)).toBe(false);
    expect(a.store.fires.claim('t1', 60_000, 62_000)).toBe(false);
    expect(a.heard).toEqual([['trigger', { id: 't1', change: 'updated' }]]);
    expect(b.heard).toEqual([]);
  });

  it('slots are per trigger, kept oldest first', () => {
    expect(b.store.fires.claim('t1', 120_000, 1)).toBe(true);
    expect(b.store.fires.claim('t1', 60_000, 1)).toBe(true);
    expect(b.store.fires.claim('t2', 60_000, 1)).toBe(true); // another trigger's same slot
    expect(a.store.fires.slots('t1')).toEqual([60_000, 120_000]);
    expect(a.store.fires.slots('t2')).toEqual([60_000]);
    expect(a.store.fires.slots('none')).toEqual([]);
    expect(b.heard.map(([, c]) => c)).toEqual([
      { id: 't1', change: 'updated' },
      { id: 't1', change: 'updated' },
      { id: 't2', change: 'updated' },
    ]);
  });

  it("a removed trigger's slots go with it; a trigger added again under that id starts afresh", () => {
    a.store.fires.claim('t1', 60_000, 1);
    a.store.fires.claim('t2', 60_000, 1);
    a.store.triggers.remove('t1');
    expect(a.store.fires.slots('t1')).toEqual([]);
    expect(a.store.fires.slots('t2')).toEqual([60_000]);
    a.store.triggers.insert(triggerRecord({ id: 't1', name: 't1' }));
    expect(b.store.fires.claim('t1', 60_000, 2)).toBe(true);
  });

  it('claims inside an atomic block are announced after it commits, and not at all on rollback', () => {
    a.store.atomic(() => {
      a.store.fires.claim('t1', 60_000, 1);
      expect(a.heard).toEqual([]);
    });
    expect(a.heard).toEqual([['trigger', { id: 't1', change: 'updated' }]]);
    a.heard.length = 0;
    expect(() =>
      a.store.atomic(() => {
        a.store.fires.claim('t2', 60_000, 1);
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(a.heard).toEqual([]);
    expect(a.store.fires.slots('t2')).toEqual([]);
    expect(a.store.fires.claim('t2', 60_000, 1)).toBe(true);
  });
});
