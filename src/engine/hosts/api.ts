import type { EngineContext } from '../context.js';
import type { Job } from '../store/job-types.js';
import { hostSummaries, type HostSummary } from './heartbeat.js';

/** The hosts sharing the store, as the engine offers them to every face. */
export function hostsApi(ctx: EngineContext) {
  return {
    /** Whether the store is shared (PostgreSQL): HOST columns and summaries only then. */
    shared: ctx.jobs.host.shared,
    list: (): HostSummary[] => hostSummaries(ctx),
    /** Whether another host's engine runs this job (its screen and keys go through that host). */
    elsewhere: (job: Pick<Job, 'host'>): boolean => ctx.jobs.elsewhere(job),
  };
}
export type HostsApi = ReturnType<typeof hostsApi>;
