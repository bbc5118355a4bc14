import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { badInput, CcAgentError, refused } from '../errors.js';
import { validPayload } from './payload.js';
import {
  parseAction,
  parseAutonomy,
  parseCondition,
  parseCooldown,
  parseKind,
  parsePayload,
  type Autonomy,
  type TriggerAction,
  type TriggerKind,
} from './spec.js';

export interface TriggerRow {
  id: string;
  name: string;
  kind: TriggerKind;
  condition: string;
  action: TriggerAction;
  payload: string | null;
  autonomy: Autonomy;
  cooldown_s: number;
  enabled: number;
  created_at: number;
  checked_at: number;
  last_fired_at: number | null;
}

export interface Trigger {
  id: string;
  name: string;
  kind: TriggerKind;
  condition: string;
  action: TriggerAction;
  payload: Record<string, unknown> | null;
  autonomy: Autonomy;
  cooldownSeconds: number;
  enabled: boolean;
  lastFiredAt: string | null;
}

export const toTrigger = (r: TriggerRow): Trigger => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  condition: r.condition,
  action: r.action,
  payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null,
  autonomy: r.autonomy,
  cooldownSeconds: r.cooldown_s,
  enabled: r.enabled === 1,
  lastFiredAt: r.last_fired_at === null ? null : new Date(r.last_fired_at).toISOString(),
});

export interface TriggerInput {
  name: string;
  kind: string;
  condition: string;
  action: string;
  payload?: string;
  autonomy?: string;
  cooldown?: unknown;
  /** Where a relative payload "dir" is resolved (the caller's working folder). */
  cwd?: string;
}

/** Validate everything first; only then write (bad input leaves the store unchanged). */
export function addTrigger(ctx: EngineContext, input: TriggerInput): Trigger {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(input.name)) {
    throw badInput(`invalid trigger name '${input.name}' (letters, digits, _ . -; up to 64)`);
  }
  const kind = parseKind(input.kind);
  const condition = parseCondition(kind, input.condition);
  const action = parseAction(input.action);
  const payload = validPayload(action, parsePayload(input.payload), input.cwd ?? ctx.paths.home);
  const autonomy = parseAutonomy(input.autonomy ?? 'auto');
  const cooldown = parseCooldown(input.cooldown);
  if (ctx.db.prepare('SELECT 1 FROM triggers WHERE name = ?').get(input.name)) {
    throw refused(`a trigger named '${input.name}' already exists`);
  }
  const id = randomBytes(4).toString('hex');
  const now = ctx.now();
  ctx.db
    .prepare(
      `INSERT INTO triggers (id, name, kind, condition, action, payload, autonomy, cooldown_s, created_at, checked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.name,
      kind,
      condition,
      action,
      payload ? JSON.stringify(payload) : null,
      autonomy,
      cooldown,
      now,
      now,
    );
  return getTrigger(ctx, id);
}

export function findTriggerRow(ctx: EngineContext, idOrName: string): TriggerRow {
  const row = ctx.db
    .prepare('SELECT * FROM triggers WHERE id = ? OR name = ?')
    .get(idOrName, idOrName) as TriggerRow | undefined;
  if (!row) throw new CcAgentError('not_found', `no trigger '${idOrName}'`);
  return row;
}

export const getTrigger = (ctx: EngineContext, idOrName: string): Trigger =>
  toTrigger(findTriggerRow(ctx, idOrName));

export function listTriggers(ctx: EngineContext): Trigger[] {
  return (
    ctx.db.prepare('SELECT * FROM triggers ORDER BY created_at, rowid').all() as TriggerRow[]
  ).map(toTrigger);
}

export function toggleTrigger(ctx: EngineContext, idOrName: string): Trigger {
  const row = findTriggerRow(ctx, idOrName);
  // Re-enabling starts the clock now: slots missed while disabled do not fire.
  ctx.db
    .prepare('UPDATE triggers SET enabled = ?, checked_at = ? WHERE id = ?')
    .run(row.enabled ? 0 : 1, ctx.now(), row.id);
  return getTrigger(ctx, row.id);
}

export function removeTrigger(ctx: EngineContext, idOrName: string): Trigger {
  const t = getTrigger(ctx, idOrName);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM triggers WHERE id = ?').run(t.id);
    ctx.db.prepare('DELETE FROM trigger_fires WHERE trigger_id = ?').run(t.id);
  })();
  return t;
}
