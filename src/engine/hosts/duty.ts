import type { EngineContext } from '../context.js';
import { runHostCommands } from './execute.js';
import { beatIfDue, maxAgents } from './heartbeat.js';
import { releaseLostTasks, settleTasks, takeTasks } from './take-tasks.js';

/** How often the engine looks whether another host committed (no query: LISTEN tells it). */
const WAKE_MS = 20;
/** How often it looks for tasks a silent host holds, and clears old answered commands. */
const RESCUE_MS = 10_000;
/** An answered command is read within ANSWER_MS; kept a while longer for a look by hand. */
const COMMANDS_KEPT_MS = 10 * 60_000;

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
  // Commands: whenever another host's commit may have left one (and with each heartbeat, in
  // case a notice was missed while the LISTEN connection was away).
  const work = oneAtATime(() => runHostCommands(ctx), onError);
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
  // The queue, when this host has a capacity: its workers' ends settle their tasks, free
  // places take new ones, and a silent host's tasks go back for the others.
  let rescuedAt = 0;
  const fill = oneAtATime(async () => {
    // Now and then: a silent host's tasks (it takes a minute to call one lost), and answered
    // commands nobody will read again.
    if (ctx.now() - rescuedAt >= RESCUE_MS) {
      rescuedAt = ctx.now();
      releaseLostTasks(ctx);
      ctx.store.hosts.prune(ctx.now() - COMMANDS_KEPT_MS);
    }
    // Only a host that works the queue itself has workers to settle and places to fill.
    if (!maxAgents(ctx)) return;
    await settleTasks(ctx);
    await takeTasks(ctx, process.cwd());
  }, onError);
  const tick = (): void => {
    try {
      const last = beat;
      beat = beatIfDue(ctx, beat, startedAt);
      if (beat !== last) work();
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

/**
 * `run` never twice at once: asked while it runs, it runs once more right after (however many
 * times it was asked meanwhile).
 */
function oneAtATime(run: () => Promise<unknown>, onError: (e: unknown) => void): () => void {
  let running = false;
  let again = false;
  const go = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    run()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) go();
      });
  };
  return go;
}
