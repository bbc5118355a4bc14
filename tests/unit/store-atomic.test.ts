import { ChangeFeed } from '../../src/engine/store/changes.js';
import { EngineEvents } from '../../src/engine/events/emitter.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sqliteAutomationStore,
  type AutomationStore,
} from '../../src/engine/store/automation-store.js';
import { openDb } from '../../src/engine/store/db.js';
import { tempStores, triggerRecord, type OpenStore } from '../helpers/automation-store.js';

describe('atomic repository writes (real SQLite file)', () => {
  let stores: ReturnType<typeof tempStores>;
  let a: OpenStore;
  let dir: string;
  beforeEach(() => {
    stores = tempStores();
    a = stores.open();
    dir = mkdtempSync(join(tmpdir(), 'cc-agent-atomic-'));
  });
  afterEach(() => {
    stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes across repositories commit together; their changes are heard after, in order', () => {
    const b = stores.open();
    const seenInside: number[] = [];
    const result = a.store.atomic(() => {
      a.store.triggers.insert(triggerRecord());
      a.store.modes.setActive('dev');
      // Another connection sees nothing yet, and nothing has been announced.
      seenInside.push(b.store.triggers.list().length, a.heard.length);
      return 'done';
    });
    expect(result).toBe('done');
    expect(seenInside).toEqual([0, 0]);
    expect(b.store.triggers.list()).toHaveLength(1);
    expect(a.heard).toEqual([
      ['trigger', { id: 'a1b2c3d4', change: 'added' }],
      ['mode', { name: 'dev', change: 'activated' }],
    ]);
  });

  it('nested blocks join the outer one: one failure anywhere keeps nothing and tells nothing', () => {
    expect(() =>
      a.store.atomic(() => {
        a.store.triggers.insert(triggerRecord());
        a.store.atomic(() => a.store.modes.setActive('dev'));
        a.store.triggers.replaceAll([triggerRecord({ id: 'x' }), triggerRecord({ id: 'y' })]);
      }),
    ).toThrow(/UNIQUE/);
    expect(a.store.triggers.list()).toEqual([]);
    expect(a.store.modes.active()).toBeUndefined();
    expect(a.heard).toEqual([]);
    // And the store is usable again: the next write is kept and heard at once.
    a.store.triggers.insert(triggerRecord());
    expect(a.heard).toEqual([['trigger', { id: 'a1b2c3d4', change: 'added' }]]);
  });

  it('a listener that writes when it hears of a commit is heard too, not lost or held back', () => {
    const db = openDb(join(dir, 'listener.db'));
    const heard: string[] = [];
    const store: AutomationStore = sqliteAutomationStore(
      db,
      {
        trigger: (c) => {
          heard.push(`trigger ${c.change}`);
          if (c.change === 'added') store.modes.setActive('on-add'); // written from the announcement
        },
        approval: () => undefined,
        mode: (c) => heard.push(`mode ${c.name}`),
        lease: () => undefined,
      },
      new ChangeFeed(new EngineEvents(), () => db.inTransaction),
    );
    try {
      store.atomic(() => store.triggers.insert(triggerRecord()));
      expect(heard).toEqual(['trigger added', 'mode on-add']);
      expect(store.modes.active()).toBe('on-add');
    } finally {
      db.close();
    }
  });
});
