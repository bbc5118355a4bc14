import { statements, type Atomic } from './atomic.js';
import type { Db } from './db.js';
import type { AutomationChanges } from './trigger-types.js';

/**
 * The cron slots each trigger has fired. A slot is claimed before it fires, so with two
 * engines (or after a restart) each slot fires exactly once. A trigger's slots go with it
 * (TriggersRepo.remove, replaceAll).
 */
export interface TriggerFiresRepo {
  /** True for the one caller that records this slot first; false ever after. */
  claim(triggerId: string, slot: number, at: number): boolean;
  /** The slots a trigger has fired, oldest first (epoch ms). */
  slots(triggerId: string): number[];
}

export function sqliteTriggerFiresRepo(
  db: Db,
  tx: Atomic,
  announce: AutomationChanges['trigger'],
): TriggerFiresRepo {
  const q = statements(db);
  return {
    claim(triggerId, slot, at) {
      const mine =
        q(
          'INSERT INTO trigger_fires (trigger_id, slot, fired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(triggerId, slot, at).changes === 1;
      if (mine) tx.afterCommit(() => announce({ id: triggerId, change: 'updated' }));
      return mine;
    },
    slots(triggerId) {
      const rows = q('SELECT slot FROM trigger_fires WHERE trigger_id = ? ORDER BY slot').all(
        triggerId,
      ) as { slot: number }[];
      return rows.map((r) => r.slot);
    },
  };
}
