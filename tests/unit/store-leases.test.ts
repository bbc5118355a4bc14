import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStores, type OpenStore } from '../helpers/automation-store.js';

describe('the leases repository (real SQLite file)', () => {
  let stores: ReturnType<typeof tempStores>;
  let a: OpenStore;
  let b: OpenStore;
  beforeEach(() => {
    stores = tempStores();
    a = stores.open();
    b = stores.open();
  });
  afterEach(() => stores.close());

  it('one holder at a time: the first takes it, the other is refused while it lasts', () => {
    expect(a.store.leases.hold('pulse', 'A', 10_000, 1_000)).toBe(true);
    expect(b.store.leases.hold('pulse', 'B', 10_000, 2_000)).toBe(false);
    expect(b.store.leases.current('pulse', 2_000)).toEqual({
      name: 'pulse',
      holder: 'A',
      expiresAt: 11_000,
    });
    expect(a.heard).toEqual([['lease', { name: 'pulse', holder: 'A' }]]);
    expect(b.heard).toEqual([]);
  });

  it('the holder renews it (announced), and other names are other leases', () => {
    a.store.leases.hold('pulse', 'A', 10_000, 1_000);
    expect(a.store.leases.hold('pulse', 'A', 10_000, 6_000)).toBe(true);
    expect(a.store.leases.current('pulse', 15_000)?.expiresAt).toBe(16_000);
    expect(b.store.leases.hold('other', 'B', 10_000, 6_000)).toBe(true);
    expect(a.heard).toHaveLength(2);
  });

  it("an expired lease is nobody's, and the next engine takes it over", () => {
    a.store.leases.hold('pulse', 'A', 10_000, 1_000);
    expect(b.store.leases.current('pulse', 11_000)?.holder).toBe('A'); // to the millisecond
    expect(b.store.leases.current('pulse', 11_001)).toBeUndefined();
    expect(b.store.leases.hold('pulse', 'B', 10_000, 11_001)).toBe(true);
    expect(a.store.leases.hold('pulse', 'A', 10_000, 12_000)).toBe(false);
    expect(a.store.leases.current('pulse', 12_000)?.holder).toBe('B');
    expect(b.heard).toEqual([['lease', { name: 'pulse', holder: 'B' }]]);
  });

  it('release: only by its holder, announced once as free', () => {
    a.store.leases.hold('pulse', 'A', 10_000, 1_000);
    a.heard.length = 0;
    b.store.leases.release('pulse', 'B');
    expect(a.store.leases.current('pulse', 2_000)?.holder).toBe('A');
    a.store.leases.release('pulse', 'A');
    a.store.leases.release('pulse', 'A');
    expect(a.store.leases.current('pulse', 2_000)).toBeUndefined();
    expect(a.heard).toEqual([['lease', { name: 'pulse', holder: null }]]);
    expect(b.heard).toEqual([]);
    expect(b.store.leases.hold('pulse', 'B', 10_000, 2_000)).toBe(true);
  });
});
