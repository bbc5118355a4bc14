import type { EngineContext } from '../context.js';
import { parseBudgetUsd } from '../budget/rules.js';
import { badInput } from '../errors.js';
import { BACKENDS } from './job-types.js';

/**
 * Settings whose value is text, not a number: how notifications leave the machine. An empty
 * value unsets one. Each is checked when set, so a bad one is refused at `settings` and never
 * met later by the engine.
 */
export const TEXT_SETTINGS = {
  /** JSON argv array (no shell): run with each notification as JSON on stdin. */
  'notify.command': parseArgv,
  /** Where a phone reaches the browser view (e.g. a tunnel): the base of approval links. */
  'notify.url': parseBaseUrl,
  /** USD a local day may spend: reached, nothing new starts and the queue pauses. */
  'budget.daily_usd': (v: string): string =>
    String(parseBudgetUsd(v, 'budget.daily_usd', 'budget.daily_usd')),
  /** warn: a second agent editing a held file is reported; block: its edit is refused. */
  'conflicts.mode': (v: string): string => {
    if (v === 'warn' || v === 'block') return v;
    throw badInput(`invalid conflicts.mode '${v}' (expected one of: warn, block)`);
  },
  /** The agent a host starts for a queue task when it works the queue itself (host.max_agents). */
  'queue.agent': (v: string): string => {
    if ((BACKENDS as readonly string[]).includes(v)) return v;
    throw badInput(`invalid queue.agent '${v}' (expected one of: ${BACKENDS.join(', ')})`);
  },
  /** How many agents this host's engine runs for queue tasks at once (many hosts). */
  'host.max_agents': (v: string): string => {
    const n = Number(v);
    if (Number.isInteger(n) && n >= 0 && n <= 1000) return String(n);
    throw badInput(`invalid host.max_agents '${v}' (a whole number from 0 to 1000)`);
  },
} as const;
export type TextSettingKey = keyof typeof TEXT_SETTINGS;

export const isTextSettingKey = (key: string): key is TextSettingKey =>
  Object.prototype.hasOwnProperty.call(TEXT_SETTINGS, key);

function parseArgv(value: string): string {
  let argv: unknown;
  try {
    argv = JSON.parse(value);
  } catch {
    argv = undefined;
  }
  const ok =
    Array.isArray(argv) &&
    argv.length > 0 &&
    argv.every((a) => typeof a === 'string' && !a.includes('\0')) &&
    (argv[0] as string).trim() !== '';
  if (!ok)
    throw badInput(
      `invalid notify.command '${value}' (a JSON array of strings, e.g. '["ntfy","publish","mytopic"]')`,
    );
  return JSON.stringify(argv);
}

function parseBaseUrl(value: string): string {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.search || u.hash)
    throw badInput(`invalid notify.url '${value}' (expected http(s)://host[:port])`);
  return u.toString().replace(/\/+$/, '');
}

export function getTextSetting(ctx: EngineContext, key: TextSettingKey): string | null {
  const v = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key);
  return typeof v === 'string' && v !== '' ? v : null;
}

export function setTextSetting(ctx: EngineContext, key: TextSettingKey, value: string): void {
  if (value.trim() === '') {
    ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    return;
  }
  ctx.db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, TEXT_SETTINGS[key](value));
}

/** notify.command as an argv, or null when unset. */
export function notifyArgv(ctx: EngineContext): string[] | null {
  const v = getTextSetting(ctx, 'notify.command');
  return v === null ? null : (JSON.parse(v) as string[]);
}
