import { rmSync, writeFileSync } from 'node:fs';
import {
  alive,
  pidFormat,
  readRunFile,
  serveFormat,
  type Engine,
  type RunFormat,
  type ServeState,
} from '../engine/index.js';
import { detach, type Detached } from './detach.js';
import { until } from './until.js';

/**
 * A long-running face (`pulse`, `serve`): one process at a time, known by its run file (written
 * once it is up, removed on its way out), its output in a log when detached.
 */
export interface FaceFiles<S extends { pid: number }> {
  /** Watched for the run file, and the detached child's CC_AGENT_HOME. */
  home: string;
  runFile: string;
  format: RunFormat<S>;
  log: string;
}

/** How long `start` and `stop` wait for the process to say it is up, or to be gone. */
const WAIT_MS = 10_000;

export interface Lifecycle<S extends { pid: number }> {
  /** Its state if it runs. A run file whose process is gone is removed: it reads as stopped. */
  status(): S | undefined;
  /** In the face's own process: it is up (`stop` may signal it from now on). */
  record(state: S): void;
  /** In the face's own process, on its way out: its run file goes. */
  clear(): void;
  /** `cc-agent <args>` in the background, resolved once its run file names it (or it ended). */
  start(o: {
    env: NodeJS.ProcessEnv;
    cwd?: string;
    args: readonly string[];
    what: string;
  }): Promise<Detached>;
  /** SIGTERM to the running one and wait until it is gone; what ran, or undefined if nothing. */
  stop(what: string): Promise<S | undefined>;
}

export function lifecycle<S extends { pid: number }>(f: FaceFiles<S>): Lifecycle<S> {
  const status = (): S | undefined => {
    const r = readRunFile(f.runFile, f.format);
    if (r?.running) return r.state;
    // Only a file naming a process that is gone: one being written (no pid yet) is left alone,
    // and one rewritten since it was read (a new process) is not ours to remove.
    if (r?.state && readRunFile(f.runFile, f.format)?.text === r.text)
      rmSync(f.runFile, { force: true });
    return undefined;
  };
  return {
    status,
    record: (state) => writeFileSync(f.runFile, f.format.format(state)),
    clear: () => rmSync(f.runFile, { force: true }),
    start: (o) => detach({ ...o, home: f.home, log: f.log, up: (pid) => status()?.pid === pid }),
    async stop(what) {
      const s = status();
      if (!s) return undefined;
      process.kill(s.pid, 'SIGTERM');
      // Gone means the process too: it removes its run file on its way out, before it ends.
      await until(f.home, () => status() === undefined && !alive(s.pid), WAIT_MS, what);
      return s;
    },
  };
}

/** The detached pulse: pulse.pid holds its pid, pulse.log its output. */
export const pulseLifecycle = (p: Engine['paths']): Lifecycle<{ pid: number }> =>
  lifecycle({ home: p.home, runFile: p.pulsePid, format: pidFormat, log: p.pulseLog });

/** The server: serve.json holds its pid and bare URL (never the token), serve.log its output. */
export const serveLifecycle = (p: Engine['paths']): Lifecycle<ServeState> =>
  lifecycle({ home: p.home, runFile: p.serveState, format: serveFormat, log: p.serveLog });

/**
 * The face's own process: `stopped` settles on SIGINT or SIGTERM (or `stop(code)`), with the exit
 * code. Listening starts before the run file is written, so a `stop` that signals the moment it
 * sees the pid stops the face cleanly rather than killing it mid-way.
 */
export function stopSignals(): {
  stopped: Promise<number>;
  stop(code: number): void;
  off(): void;
} {
  let stop: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  const onSignal = (): void => stop(0);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    stopped,
    stop: (code) => stop(code),
    off: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
