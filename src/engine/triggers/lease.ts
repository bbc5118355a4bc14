import type { EngineContext } from '../context.js';

/**
 * Take or renew a named lease for `ttlMs`. True when this holder has it: free, expired, or
 * already ours; two engines racing cannot both win (LeasesRepo.hold).
 */
export const holdLease = (ctx: EngineContext, name: string, holder: string, ttlMs: number) =>
  ctx.automation.leases.hold(name, holder, ttlMs, ctx.now());

export const releaseLease = (ctx: EngineContext, name: string, holder: string): void =>
  ctx.automation.leases.release(name, holder);
