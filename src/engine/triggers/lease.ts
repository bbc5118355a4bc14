import type { EngineContext } from '../context.js';

/**
 * Take or renew a named lease for `ttlMs`. True when this holder has it: free, expired, or
 * already ours. One UPSERT, so two engines racing cannot both win.
 */
export function holdLease(
  ctx: EngineContext,
  name: string,
  holder: string,
  ttlMs: number,
): boolean {
  const now = ctx.now();
  ctx.db
    .prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
       ON CONFLICT(name) DO UPDATE SET holder = @holder, expires_at = @expires
       WHERE leases.holder = @holder OR leases.expires_at < @now`,
    )
    .run({ name, holder, expires: now + ttlMs, now });
  return ctx.db.prepare('SELECT holder FROM leases WHERE name = ?').pluck().get(name) === holder;
}

export function releaseLease(ctx: EngineContext, name: string, holder: string): void {
  ctx.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
}
