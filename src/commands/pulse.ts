import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
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

import { detach } from './detach.js';
import { until } from './until.js';

type Live = Awaited<ReturnType<Engine['live']>>;

const SUBCOMMANDS = ['start', 'stop', 'status', 'run'] as const;

/** Start `cc-agent pulse run` detached (pidfile and log under the home); resolves with its pid. */
export async function startDetachedPulse(io: Pick<Io, 'env'>, engine: Engine): Promise<number> {
  const { pulseLog } = engine.paths;
  // Up when its pidfile names it.
  const child = await detach({
    engine,
    env: io.env,
    args: ['pulse', 'run'],
    log: pulseLog,
    up: (pid) => engine.pulseStatus().pid === pid,
    what: 'the pulse to start',
  });
  if (child.exited)
    throw new CcAgentError('not_running', `the pulse stopped as it started; see ${pulseLog}`);
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
  return goesOn(engine.pulseStatus().pid ?? (await startDetachedPulse(io, engine)), work);
}

/** What a detached pulse goes on with now (after a face quit), or undefined. */
export function pulseGoesOn(engine: Engine): string | undefined {
  const pid = engine.pulseStatus().pid;
  const work = engine.pulseWork();
  return pid !== null && hasPulseWork(work) ? goesOn(pid, work) : undefined;
}

/** The foreground pulse: a long-lived engine with ingestion, checks and triggers. */
async function runForeground(io: IoOf<typeof c.pulse>, engine: Engine): Promise<number> {
  const mine = engine.pulseStatus().pid;
  if (mine !== null && mine !== process.pid) {
    throw new CcAgentError('blocked', `a pulse is already running (pid ${mine})`);
  }
  const tick = io.flags.tickMs;
  if (!Number.isInteger(tick) || tick < 50)
    throw new CcAgentError('bad_input', `invalid --tick-ms '${tick}' (at least 50)`);
  // Listening before the pidfile exists: `pulse stop` may signal as soon as it sees the pid,
  // and a SIGTERM during start-up must stop the pulse cleanly, not kill it mid-way.
  let stop: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  const onSignal = (): void => stop(0);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const say = (e: unknown): void =>
    io.err(`cc-agent pulse: ${(describeFault(e) ?? (e as Error)).message}`);
  writeFileSync(engine.paths.pulsePid, `${process.pid}\n`);
  let live: Live | undefined;
  try {
    live = await engine.live({
      pulse: true,
      tickMs: tick,
      onError: say,
      onFatal: (e) => {
        say(e);
        stop(1);
      },
    });
    io.out(`pulse running (pid ${process.pid}); Ctrl-C stops it`);
    return await stopped;
  } finally {
    // Whatever failed (a full disk refusing the lease release), the watchers and the pidfile go,
    // and nothing left open may keep the process alive past its signal.
    await live?.stop().catch(say);
    rmSync(engine.paths.pulsePid, { force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    setTimeout(() => process.exit(), 2000).unref();
  }
}

export const pulse = defineCommand(c.pulse, async (io) => {
  const sub = subcommand(io, SUBCOMMANDS, 'pulse');
  const engine = io.engine();
  const { pulsePid, pulseLog } = engine.paths;
  if (sub === 'run') return runForeground(io, engine);
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
    const running = engine.pulseStatus().pid;
    if (running) {
      io.out(`pulse already running (pid ${running})`);
      return 0;
    }
    io.out(`pulse started (pid ${await startDetachedPulse(io, engine)}); log: ${pulseLog}`);
    return 0;
  }
  const pid = engine.pulseStatus().pid;
  if (!pid) {
    io.out('pulse not running');
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  await until(
    dirname(pulsePid),
    () => engine.pulseStatus().pid === null,
    10_000,
    `pulse ${basename(pulsePid)} to stop`,
  );
  io.out(`pulse stopped (pid ${pid})`);
  return 0;
});
