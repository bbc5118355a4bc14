import { setTimeout as sleep } from 'node:timers/promises';
import { wrapperScript, type EngineContext } from '../context.js';

/**
 * Wait until the pane wrapper (run-agent.sh) of a job's last run is gone. When a session is
 * closed under an agent, the wrapper writes the exit file a moment later, as the agent dies;
 * a new run must not start before that, or the old run's end would be read as the new one's.
 * The wrapper is found by its argv, which names the job's exit file; when none is alive (after
 * a reboot) this costs one `ps`.
 */
export async function lastRunGone(
  ctx: EngineContext,
  id: string,
  timeoutMs = 5_000,
): Promise<void> {
  const exitFile = ctx.paths.exitFile(id);
  const end = Date.now() + timeoutMs;
  while ((await wrapperAlive(ctx, exitFile)) && Date.now() < end) await sleep(25);
}

async function wrapperAlive(ctx: EngineContext, exitFile: string): Promise<boolean> {
  try {
    const r = await ctx.runner.run(['ps', '-eo', 'args='], { timeoutMs: 10_000 });
    return r.stdout.split('\n').some((l) => l.includes(wrapperScript) && l.includes(exitFile));
  } catch {
    return false; // no ps: nothing to wait for that we could see
  }
}
