import type { EngineContext } from '../context.js';
import { ORCHESTRATOR_ID } from '../jobs/lookup.js';
import { queueDepth } from '../queue/queue.js';
import { compare, parseThreshold, type Metric } from './spec.js';

/** The metrics thresholds read; the orchestrator's when it runs, else the busiest agent's. */
export function metrics(ctx: EngineContext): Record<Metric, number> {
  const running = ctx.jobs.list(['running']);
  const orch = running.find((j) => j.id === ORCHESTRATOR_ID);
  const watched = orch ? [orch] : running;
  const lastSign = Math.max(0, ...watched.map((j) => j.last_event_at ?? j.started_at ?? 0));
  return {
    context_used_pct: Math.max(0, ...watched.map((j) => j.context_pct ?? 0)),
    queue_depth: queueDepth(ctx),
    active_agents: running.length,
    idle_seconds: watched.length && lastSign ? Math.floor((ctx.now() - lastSign) / 1000) : 0,
  };
}

/** Whether a threshold condition holds now, and the value it was read against. */
export function thresholdNow(
  ctx: EngineContext,
  condition: string,
): { holds: boolean; now: number } {
  const th = parseThreshold(condition);
  const now = metrics(ctx)[th.metric];
  return { holds: compare(now, th.op, th.value), now };
}
