import type { EngineContext } from '../context.js';
import { fieldError } from '../errors.js';
import { isTextSettingKey, setTextSetting, TEXT_SETTINGS } from './text-settings.js';

/** Settings cc-agent reads from the `settings` table, with their defaults. */
export const SETTINGS = {
  'retention.hook_events_days': 30,
  'retention.job_history_days': 365,
  'retention.daily_metrics_days': 730,
  'queue.task_timeout_minutes': 60,
  'approvals.max_age_hours': 24,
  'orchestrator.context_warn_pct': 70,
  'orchestrator.context_clear_pct': 80,
  'orchestrator.respawn_min_seconds': 60,
  'notify.debounce_seconds': 30,
  'notify.timeout_seconds': 10,
} as const;
export type SettingKey = keyof typeof SETTINGS;

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

export function getSetting(ctx: EngineContext, key: SettingKey): number {
  const v = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key);
  const n = typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : SETTINGS[key];
}

export function setSetting(ctx: EngineContext, key: string, value: string): void {
  if (isTextSettingKey(key)) return setTextSetting(ctx, key, value);
  if (!isSettingKey(key)) {
    const known = [...Object.keys(SETTINGS), ...Object.keys(TEXT_SETTINGS)];
    throw fieldError(
      'setting',
      (n) => `unknown ${n} '${key}' (known: ${known.join(', ')})`,
      'setting',
    );
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw fieldError(key, (n) => `invalid ${n} '${value}' (a whole number, at least 1)`, key);
  ctx.db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, String(n));
}

/**
 * Drop what is older than the retention settings, so the store never grows without bound.
 * Runs at most once an hour (any process), in one short transaction.
 */
export function pruneIfDue(ctx: EngineContext, force = false): { events: number; history: number } {
  const now = ctx.now();
  const last = ctx.db.prepare("SELECT value FROM counters WHERE name = 'last_prune'").pluck().get();
  if (!force && typeof last === 'number' && now - last < PRUNE_EVERY_MS)
    return { events: 0, history: 0 };
  return ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO counters (name, value) VALUES ('last_prune', ?)
         ON CONFLICT(name) DO UPDATE SET value = excluded.value`,
      )
      .run(now);
    const cut = (key: SettingKey) => now - getSetting(ctx, key) * DAY_MS;
    const events = ctx.db
      .prepare('DELETE FROM hook_events WHERE ts < ?')
      .run(cut('retention.hook_events_days')).changes;
    const history = ctx.db
      .prepare('DELETE FROM job_history WHERE ended_at < ?')
      .run(cut('retention.job_history_days')).changes;
    const day = new Date(cut('retention.daily_metrics_days')).toISOString().slice(0, 10);
    ctx.db.prepare('DELETE FROM daily_metrics WHERE day < ?').run(day);
    // Notifications are claimed for a few minutes after their event; login links live a day.
    ctx.db.prepare('DELETE FROM notifications_sent WHERE at < ?').run(now - 2 * DAY_MS);
    ctx.db.prepare('DELETE FROM login_links WHERE expires_at < ?').run(now);
    return { events, history };
  })();
}
