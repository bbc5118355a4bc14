import { statements, type Atomic } from './atomic.js';
import type { Db } from './db.js';
import type { AutomationChanges, Lease } from './trigger-types.js';

/** Named leases: one leader at a time (the pulse). Every change announces itself. */
export interface LeasesRepo {
  /**
   * Take or renew `name` until `now + ttlMs`: true when `holder` has it (it was free, expired,
   * or already ours). Two engines racing cannot both win.
   */
  hold(name: string, holder: string, ttlMs: number, now: number): boolean;
  /** Give it up, if `holder` has it. */
  release(name: string, holder: string): void;
  /** Who holds it now, unless the lease has run out. */
  current(name: string, now: number): Lease | undefined;
}

export function sqliteLeasesRepo(
  db: Db,
  tx: Atomic,
  announce: AutomationChanges['lease'],
): LeasesRepo {
  const q = statements(db);
  const told = (name: string, holder: string | null): void =>
    tx.afterCommit(() => announce({ name, holder }));
  return {
    hold(name, holder, ttlMs, now) {
      // One UPSERT: it writes only when the lease is free, expired or ours.
      const wrote = q(
        `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
         ON CONFLICT(name) DO UPDATE SET holder = @holder, expires_at = @expires
         WHERE leases.holder = @holder OR leases.expires_at < @now`,
      ).run({ name, holder, expires: now + ttlMs, now }).changes;
      if (wrote > 0) told(name, holder);
      return wrote > 0;
    },
    release(name, holder) {
      const r = q('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
      if (r.changes > 0) told(name, null);
    },
    current(name, now) {
      const r = q('SELECT holder, expires_at FROM leases WHERE name = ? AND expires_at >= ?').get(
        name,
        now,
      ) as { holder: string; expires_at: number } | undefined;
      return r ? { name, holder: r.holder, expiresAt: r.expires_at } : undefined;
    },
  };
}
