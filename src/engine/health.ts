import { statfsSync } from 'node:fs';
import { allBackends } from './agents/registry.js';
import type { EngineContext } from './context.js';
import { CcAgentError } from './errors.js';
import { which } from './process/which.js';
import { schemaVersion } from './store/db.js';
import { counterValue } from './store/hook-events.js';

export interface HealthCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface HealthReport {
  ok: boolean;
  checks: HealthCheck[];
}

/** tmux, each agent CLI and its version, the store, free disk under the home. */
export async function health(ctx: EngineContext): Promise<HealthReport> {
  const checks: HealthCheck[] = [];
  const tmux = ctx.tmux(ctx.defaultSocket);
  try {
    const where = ctx.defaultSocket ? ` (socket ${ctx.defaultSocket})` : '';
    checks.push({ name: 'tmux', ok: true, detail: `${await tmux.version()}${where}` });
  } catch (e) {
    checks.push({ name: 'tmux', ok: false, detail: (e as Error).message });
  }
  const agents = await Promise.all(
    allBackends().map(async (b): Promise<HealthCheck> => {
      const path = which(b.programName, ctx.env['PATH']);
      if (!path) return { name: b.name, ok: false, detail: `not installed (${b.installHint})` };
      const r = await ctx.runner
        .run([path, ...b.versionArgs], { timeoutMs: 10_000 })
        .catch((e: Error) => ({ code: 1, stdout: '', stderr: e.message }));
      const version = (r.stdout || r.stderr).trim().split('\n')[0] ?? '';
      return { name: b.name, ok: r.code === 0, detail: `${version} (${path})` };
    }),
  );
  checks.push(...agents);
  try {
    const jobs = (ctx.db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
    checks.push({
      name: 'store',
      ok: true,
      detail: `${ctx.paths.db} (schema v${schemaVersion(ctx.db)}, ${jobs} jobs)`,
    });
  } catch (e) {
    checks.push({ name: 'store', ok: false, detail: new CcAgentError('store', String(e)).message });
  }
  // Informational: what ingestion refused (spool entries) and kept without applying (events).
  try {
    const quarantined = counterValue(ctx.db, 'spool_quarantined');
    const orphans = counterValue(ctx.db, 'orphan_events');
    checks.push({
      name: 'spool',
      ok: true,
      detail:
        `${quarantined} quarantined (in ${ctx.paths.quarantineDir}), ${orphans} orphan events ` +
        `(matched no session of their job; marked "orphan" in cc-agent events --json)`,
    });
  } catch {
    // The store check above already says what is wrong with it.
  }
  const fs = statfsSync(ctx.paths.home);
  const free = fs.bavail * fs.bsize;
  checks.push({
    name: 'disk',
    ok: free > 100 * 1024 * 1024,
    detail: `${(free / 1024 ** 3).toFixed(1)} GiB free under ${ctx.paths.home}`,
  });
  // An agent CLI that is absent is fine as long as tmux, the store and one agent work.
  const ok = checks.filter((c) => ['tmux', 'store', 'disk'].includes(c.name)).every((c) => c.ok);
  return { ok, checks };
}
