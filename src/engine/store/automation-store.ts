import type { EngineEvents } from '../events/emitter.js';
import { sqliteApprovalsRepo, type ApprovalsRepo } from './approvals-repo.js';
import { sqliteAtomic, type Atomic } from './atomic.js';
import type { ChangeFeed } from './changes.js';
import type { Db } from './db.js';
import { sqliteLeasesRepo, type LeasesRepo } from './leases-repo.js';
import { sqliteModesRepo, type ModesRepo } from './modes-repo.js';
import type { AutomationChanges } from './trigger-types.js';
import { sqliteTriggerFiresRepo, type TriggerFiresRepo } from './trigger-fires-repo.js';
import { sqliteTriggersRepo, type TriggersRepo } from './triggers-repo.js';

/**
 * What the automation (triggers, approvals, modes, the pulse's lease) keeps, one repository
 * per table. Nothing here names SQLite: another store (PostgreSQL) implements the same.
 */
export interface AutomationStore extends Pick<Atomic, 'atomic'> {
  triggers: TriggersRepo;
  fires: TriggerFiresRepo;
  approvals: ApprovalsRepo;
  modes: ModesRepo;
  leases: LeasesRepo;
}

/** `feed`: the store's one change feed, shared with the other repositories (sqlite-store.ts). */
export function sqliteAutomationStore(
  db: Db,
  changes: AutomationChanges,
  feed: ChangeFeed,
): AutomationStore {
  const tx = sqliteAtomic(db, feed);
  return {
    atomic: (fn) => tx.atomic(fn),
    triggers: sqliteTriggersRepo(db, tx, changes.trigger),
    fires: sqliteTriggerFiresRepo(db, tx, changes.trigger),
    approvals: sqliteApprovalsRepo(db, tx, changes.approval),
    modes: sqliteModesRepo(db, tx, changes.mode),
    leases: sqliteLeasesRepo(db, tx, changes.lease),
  };
}

/**
 * The automation repositories' writes, as engine events: each repository reports every write
 * it makes, so no caller has to remember to announce one (and none is announced twice).
 */
export const automationEvents = (events: EngineEvents): AutomationChanges => ({
  trigger: (c) => events.emit('trigger_updated', c),
  approval: (c) => events.emit('approval_updated', c),
  mode: (c) => events.emit('mode_updated', c),
  lease: (c) => events.emit('lease_updated', c),
});
