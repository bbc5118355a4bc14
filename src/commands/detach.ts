import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withUserUmask } from '../engine/index.js';
import { until } from './until.js';

const cliEntry = fileURLToPath(new URL('../../bin/cc-agent.js', import.meta.url));

export interface Detached {
  pid: number;
  /** The child ended before it was up (signalled, or failing): its log says why. */
  exited: boolean;
}

/**
 * Run `cc-agent <args>` in the background, its output appended to `log`, and wait until it says
 * it is up (`up(pid)`: its pidfile or state file names it) or ends — the one way `pulse start`
 * and `serve --detach` leave the terminal (through lifecycle.ts). It runs under the user's umask: the agents and tmux
 * it starts are the user's, not cc-agent's private files.
 */
export async function detach(o: {
  /** The child's CC_AGENT_HOME, watched for the file that says it is up. */
  home: string;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  args: readonly string[];
  log: string;
  up: (pid: number) => boolean;
  what: string;
}): Promise<Detached> {
  const log = openSync(o.log, 'a');
  const child = withUserUmask(() =>
    spawn(process.execPath, [cliEntry, ...o.args], {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...o.env, CC_AGENT_HOME: o.home },
      ...(o.cwd === undefined ? {} : { cwd: o.cwd }),
    }),
  );
  child.unref();
  closeSync(log);
  const pid = child.pid as number;
  await until(o.home, () => o.up(pid) || child.exitCode !== null, 10_000, o.what);
  return { pid, exited: child.exitCode !== null };
}
