import type { EngineContext } from '../context.js';
import { pidFormat, runningState } from '../run-file.js';

export interface PulseStatus {
  /** A detached pulse process (pidfile) that is alive. */
  pid: number | null;
  /** Who holds the pulse lease now (any long-lived engine: TUI, server, `pulse run`). */
  leader: string | null;
  leaseExpiresAt: string | null;
}

/** The pid in the pidfile, if that process still runs. */
export const pulsePid = (ctx: EngineContext): number | null =>
  runningState(ctx.paths.pulsePid, pidFormat)?.pid ?? null;

export function pulseStatus(ctx: EngineContext): PulseStatus {
  const lease = ctx.store.automation.leases.current('pulse', ctx.now());
  return {
    pid: pulsePid(ctx),
    leader: lease?.holder ?? null,
    leaseExpiresAt: lease ? new Date(lease.expiresAt).toISOString() : null,
  };
}
