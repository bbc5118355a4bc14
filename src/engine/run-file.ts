import { readFileSync } from 'node:fs';

/**
 * The file a long-running face leaves while it runs (pulse.pid: its pid; serve.json: its pid and
 * address). The engine reads them (pulse status, the approval link's base); the faces' lifecycle
 * (commands/lifecycle.ts) writes, waits on and cleans them. Reading here has no side effects.
 */
export interface RunFormat<S extends { pid: number }> {
  parse(text: string): S | undefined;
  format(state: S): string;
}

const validPid = (pid: unknown): pid is number =>
  typeof pid === 'number' && Number.isInteger(pid) && pid > 0;

/** pulse.pid: the pid alone on a line. */
export const pidFormat: RunFormat<{ pid: number }> = {
  parse: (text) => {
    const pid = Number.parseInt(text.trim(), 10);
    return validPid(pid) ? { pid } : undefined;
  },
  format: (s) => `${s.pid}\n`,
};

/** serve.json: a JSON object with at least a pid. */
export const jsonFormat = <S extends { pid: number }>(): RunFormat<S> => ({
  parse: (text) => {
    try {
      const s = JSON.parse(text) as S | null;
      return s !== null && typeof s === 'object' && validPid(s.pid) ? s : undefined;
    } catch {
      return undefined;
    }
  },
  format: (s) => JSON.stringify(s),
});

/** Whether `pid` runs (another user's process, which we may not signal, runs too). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * What a run file says and whether its process still runs. `text` is the file as read, so a
 * cleaner removes only the stale file it saw, never one a new process has just written.
 */
export interface RunFileRead<S> {
  state: S | undefined;
  running: boolean;
  text: string;
}

/** The run file at `file`; undefined when there is none. */
export function readRunFile<S extends { pid: number }>(
  file: string,
  format: RunFormat<S>,
): RunFileRead<S> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const state = format.parse(text);
  return { state, running: state !== undefined && alive(state.pid), text };
}

/** The state of the process that runs now, per its run file; undefined when none does. */
export function runningState<S extends { pid: number }>(
  file: string,
  format: RunFormat<S>,
): S | undefined {
  const r = readRunFile(file, format);
  return r?.running ? r.state : undefined;
}

/** serve.json: the detached server's pid and its page's address without the token. */
export interface ServeState {
  pid: number;
  url: string;
}

export const serveFormat: RunFormat<ServeState> = jsonFormat<ServeState>();
