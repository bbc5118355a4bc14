import {
  CcAgentError,
  describeFault,
  describePulseWork,
  hasPulseWork,
  type Engine,
  type PulseWork,
} from '../engine/index.js';
import { subcommand } from './args.js';
import { json } from '../view/format.js';
import * as c from './contracts/orchestrator.js';
import { defineCommand, type Io, type IoOf } from './types.js';
import { pulseLifecycle, stopSignals } from './lifecycle.js';

type Live = Awaited<ReturnType<Engine['live']>>;

const SUBCOMMANDS = ['start', 'stop', 'status', 'run'] as const;

/** Start `cc-agent pulse run` detached (pidfile and log under the home); resolves with its pid. */
export async function startDetachedPulse(io: Pick<Io, 'env'>, engine: Engine): Promise<number> {
  // Up when its pidfile names it.
  const child = await pulseLifecycle(engine.paths).start({
    env: io.env,
    args: ['pulse', 'run'],
    what: 'the pulse to start',
  });
  if (child.exited)
    throw new CcAgentError(
      'not_running',
      `the pulse stopped as it started; see ${engine.paths.pulseLog}`,
    );
  return child.pid;
}

const goesOn = (pid: number, work: PulseWork): string =>
  `the pulse goes on in the background (pid ${pid}): ${describePulseWork(work)}; stop it with cc-agent pulse stop`;

/**
 * A face that led the pulse (the TUI, serve) is going. If something only a leader moves on is
 * left (the orchestrator, enabled triggers, queued tasks), a detached pulse takes over, so
 * quitting the face does not stop the autonomy. Returns the line telling the user, if any.
 */
export async function handOffPulse(
  io: Pick<Io, 'env'>,
  engine: Engine,
): Promise<string | undefined> {
  const work = engine.pulseWork();
  if (!hasPulseWork(work)) return undefined;
  const running = pulseLifecycle(engine.paths).status()?.pid;
  return goesOn(running ?? (await startDetachedPulse(io, engine)), work);
}

/** What a detached pulse goes on with now (after a face quit), or undefined. */
export function pulseGoesOn(engine: Engine): string | undefined {
  const pid = pulseLifecycle(engine.paths).status()?.pid;
  const work = engine.pulseWork();
  return pid !== undefined && hasPulseWork(work) ? goesOn(pid, work) : undefined;
}

/** The foreground pulse: a long-lived engine with ingestion, checks and triggers. */
async function runForeground(io: IoOf<typeof c.pulse>, engine: Engine): Promise<number> {
  const life = pulseLifecycle(engine.paths);
  const mine = life.status()?.pid;
  if (mine !== undefined && mine !== process.pid) {
    throw new CcAgentError('blocked', `a pulse is already running (pid ${mine})`);
  }
  const tick = io.flags.tickMs;
  if (!Number.isInteger(tick) || tick < 50)
    throw new CcAgentError('bad_input', `invalid --tick-ms '${tick}' (at least 50)`);
  // Listening before the pidfile exists: a SIGTERM during start-up stops the pulse cleanly.
  const signals = stopSignals();
  const say = (e: unknown): void =>
    io.err(`cc-agent pulse: ${(describeFault(e) ?? (e as Error)).message}`);
  life.record({ pid: process.pid });
  let live: Live | undefined;
  try {
    live = await engine.live({
      pulse: true,
      tickMs: tick,
      onError: say,
      onFatal: (e) => {
        say(e);
        signals.stop(1);
      },
    });
    io.out(`pulse running (pid ${process.pid}); Ctrl-C stops it`);
    return await signals.stopped;
  } finally {
    // Whatever failed (a full disk refusing the lease release), the watchers and the pidfile go,
    // and nothing left open may keep the process alive past its signal.
    await live?.stop().catch(say);
    life.clear();
    signals.off();
    setTimeout(() => process.exit(), 2000).unref();
  }
}

export const pulse = defineCommand(c.pulse, async (io) => {
  const sub = subcommand(io, SUBCOMMANDS, 'pulse');
  const engine = io.engine();
  if (sub === 'run') return runForeground(io, engine);
  const life = pulseLifecycle(engine.paths);
  // Read first: a pidfile left by a pulse that is gone is cleaned and reads as not running.
  const running = life.status()?.pid;
  if (sub === 'status') {
    const s = engine.pulseStatus();
    if (io.flags.json) io.out(json(s));
    else {
      io.out(s.pid ? `pulse running (pid ${s.pid})` : 'pulse not running');
      io.out(s.leader ? `leader: ${s.leader} (lease until ${s.leaseExpiresAt})` : 'leader: none');
    }
    return 0;
  }
  if (sub === 'start') {
    if (running) io.out(`pulse already running (pid ${running})`);
    else {
      const pid = await startDetachedPulse(io, engine);
      io.out(`pulse started (pid ${pid}); log: ${engine.paths.pulseLog}`);
    }
    return 0;
  }
  const stopped = await life.stop('pulse pulse.pid to stop');
  io.out(stopped ? `pulse stopped (pid ${stopped.pid})` : 'pulse not running');
  return 0;
});
