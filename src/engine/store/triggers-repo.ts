import { statements, type Atomic } from './atomic.js';
import type { Db } from './db.js';
import { toRecord, toRow, type TriggerRow } from './trigger-rows.js';
import type { AutomationChanges, TriggerKind, TriggerRecord } from './trigger-types.js';

/** The triggers a store keeps. Every write announces itself (trigger_updated) once kept. */
export interface TriggersRepo {
  insert(t: TriggerRecord): void;
  get(id: string): TriggerRecord | undefined;
  /** By id or by name. */
  find(idOrName: string): TriggerRecord | undefined;
  /** In the order they were added; only those of a kind, or only enabled ones, when asked. */
  list(filter?: { kind?: TriggerKind; enabled?: boolean }): TriggerRecord[];
  /** Turning it on starts its clock at `at`: cron slots missed while off never fire. */
  setEnabled(id: string, enabled: boolean, at: number): void;
  /** The trigger and its fired cron slots; false when there was none. */
  remove(id: string): boolean;
  /** Every trigger (and fired slot) goes, these come: all or nothing. */
  replaceAll(triggers: readonly TriggerRecord[]): void;
  /** Cron slots up to `at` have been looked at (never moves back). */
  markChecked(id: string, at: number): void;
  /**
   * Claim a firing at `at` for an enabled trigger whose last firing was at or before
   * `notAfter`: true for exactly one caller however many engines race (the cooldown).
   */
  claimFire(id: string, at: number, notAfter: number): boolean;
}

const INSERT = `INSERT INTO triggers (id, name, kind, condition, action, payload, autonomy,
  cooldown_s, enabled, created_at, checked_at, last_fired_at)
  VALUES (@id, @name, @kind, @condition, @action, @payload, @autonomy, @cooldown_s, @enabled,
  @created_at, @checked_at, @last_fired_at)`;

export function sqliteTriggersRepo(
  db: Db,
  tx: Atomic,
  announce: AutomationChanges['trigger'],
): TriggersRepo {
  const q = statements(db);
  const told = (id: string, change: 'added' | 'updated' | 'removed'): void =>
    tx.afterCommit(() => announce({ id, change }));
  const insert = (t: TriggerRecord): void => {
    q(INSERT).run(toRow(t));
    told(t.id, 'added');
  };
  const remove = (id: string): boolean =>
    tx.atomic(() => {
      q('DELETE FROM trigger_fires WHERE trigger_id = ?').run(id);
      const gone = q('DELETE FROM triggers WHERE id = ?').run(id).changes === 1;
      if (gone) told(id, 'removed');
      return gone;
    });
  const updated = (id: string, changes: number): void => {
    if (changes > 0) told(id, 'updated');
  };
  return {
    insert,
    get(id) {
      const r = q('SELECT * FROM triggers WHERE id = ?').get(id);
      return r ? toRecord(r as TriggerRow) : undefined;
    },
    find(idOrName) {
      const r = q('SELECT * FROM triggers WHERE id = ? OR name = ?').get(idOrName, idOrName);
      return r ? toRecord(r as TriggerRow) : undefined;
    },
    list(filter = {}) {
      const rows = q('SELECT * FROM triggers ORDER BY created_at, rowid').all() as TriggerRow[];
      return rows
        .map(toRecord)
        .filter(
          (t) =>
            (filter.kind === undefined || t.kind === filter.kind) &&
            (filter.enabled === undefined || t.enabled === filter.enabled),
        );
    },
    setEnabled(id, enabled, at) {
      const r = q('UPDATE triggers SET enabled = ?, checked_at = ? WHERE id = ?');
      updated(id, r.run(enabled ? 1 : 0, at, id).changes);
    },
    remove,
    replaceAll(triggers) {
      tx.atomic(() => {
        const ids = (q('SELECT id FROM triggers').all() as { id: string }[]).map((r) => r.id);
        for (const id of ids) remove(id);
        q('DELETE FROM trigger_fires').run(); // slots of triggers already gone
        triggers.forEach(insert);
      });
    },
    markChecked(id, at) {
      const r = q('UPDATE triggers SET checked_at = ? WHERE id = ? AND checked_at < ?');
      updated(id, r.run(at, id, at).changes);
    },
    claimFire(id, at, notAfter) {
      const won =
        q(
          `UPDATE triggers SET last_fired_at = ? WHERE id = ? AND enabled = 1
           AND (last_fired_at IS NULL OR last_fired_at <= ?)`,
        ).run(at, id, notAfter).changes === 1;
      if (won) told(id, 'updated');
      return won;
    },
  };
}
