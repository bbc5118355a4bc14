// A private world for a bench: temp CC_AGENT_HOME and HOME, a private tmux server, and one
// cleanup (also on Ctrl-C) that stops the server before removing the dirs, so no pane still
// writes into a home being removed. Neither your tmux, ~/.claude nor ~/.cc-agent is touched.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHomeProcesses } from './home-processes.mjs';
import { killTmuxServer } from './tmux-server.mjs';

/**
 * `name` prefixes the temp dir and the socket; `extraEnv` adds to the environment every
 * command gets; `onInterrupt` runs after cleanup when a signal stops the bench (print what
 * was measured so far).
 */
export function benchWorld(name, { extraEnv = {}, onInterrupt } = {}) {
  const base = mkdtempSync(join(tmpdir(), `${name}-`));
  const home = join(base, 'home');
  const userHome = join(base, 'user');
  const socket = `${name}-${process.pid}`;
  mkdirSync(userHome, { recursive: true });
  const env = {
    ...process.env,
    HOME: userHome,
    CC_AGENT_HOME: home,
    CC_AGENT_TMUX_SOCKET: socket,
    CC_DEMO_SPEED: process.env.CC_DEMO_SPEED ?? '4',
    ...extraEnv,
  };
  delete env.TMUX;
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    killTmuxServer(socket);
    waitForHomeProcesses(home);
    try {
      rmSync(base, { recursive: true, force: true, maxRetries: 5 });
    } catch (e) {
      process.stderr.write(`bench: could not remove ${base}: ${e.message}\n`);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      process.stdout.write(`\nbench interrupted (${sig})\n`);
      cleanup();
      onInterrupt?.();
      process.exit(0);
    });
  }
  return { base, home, userHome, socket, env, cleanup };
}
