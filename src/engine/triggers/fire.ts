import { AsyncLocalStorage } from 'node:async_hooks';
import type { EngineContext } from '../context.js';
import { recordActivity } from '../store/activity.js';
import { runAction } from './actions.js';
import { requestApproval } from './approvals.js';
import { metrics } from './metrics.js';
import { compare, parseCron, parseThreshold } from './spec.js';
import type { TriggerKind, TriggerRecord } from '../store/trigger-types.js';

/**
 * The trigger whose action caused what is happening now. AsyncLocalStorage follows the action
 * through its awaits, so an event emitted by the action is attributed to it, while an event
 * from anywhere else meanwhile (another process, the user) is not.
 */
const cause = new AsyncLocalStorage<string>();
export const triggerInAction = (): string | undefined => cause.getStore();

/** A threshold that stays true fires again only after this long (or its own cooldown). */
const THRESHOLD_MIN_COOLDOWN_S = 60;

/**
 * Fire a trigger once: claim the cooldown atomically (two engines cannot both pass it), then
 * run the action (auto) or file an approval (confirm). Returns what happened, or undefined when
 * the cooldown held it back.
 */
export async function fireTrigger(
  ctx: EngineContext,
  t: TriggerRecord,
  reason: string,
): Promise<string | undefined> {
  const now = ctx.now();
  const floor =
    t.kind === 'threshold'
      ? Math.max(t.cooldownSeconds, THRESHOLD_MIN_COOLDOWN_S)
      : t.cooldownSeconds;
  if (!ctx.store.automation.triggers.claimFire(t.id, now, now - floor * 1000)) return undefined;
  if (t.autonomy === 'confirm') {
    const a = requestApproval(ctx, t, reason);
    return `approval ${a.id} requested`;
  }
  let outcome: string;
  try {
    outcome = await cause.run(t.name, () => runAction(ctx, t.action, t.payload, t.name));
  } catch (e) {
    outcome = `failed: ${(e as Error).message}`;
  }
  recordActivity(ctx, 'trigger_fired', { trigger: t.name, action: t.action, reason, outcome });
  // Not a write's announcement (claimFire made that, as trigger_updated): what the action did.
  ctx.events.emit('trigger_fired', { trigger: t.name, action: t.action, outcome });
  return outcome;
}

const enabled = (ctx: EngineContext, kind: TriggerKind): TriggerRecord[] =>
  ctx.store.automation.triggers.list({ kind, enabled: true });

/**
 * Cron: the most recent slot due since the last check fires, once. The slot goes into
 * trigger_fires under a primary key first, so with two engines (or after a restart) each slot
 * fires exactly once; slots missed while nothing ran are not replayed one by one.
 */
export async function checkCron(ctx: EngineContext): Promise<string[]> {
  const fired: string[] = [];
  const now = ctx.now();
  for (const t of enabled(ctx, 'cron')) {
    const cron = parseCron(t.condition);
    let slot: number | undefined;
    for (let next = cron.nextRun(new Date(t.checkedAt)); next && next.getTime() <= now;) {
      slot = next.getTime();
      next = cron.nextRun(next);
    }
    if (slot === undefined) continue;
    ctx.store.automation.triggers.markChecked(t.id, now);
    if (!ctx.store.automation.fires.claim(t.id, slot, now)) continue;
    const outcome = await fireTrigger(ctx, t, `cron slot ${new Date(slot).toISOString()}`);
    if (outcome !== undefined) fired.push(t.name);
  }
  return fired;
}

/** An engine event happened: every enabled event trigger naming it fires. */
export async function onEngineEvent(
  ctx: EngineContext,
  name: string,
  causedBy?: string,
): Promise<string[]> {
  const fired: string[] = [];
  for (const t of enabled(ctx, 'event')) {
    // A trigger never re-fires on an event its own action caused (queue_task → queue_updated).
    if (t.condition !== name || t.name === causedBy) continue;
    if ((await fireTrigger(ctx, t, `event ${name}`)) !== undefined) fired.push(t.name);
  }
  return fired;
}

export async function checkThresholds(ctx: EngineContext): Promise<string[]> {
  const m = metrics(ctx);
  const fired: string[] = [];
  for (const t of enabled(ctx, 'threshold')) {
    const th = parseThreshold(t.condition);
    if (!compare(m[th.metric], th.op, th.value)) continue;
    const outcome = await fireTrigger(ctx, t, `${t.condition} (now ${m[th.metric]})`);
    if (outcome !== undefined) fired.push(t.name);
  }
  return fired;
}
