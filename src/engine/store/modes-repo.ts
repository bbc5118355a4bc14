import { statements, type Atomic } from './atomic.js';
import type { Db } from './db.js';
import type { AutomationChanges, ModeRecord, TriggerInput } from './trigger-types.js';

/** Which mode is active lives in settings, under this key. */
const ACTIVE_KEY = 'mode.active';

/** Custom modes (presets live in code) and which mode is active. Writes announce themselves. */
export interface ModesRepo {
  /** Custom modes by name. */
  list(): ModeRecord[];
  insert(m: ModeRecord): void;
  /** False when there was no such custom mode. */
  remove(name: string): boolean;
  /** The mode last activated (a preset or a custom one), if any. */
  active(): string | undefined;
  setActive(name: string): void;
}

export function sqliteModesRepo(
  db: Db,
  tx: Atomic,
  announce: AutomationChanges['mode'],
): ModesRepo {
  const q = statements(db);
  const told = (name: string, change: 'added' | 'removed' | 'activated'): void =>
    tx.afterCommit(() => announce({ name, change }));
  return {
    list() {
      const rows = q('SELECT * FROM modes ORDER BY name').all() as {
        name: string;
        description: string;
        triggers: string;
        created_at: number;
      }[];
      return rows.map((r) => ({
        name: r.name,
        description: r.description,
        triggers: JSON.parse(r.triggers) as TriggerInput[],
        createdAt: r.created_at,
      }));
    },
    insert(m) {
      q('INSERT INTO modes (name, description, triggers, created_at) VALUES (?, ?, ?, ?)').run(
        m.name,
        m.description,
        JSON.stringify(m.triggers),
        m.createdAt,
      );
      told(m.name, 'added');
    },
    remove(name) {
      const gone = q('DELETE FROM modes WHERE name = ?').run(name).changes === 1;
      if (gone) told(name, 'removed');
      return gone;
    },
    active() {
      const r = q('SELECT value FROM settings WHERE key = ?').get(ACTIVE_KEY) as
        { value: string } | undefined;
      return r?.value;
    },
    setActive(name) {
      q(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(ACTIVE_KEY, name);
      told(name, 'activated');
    },
  };
}
