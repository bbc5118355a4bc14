import { readFileSync } from 'node:fs';
import type { EngineContext } from '../context.js';

export interface PulseStatus {
  /** A detached pulse process (pidfile) that is alive. */
  pid: number | null;
  /** Who holds the pulse lease now (any long-lived engine: TUI, server, `pulse run`). */
  leader: string | null;
  leaseExpiresAt: string | null;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid in the pidfile, if that process still runs. */
export function pulsePid(ctx: EngineContext): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(ctx.paths.pulsePid, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

export function pulseStatus(ctx: EngineContext): PulseStatus {
  const lease = ctx.store.automation.leases.current('pulse', ctx.now());
  return {
    pid: pulsePid(ctx),
    leader: lease?.holder ?? null,
    leaseExpiresAt: lease ? new Date(lease.expiresAt).toISOString() : null,
  };
}
