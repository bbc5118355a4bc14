import { createRequire } from 'node:module';
import { oneOf } from '../one-of.js';
import type { Cron } from 'croner';
import { badInput, fieldError } from '../errors.js';
import type { EngineEventName } from '../events/emitter.js';
import {
  ACTIONS,
  AUTONOMY,
  TRIGGER_KINDS,
  type Autonomy,
  type TriggerAction,
  type TriggerKind,
} from '../store/trigger-types.js';

export { ACTIONS, AUTONOMY, TRIGGER_KINDS, type Autonomy, type TriggerAction, type TriggerKind };

export const METRICS = [
  'context_used_pct',
  'queue_depth',
  'active_agents',
  'idle_seconds',
] as const;
export type Metric = (typeof METRICS)[number];
export const OPERATORS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Engine events a trigger may name (the typed emitter's names). */
export const EVENT_NAMES: readonly EngineEventName[] = [
  'job_created',
  'job_updated',
  'job_completed',
  'job_failed',
  'job_deleted',
  'hook_event',
  'queue_updated',
  'queue_removed',
  'orchestrator_status_change',
  'orchestrator_context_warn',
];

export interface Threshold {
  metric: Metric;
  op: Operator;
  value: number;
}

export const parseKind = (v: string): TriggerKind => oneOf(TRIGGER_KINDS, v, 'trigger type');
export const parseAction = (v: string): TriggerAction => oneOf(ACTIONS, v, 'action');
export const parseAutonomy = (v: string): Autonomy => oneOf(AUTONOMY, v, '--autonomy');

/** A 5-field cron expression (names, ranges, steps) or a nickname such as @hourly. */
/** croner on first use: most commands never read a cron expression (as tinyglobby in prompts). */
let croner: typeof import('croner') | undefined;
const cronLib = (): typeof import('croner') =>
  (croner ??= createRequire(import.meta.url)('croner') as typeof import('croner'));

export function parseCron(expr: string): Cron {
  const fields = expr.trim().split(/\s+/);
  if (!expr.trim().startsWith('@') && fields.length !== 5) {
    throw fieldError(
      'cron',
      (name) =>
        `invalid ${name} '${expr}': expected 5 fields (minute hour day month weekday), got ${fields.length}`,
      'cron',
    );
  }
  try {
    return new (cronLib().Cron)(expr.trim(), { paused: true });
  } catch (e) {
    const why = (e as Error).message;
    throw fieldError('cron', (name) => `invalid ${name} '${expr}': ${why}`, 'cron');
  }
}

/** `metric op value`, e.g. `context_used_pct >= 80`. */
export function parseThreshold(text: string): Threshold {
  const m = /^\s*([a-z_]+)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) {
    throw badInput(
      `invalid threshold '${text}' (expected: <metric> <op> <number>, op one of ${OPERATORS.join(' ')})`,
    );
  }
  return {
    metric: oneOf(METRICS, m[1] as string, 'metric'),
    op: m[2] as Operator,
    value: Number(m[3]),
  };
}

export function compare(a: number, op: Operator, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Validate a trigger's condition for its kind; returns it normalised. */
export function parseCondition(kind: TriggerKind, cond: string): string {
  if (kind === 'cron') {
    parseCron(cond);
    return cond.trim();
  }
  if (kind === 'event') return oneOf(EVENT_NAMES, cond.trim(), 'event');
  const t = parseThreshold(cond);
  return `${t.metric} ${t.op} ${t.value}`;
}

export function parsePayload(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const why = (e as Error).message.split('\n')[0] ?? '';
    throw fieldError('payload', (n) => `invalid ${n} JSON: ${why}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw fieldError('payload', (n) => `invalid ${n}: expected a JSON object`);
  return v as Record<string, unknown>;
}

export function parseCooldown(v: unknown): number {
  const n = v === undefined ? 0 : Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw fieldError(
      'cooldown',
      (name) => `invalid ${name} '${String(v)}' (whole seconds, 0 or more)`,
    );
  return n;
}
