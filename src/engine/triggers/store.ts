import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { badInput, CcAgentError, refused } from '../errors.js';
import type { Trigger, TriggerInput, TriggerRecord } from '../store/trigger-types.js';
import { validPayload } from './payload.js';
import {
  parseAction,
  parseAutonomy,
  parseCondition,
  parseCooldown,
  parseKind,
  parsePayload,
} from './spec.js';

export type { Trigger, TriggerInput, TriggerRecord };

export const toTrigger = (r: TriggerRecord): Trigger => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  condition: r.condition,
  action: r.action,
  payload: r.payload,
  autonomy: r.autonomy,
  cooldownSeconds: r.cooldownSeconds,
  enabled: r.enabled,
  lastFiredAt: r.lastFiredAt === null ? null : new Date(r.lastFiredAt).toISOString(),
});

/** A trigger as the user wrote it, checked through: a record ready to store, or an error. */
export function validTrigger(ctx: EngineContext, input: TriggerInput): TriggerRecord {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(input.name)) {
    throw badInput(`invalid trigger name '${input.name}' (letters, digits, _ . -; up to 64)`);
  }
  const kind = parseKind(input.kind);
  const condition = parseCondition(kind, input.condition);
  const action = parseAction(input.action);
  const payload = validPayload(action, parsePayload(input.payload), input.cwd ?? ctx.paths.home);
  const autonomy = parseAutonomy(input.autonomy ?? 'auto');
  const cooldownSeconds = parseCooldown(input.cooldown);
  const now = ctx.now();
  return {
    id: randomBytes(4).toString('hex'),
    name: input.name,
    kind,
    condition,
    action,
    payload,
    autonomy,
    cooldownSeconds,
    enabled: true,
    createdAt: now,
    checkedAt: now,
    lastFiredAt: null,
  };
}

/** Validate everything first; only then write (bad input leaves the store unchanged). */
export function addTrigger(ctx: EngineContext, input: TriggerInput): Trigger {
  const t = validTrigger(ctx, input);
  if (ctx.store.automation.triggers.find(input.name)) {
    throw refused(`a trigger named '${input.name}' already exists`);
  }
  ctx.store.automation.triggers.insert(t);
  return getTrigger(ctx, t.id);
}

export function findTriggerRecord(ctx: EngineContext, idOrName: string): TriggerRecord {
  const t = ctx.store.automation.triggers.find(idOrName);
  if (!t) throw new CcAgentError('not_found', `no trigger '${idOrName}'`);
  return t;
}

export const getTrigger = (ctx: EngineContext, idOrName: string): Trigger =>
  toTrigger(findTriggerRecord(ctx, idOrName));

export const listTriggers = (ctx: EngineContext): Trigger[] =>
  ctx.store.automation.triggers.list().map(toTrigger);

export function toggleTrigger(ctx: EngineContext, idOrName: string): Trigger {
  const t = findTriggerRecord(ctx, idOrName);
  // Re-enabling starts the clock now: slots missed while disabled do not fire.
  ctx.store.automation.triggers.setEnabled(t.id, !t.enabled, ctx.now());
  return getTrigger(ctx, t.id);
}

export function removeTrigger(ctx: EngineContext, idOrName: string): Trigger {
  const t = getTrigger(ctx, idOrName);
  ctx.store.automation.triggers.remove(t.id);
  return t;
}
