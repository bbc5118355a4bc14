import type { EngineContext } from '../context.js';
import { hostSummaries, type HostSummary } from './heartbeat.js';

/** The hosts sharing the store, as the engine offers them to every face. */
export function hostsApi(ctx: EngineContext) {
  return {
    /** This engine's host id (CC_AGENT_HOST_ID, else the hostname). */
    here: ctx.jobs.host.id,
    /** Whether the store is shared (PostgreSQL): HOST columns and summaries only then. */
    shared: ctx.jobs.host.shared,
    list: (): HostSummary[] => hostSummaries(ctx),
  };
}
export type HostsApi = ReturnType<typeof hostsApi>;
