import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStores, triggerRecord, type OpenStore } from '../helpers/automation-store.js';

describe('the triggers repository (real SQLite file)', () => {
  let stores: ReturnType<typeof tempStores>;
  let a: OpenStore;
  beforeEach(() => {
    stores = tempStores();
    a = stores.open();
  });
  afterEach(() => stores.close());
  const updated = (id: string) => ['trigger', { id, change: 'updated' }];

  it('stores a trigger and gives it back as it went in, by id or by name', () => {
    const t = triggerRecord({ payload: { message: 'x', n: 2 }, lastFiredAt: 5 });
    a.store.triggers.insert(t);
    expect(a.store.triggers.get(t.id)).toEqual(t);
    expect(a.store.triggers.find('nightly')).toEqual(t);
    expect(a.store.triggers.find(t.id)).toEqual(t);
    expect(a.store.triggers.get('nightly')).toBeUndefined();
    expect(a.store.triggers.find('nope')).toBeUndefined();
    expect(stores.open().store.triggers.get(t.id)).toEqual(t); // on disk, not in memory
    expect(a.heard).toEqual([['trigger', { id: t.id, change: 'added' }]]);
  });

  it('lists in the order added, filtered by kind and by enabled', () => {
    const one = triggerRecord({ id: 'i1', name: 'one', createdAt: 1 });
    const two = triggerRecord({ id: 'i2', name: 'two', kind: 'event', createdAt: 2 });
    const three = triggerRecord({ id: 'i3', name: 'three', enabled: false, createdAt: 3 });
    [three, two, one].forEach((t) => a.store.triggers.insert(t));
    expect(a.store.triggers.list().map((t) => t.name)).toEqual(['one', 'two', 'three']);
    expect(a.store.triggers.list({ kind: 'cron' }).map((t) => t.name)).toEqual(['one', 'three']);
    expect(a.store.triggers.list({ enabled: false }).map((t) => t.name)).toEqual(['three']);
    expect(a.store.triggers.list({ kind: 'cron', enabled: true }).map((t) => t.id)).toEqual(['i1']);
  });

  it('a duplicate name is refused by the store and announced nowhere', () => {
    a.store.triggers.insert(triggerRecord());
    expect(() => a.store.triggers.insert(triggerRecord({ id: 'other' }))).toThrow(/UNIQUE/);
    expect(a.heard).toHaveLength(1);
  });

  it('switching off and on restarts the clock; each switch is one announcement', () => {
    const t = triggerRecord();
    a.store.triggers.insert(t);
    a.heard.length = 0;
    a.store.triggers.setEnabled(t.id, false, 2_000);
    expect(a.store.triggers.get(t.id)).toMatchObject({ enabled: false, checkedAt: 2_000 });
    a.store.triggers.setEnabled(t.id, true, 3_000);
    expect(a.store.triggers.get(t.id)).toMatchObject({ enabled: true, checkedAt: 3_000 });
    a.store.triggers.setEnabled('missing', true, 3_000);
    expect(a.heard).toEqual([updated(t.id), updated(t.id)]);
  });

  it('markChecked only moves forward, and says so only when it moved', () => {
    const t = triggerRecord({ checkedAt: 5_000 });
    a.store.triggers.insert(t);
    a.heard.length = 0;
    a.store.triggers.markChecked(t.id, 4_000);
    a.store.triggers.markChecked(t.id, 5_000);
    expect(a.heard).toEqual([]);
    a.store.triggers.markChecked(t.id, 6_000);
    expect(a.store.triggers.get(t.id)?.checkedAt).toBe(6_000);
    expect(a.heard).toEqual([updated(t.id)]);
  });

  it('claimFire: exactly one of two engines wins a firing; the cooldown holds the next back', () => {
    const b = stores.open();
    const t = triggerRecord({ cooldownSeconds: 60 });
    a.store.triggers.insert(t);
    a.heard.length = 0;
    const wins = [a, b, a, b].map((s) => s.store.triggers.claimFire(t.id, 10_000, 10_000 - 60_000));
    expect(wins).toEqual([true, false, false, false]);
    expect(b.store.triggers.get(t.id)?.lastFiredAt).toBe(10_000);
    // Within the cooldown (last firing after notAfter): held back. After it: fires again.
    expect(b.store.triggers.claimFire(t.id, 20_000, 20_000 - 60_000)).toBe(false);
    expect(b.store.triggers.claimFire(t.id, 70_000, 70_000 - 60_000)).toBe(true);
    expect(a.heard).toEqual([updated(t.id)]);
    expect(b.heard).toEqual([updated(t.id)]);
  });

  it('a switched-off trigger is never claimed', () => {
    a.store.triggers.insert(triggerRecord({ enabled: false }));
    expect(a.store.triggers.claimFire('a1b2c3d4', 10_000, 10_000)).toBe(false);
  });

  it('remove takes the trigger and its fired slots; a second remove does nothing', () => {
    const t = triggerRecord();
    a.store.triggers.insert(t);
    a.store.fires.claim(t.id, 100, 100);
    a.heard.length = 0;
    expect(a.store.triggers.remove(t.id)).toBe(true);
    expect(a.store.triggers.get(t.id)).toBeUndefined();
    expect(a.store.fires.slots(t.id)).toEqual([]);
    expect(a.store.triggers.remove(t.id)).toBe(false);
    expect(a.heard).toEqual([['trigger', { id: t.id, change: 'removed' }]]);
  });

  it('replaceAll swaps every trigger (and fired slot) for the new ones, all or nothing', () => {
    const old = triggerRecord({ id: 'old', name: 'old' });
    a.store.triggers.insert(old);
    a.store.fires.claim('old', 100, 100);
    a.heard.length = 0;
    const fresh = [
      triggerRecord({ id: 'n1', name: 'n1' }),
      triggerRecord({ id: 'n2', name: 'n2' }),
    ];
    a.store.triggers.replaceAll(fresh);
    expect(a.store.triggers.list()).toEqual(fresh);
    expect(a.store.fires.slots('old')).toEqual([]);
    expect(a.heard).toEqual([
      ['trigger', { id: 'old', change: 'removed' }],
      ['trigger', { id: 'n1', change: 'added' }],
      ['trigger', { id: 'n2', change: 'added' }],
    ]);
    // Two with one name: the store refuses the second, the first is rolled back, nothing heard.
    a.heard.length = 0;
    const clash = [triggerRecord({ id: 'c1', name: 'c' }), triggerRecord({ id: 'c2', name: 'c' })];
    expect(() => a.store.triggers.replaceAll(clash)).toThrow(/UNIQUE/);
    expect(a.store.triggers.list()).toEqual(fresh);
    expect(a.heard).toEqual([]);
  });
});
