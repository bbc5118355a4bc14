import type { EngineContext } from '../context.js';
import { getTextSetting } from '../store/text-settings.js';

/** How often a live engine says its host lives. */
export const BEAT_MS = 5_000;
/** A host whose engine has not beaten for this long is down: its agents cannot be reached. */
export const DOWN_MS = 20_000;

/** One host sharing the store, as every face shows it. */
export interface HostSummary {
  id: string;
  /** This engine's own host. */
  here: boolean;
  /** Running agents it supervises. */
  agents: number;
  /** host.max_agents as that host set it; null: no limit. */
  maxAgents: number | null;
  /** Its engine's last heartbeat (ISO), or null if it never ran a live engine. */
  heartbeatAt: string | null;
  up: boolean;
}

/**
 * How many agents this host runs at once for queue tasks: CC_AGENT_MAX_AGENTS on this host,
 * else the `host.max_agents` setting (in a shared store, every host's default); null: no limit.
 */
export function maxAgents(ctx: EngineContext): number | null {
  const v = ctx.env['CC_AGENT_MAX_AGENTS'] || getTextSetting(ctx, 'host.max_agents');
  const n = v ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** A live engine's heartbeat: written at most every BEAT_MS. Returns when it last beat. */
export function beatIfDue(ctx: EngineContext, last: number, startedAt: number): number {
  const now = ctx.now();
  if (now - last < BEAT_MS) return last;
  ctx.store.hosts.beat(
    { id: ctx.jobs.host.id, started_at: startedAt, max_agents: maxAgents(ctx), pid: process.pid },
    now,
  );
  return now;
}

export function isUp(heartbeatAt: number | undefined, now: number): boolean {
  return heartbeatAt !== undefined && now - heartbeatAt < DOWN_MS;
}

/** Every host that beat or runs agents, this one first known by its id. */
export function hostSummaries(ctx: EngineContext): HostSummary[] {
  const now = ctx.now();
  const agents = ctx.store.hosts.agents();
  const beats = new Map(ctx.store.hosts.list().map((h) => [h.id, h]));
  const ids = new Set([...beats.keys(), ...agents.keys(), ctx.jobs.host.id]);
  return [...ids].sort().map((id) => {
    const h = beats.get(id);
    return {
      id,
      here: id === ctx.jobs.host.id,
      agents: agents.get(id) ?? 0,
      maxAgents: h?.max_agents ?? null,
      heartbeatAt: h ? new Date(h.heartbeat_at).toISOString() : null,
      up: isUp(h?.heartbeat_at, now),
    };
  });
}
