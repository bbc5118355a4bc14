import type { EngineContext } from '../context.js';
import { runHostCommands } from './execute.js';
import { beatIfDue, maxAgents } from './heartbeat.js';
import { releaseLostTasks, settleTasks, takeTasks } from './take-tasks.js';

/** How often the engine looks whether another host committed (no query: LISTEN tells it). */
const WAKE_MS = 20;
/** How often it looks for tasks a silent host holds. */
const RESCUE_MS = 10_000;

/**
 * What a live engine owes the other hosts of a shared store: a heartbeat (so they know its
 * agents are reachable) and running the commands they leave for its agents. A command's
 * NOTIFY moves the store's data version, which is looked at every WAKE_MS without a query, so
 * a cross-host `send` waits a round trip or two, not a tick.
 */
export function startHostDuty(
  ctx: EngineContext,
  onError: (e: unknown) => void,
): { tick(): void; stop(): void } {
  const startedAt = ctx.now();
  let beat = 0;
  let seen = -1;
  let busy = false;
  const work = (): void => {
    if (busy) return;
    busy = true;
    runHostCommands(ctx)
      .catch(onError)
      .finally(() => (busy = false));
  };
  const look = (): void => {
    try {
      const v = ctx.store.info.dataVersion();
      if (v === seen) return;
      seen = v;
      work();
    } catch (e) {
      onError(e);
    }
  };
  const timer = setInterval(look, WAKE_MS);
  timer.unref();
  let taking = false;
  // The queue, when this host has a capacity: its workers' ends settle their tasks, free
  // places take new ones, and a silent host's tasks go back for the others.
  let rescuedAt = 0;
  const queue = async (): Promise<void> => {
    // A silent host's tasks are looked for now and then: it takes a minute to call one lost.
    if (ctx.now() - rescuedAt >= RESCUE_MS) {
      rescuedAt = ctx.now();
      releaseLostTasks(ctx);
    }
    // Only a host that works the queue itself has workers to settle and places to fill.
    if (!maxAgents(ctx)) return;
    await settleTasks(ctx);
    await takeTasks(ctx, process.cwd());
  };
  let again = false;
  const fill = (): void => {
    if (taking) {
      again = true;
      return;
    }
    taking = true;
    queue()
      .catch(onError)
      .finally(() => {
        taking = false;
        if (again) {
          again = false;
          fill();
        }
      });
  };
  const tick = (): void => {
    try {
      beat = beatIfDue(ctx, beat, startedAt);
      // A command that came while a batch ran (its notice already counted) is not left waiting.
      work();
      fill();
    } catch (e) {
      onError(e);
    }
  };
  // A worker that finished its turn (or ended) frees its place now, not on the next tick.
  const offs = (['job_updated', 'job_completed', 'job_failed'] as const).map((name) =>
    ctx.events.on(name, (j) => {
      const done = j.status !== 'running' || j.activity === 'waiting' || j.activity === 'idle';
      if (done && j.kind === 'worker' && j.parentId === null && j.host === ctx.jobs.host.id) fill();
    }),
  );
  tick();
  return {
    tick,
    stop: () => {
      offs.forEach((off) => off());
      clearInterval(timer);
      // Callers on other hosts fail at once, not after the heartbeat runs out (another live
      // engine on this host beats again within BEAT_MS).
      try {
        ctx.store.hosts.down(ctx.jobs.host.id, process.pid);
      } catch (e) {
        onError(e);
      }
    },
  };
}
