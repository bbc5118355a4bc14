import type { EngineContext } from '../context.js';
import { listActivity } from '../store/activity.js';
import { peekLoginLink, redeemLoginLink } from '../store/login-links.js';
import { getSetting } from '../store/retention.js';
import { decideApproval, listApprovals } from './approvals.js';
import { checkCron, checkThresholds, onEngineEvent } from './fire.js';
import { activateMode, createMode, deleteMode, listModes } from './modes.js';
import {
  addTrigger,
  getTrigger,
  listTriggers,
  removeTrigger,
  toggleTrigger,
  type TriggerInput,
} from './store.js';

const maxAge = (ctx: EngineContext): number =>
  getSetting(ctx, 'approvals.max_age_hours') * 3_600_000;

/** Triggers, approvals and the audit trail, as the engine offers them to every face. */
export function triggersApi(ctx: EngineContext) {
  return {
    add: (input: TriggerInput) => addTrigger(ctx, input),
    get: (idOrName: string) => getTrigger(ctx, idOrName),
    list: () => listTriggers(ctx),
    toggle: (idOrName: string) => toggleTrigger(ctx, idOrName),
    remove: (idOrName: string) => removeTrigger(ctx, idOrName),
    /** Cron slots and thresholds (the pulse calls this; event triggers react to events). */
    tick: async () => [...(await checkCron(ctx)), ...(await checkThresholds(ctx))],
    onEvent: (name: string) => onEngineEvent(ctx, name),
    approvals: () => listApprovals(ctx, maxAge(ctx)),
    approve: (id: string) => decideApproval(ctx, id, 'approved', maxAge(ctx)),
    reject: (id: string) => decideApproval(ctx, id, 'rejected', maxAge(ctx)),
    /** The approval a single-use approval link opens, without using it up; undefined if spent. */
    linkApproval: (token: string) => peekLoginLink(ctx, token),
    /** Use an approval link up (once, ever): the approval it opens, or undefined. */
    redeemLink: (token: string) => redeemLoginLink(ctx, token),
    activity: (limit?: number) => listActivity(ctx, limit),
    modes: () => listModes(ctx),
    activateMode: (name: string) => activateMode(ctx, name),
    createMode: (name: string, options: { fromCurrent?: boolean; description?: string }) =>
      createMode(ctx, name, options),
    deleteMode: (name: string) => deleteMode(ctx, name),
  };
}
export type TriggersApi = ReturnType<typeof triggersApi>;
