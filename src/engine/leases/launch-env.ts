import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { EngineContext } from '../context.js';
import { git } from '../process/git.js';

/**
 * What the relay needs to name a job's files the same way across worktrees: the top of the
 * job's working tree (paths under it become relative) and an id of the repository all its
 * worktrees share (their common git dir). Outside git only the absolute path names a file.
 * `exclusive` (start --exclusive-files): this job's leases refuse, and it is refused.
 */
export async function leaseEnv(
  ctx: EngineContext,
  dir: string,
  exclusive: boolean,
): Promise<Record<string, string>> {
  const env: Record<string, string> = { CC_AGENT_LEASE_MODE: exclusive ? 'block' : 'warn' };
  const r = await git(ctx, dir, ['rev-parse', '--show-toplevel', '--git-common-dir']).catch(
    () => undefined,
  );
  if (r?.code !== 0) return env;
  const [top, common] = r.stdout.trim().split('\n');
  if (!top || !common) return env;
  const commonDir = isAbsolute(common) ? common : resolve(dir, common);
  env['CC_AGENT_LEASE_ROOT'] = real(top);
  env['CC_AGENT_LEASE_REPO'] = createHash('sha256')
    .update(real(commonDir))
    .digest('hex')
    .slice(0, 12);
  return env;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
