import type { EngineContext } from './context.js';
import { dayOf } from './store/history.js';

/** What the TUI's Analytics panel draws: read-only figures from the store, no side effects. */
export interface Analytics {
  /** One row per calendar day (UTC, 'YYYY-MM-DD'), oldest first, for the last `days` days including today; days with no data are present with zeros. */
  days: { day: string; jobs: number; tokens: number; costUsd: number; events: number }[];
  /** Most recent finished jobs (up to 20), newest first: how long each ran. */
  durations: { id: string; backend: string; status: string; seconds: number; prompt: string }[];
  /** Tool usage across stored hook events (PreToolUse), most used first, up to 10. */
  tools: { tool: string; count: number }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DURATIONS = 20;
const MAX_TOOLS = 10;

/**
 * Figures for the last `days` UTC days (default 14; today included), recent durations and
 * the most used tools. `tokens` follows daily_metrics: input (with cache reads and cache
 * writes, as recordFinished adds them) plus output. `events` counts every hook event by the
 * day it was ingested (countEvents uses the ingest clock), not only PreToolUse.
 */
export function analytics(ctx: EngineContext, days = 14): Analytics {
  return { days: perDay(ctx, days), durations: durations(ctx), tools: tools(ctx) };
}

type Day = Analytics['days'][number];

function perDay(ctx: EngineContext, days: number): Day[] {
  const now = ctx.now();
  const n = Math.floor(days);
  if (!(n > 0)) return []; // also NaN
  const rows = new Map<string, Day>();
  for (let i = n - 1; i >= 0; i--) {
    const day = dayOf(now - i * DAY_MS);
    rows.set(day, { day, jobs: 0, tokens: 0, costUsd: 0, events: 0 });
  }
  const first = dayOf(now - (n - 1) * DAY_MS);
  const today = dayOf(now);
  const metrics = ctx.store.analytics.days(first, today);
  for (const m of metrics) {
    const d = rows.get(m.day);
    if (d)
      Object.assign(d, { jobs: m.jobs, tokens: m.tokens, costUsd: m.costUsd, events: m.events });
  }
  // UTC days are exactly DAY_MS long, so the window starts at midnight of `first`.
  const from = Date.parse(`${first}T00:00:00.000Z`);
  // Ended jobs recordFinished has not filed yet (store/sqlite-analytics.ts says why).
  const unfiled = ctx.store.analytics.unfiled(from, from + n * DAY_MS);
  for (const j of unfiled) {
    const d = rows.get(dayOf(j.endedAt));
    if (!d) continue;
    d.jobs += 1;
    d.tokens += j.tokens;
    d.costUsd += j.cost;
  }
  return [...rows.values()];
}

/**
 * job_history is the record of finished jobs (it outlives `clean`); its `data` is the Job as
 * JSON, which holds backend and prompt preview. duration_ms is null when the job never
 * started (it failed to launch): that is 0 seconds. Negative spans (an agent's clock stamped
 * the end, ours the start) are clamped to 0 too.
 */
function durations(ctx: EngineContext): Analytics['durations'] {
  const rows = ctx.store.analytics.runs(MAX_DURATIONS);
  return rows.map((r) => ({
    id: r.id,
    backend: r.backend ?? '',
    status: r.status,
    seconds: Math.max(0, Math.round((r.ms ?? 0) / 1000)),
    prompt: r.prompt ?? '',
  }));
}

/** Every stored PreToolUse (retention keeps 30 days by default), not only the `days` window. */
function tools(ctx: EngineContext): Analytics['tools'] {
  return ctx.store.analytics.tools(MAX_TOOLS);
}
