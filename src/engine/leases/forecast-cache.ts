import type { EngineContext } from '../context.js';
import { forecastMerges, type MergeForecast } from './forecast.js';

/** How often a live engine merges the live worktree branches in memory. */
export const FORECAST_EVERY_MS = 60_000;

interface Cached {
  at: number;
  list: MergeForecast[];
  running: boolean;
  /** The live worktree agents and their activity when it last ran: a turn's end re-runs it. */
  seen: string;
}
const cache = new WeakMap<EngineContext, Cached>();

/** The merge conflicts this engine last predicted (empty before its first forecast). */
export const lastForecast = (ctx: EngineContext): MergeForecast[] => cache.get(ctx)?.list ?? [];

function cached(ctx: EngineContext): Cached {
  let c = cache.get(ctx);
  if (!c) cache.set(ctx, (c = { at: 0, list: [], running: false, seen: '' }));
  return c;
}

/** Keep `list` as the latest forecast; a changed one is announced so the views redraw. */
function keep(ctx: EngineContext, c: Cached, list: MergeForecast[]): MergeForecast[] {
  c.at = ctx.now();
  if (JSON.stringify(list) !== JSON.stringify(c.list)) {
    c.list = list;
    ctx.events.emit('leases_updated', { jobId: '' });
  }
  return list;
}

/** Forecast now (a face asking for it), and keep it as the latest. */
export async function forecastNow(ctx: EngineContext): Promise<MergeForecast[]> {
  return keep(ctx, cached(ctx), await forecastMerges(ctx));
}

/**
 * On the live engine's schedule, while worktree agents run: their branches merged in memory
 * again whenever one of them changes activity (a turn ended: it may have committed) and at
 * least every FORECAST_EVERY_MS; a forecast that changed is announced (leases_updated) so the
 * Conflicts views redraw. No worktree agents: no git at all.
 */
export async function forecastIfDue(ctx: EngineContext): Promise<void> {
  const c = cached(ctx);
  if (c.running) return;
  const live = ctx.jobs.list(['running']).filter((r) => r.worktree);
  const seen = live.map((r) => `${r.id}:${r.activity}`).join(',');
  if (seen === c.seen && ctx.now() - c.at < FORECAST_EVERY_MS) return;
  if (live.length === 0 && c.list.length === 0) {
    c.seen = seen;
    return;
  }
  c.running = true;
  try {
    keep(ctx, c, live.length > 0 ? await forecastMerges(ctx) : []);
    c.seen = seen;
  } finally {
    c.running = false;
  }
}
