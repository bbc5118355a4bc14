import { setTimeout as sleep } from 'node:timers/promises';
import { wrapperScript, type EngineContext } from '../context.js';

/**
 * Wait until the pane wrappers (run-agent.sh) of these jobs' last runs are gone. When a session
 * is closed under an agent, its wrapper writes the exit file a moment later, as the agent dies:
 * a new run must not start before that (the old end would be read as the new one's), and a
 * job's files must not be removed before it (a stray exit file would be left behind). Wrappers
 * are found by their argv, which names the job's exit file: one `ps` per look, and after a
 * reboot, when none is alive, one `ps` in all.
 */
export async function lastRunsGone(
  ctx: EngineContext,
  ids: readonly string[],
  timeoutMs = 5_000,
): Promise<void> {
  if (ids.length === 0) return;
  const exitFiles = ids.map((id) => ctx.paths.exitFile(id));
  const end = Date.now() + timeoutMs;
  while ((await anyWrapperAlive(ctx, exitFiles)) && Date.now() < end) await sleep(25);
}

async function anyWrapperAlive(ctx: EngineContext, exitFiles: readonly string[]): Promise<boolean> {
  try {
    const r = await ctx.runner.run(['ps', '-eo', 'args='], { timeoutMs: 10_000 });
    return r.stdout
      .split('\n')
      .some((l) => l.includes(wrapperScript) && exitFiles.some((f) => l.includes(f)));
  } catch {
    return false; // no ps: nothing to wait for that we could see
  }
}
