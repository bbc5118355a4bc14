import type {
  Autonomy,
  Payload,
  TriggerAction,
  TriggerKind,
  TriggerRecord,
} from './trigger-types.js';

/** A triggers row as SQLite stores it: times in epoch ms, flags as 0/1, payload as JSON. */
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

export const toRecord = (r: TriggerRow): TriggerRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  condition: r.condition,
  action: r.action,
  payload: r.payload ? (JSON.parse(r.payload) as Payload) : null,
  autonomy: r.autonomy,
  cooldownSeconds: r.cooldown_s,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  checkedAt: r.checked_at,
  lastFiredAt: r.last_fired_at,
});

export const toRow = (t: TriggerRecord): TriggerRow => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  condition: t.condition,
  action: t.action,
  payload: t.payload ? JSON.stringify(t.payload) : null,
  autonomy: t.autonomy,
  cooldown_s: t.cooldownSeconds,
  enabled: t.enabled ? 1 : 0,
  created_at: t.createdAt,
  checked_at: t.checkedAt,
  last_fired_at: t.lastFiredAt,
});
