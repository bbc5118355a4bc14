import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModeRecord } from '../../src/engine/store/trigger-types.js';
import { tempStores, type OpenStore } from '../helpers/automation-store.js';

const mode = (name: string, over: Partial<ModeRecord> = {}): ModeRecord => ({
  name,
  description: `${name} mode`,
  triggers: [
    { name: `${name}-t`, kind: 'event', condition: 'job_failed', action: 'notify', cooldown: 30 },
  ],
  createdAt: 1_000,
  ...over,
});

describe('the modes repository (real SQLite file)', () => {
  let stores: ReturnType<typeof tempStores>;
  let a: OpenStore;
  beforeEach(() => {
    stores = tempStores();
    a = stores.open();
  });
  afterEach(() => stores.close());

  it('keeps custom modes by name, with their triggers as written; each save announced once', () => {
    a.store.modes.insert(mode('zeta'));
    a.store.modes.insert(mode('alpha', { triggers: [], description: '' }));
    expect(stores.open().store.modes.list()).toEqual([
      mode('alpha', { triggers: [], description: '' }),
      mode('zeta'),
    ]);
    expect(a.heard).toEqual([
      ['mode', { name: 'zeta', change: 'added' }],
      ['mode', { name: 'alpha', change: 'added' }],
    ]);
  });

  it('a name taken is refused, and not announced', () => {
    a.store.modes.insert(mode('m'));
    expect(() => a.store.modes.insert(mode('m'))).toThrow(/UNIQUE|PRIMARY/);
    expect(a.heard).toHaveLength(1);
  });

  it('removes a mode once; removing one that is not there says false and nothing else', () => {
    a.store.modes.insert(mode('m'));
    a.heard.length = 0;
    expect(a.store.modes.remove('m')).toBe(true);
    expect(a.store.modes.remove('m')).toBe(false);
    expect(a.store.modes.list()).toEqual([]);
    expect(a.heard).toEqual([['mode', { name: 'm', change: 'removed' }]]);
  });

  it('remembers the active mode across connections; each activation announced', () => {
    expect(a.store.modes.active()).toBeUndefined();
    a.store.modes.setActive('dev');
    a.store.modes.setActive('sprint');
    expect(stores.open().store.modes.active()).toBe('sprint');
    expect(a.heard).toEqual([
      ['mode', { name: 'dev', change: 'activated' }],
      ['mode', { name: 'sprint', change: 'activated' }],
    ]);
  });

  it('an activation rolled back with the rest of its block leaves the old one, unannounced', () => {
    a.store.modes.setActive('dev');
    a.heard.length = 0;
    expect(() =>
      a.store.atomic(() => {
        a.store.modes.setActive('sprint');
        throw new Error('a trigger was bad');
      }),
    ).toThrow('a trigger was bad');
    expect(a.store.modes.active()).toBe('dev');
    expect(a.heard).toEqual([]);
  });
});
