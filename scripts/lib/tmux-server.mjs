// Kill a private tmux server and leave nothing behind: shared by the tests
// (tests/helpers/tmux-server.ts) and every bench script.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Kill the server on `socket`, wait until every pane's process has exited (agents and their
 * wrappers write their last files as they go: removing a home before they are done races with
 * them), then remove the socket file tmux leaves behind.
 */
export function killTmuxServer(socket, timeoutMs = 10_000) {
  const r = spawnSync('tmux', ['-L', socket, 'list-panes', '-a', '-F', '#{pane_pid}'], {
    encoding: 'utf8',
  });
  const pids = (r.stdout ?? '')
    .split('\n')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  const deadline = Date.now() + timeoutMs;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some(alive) && Date.now() < deadline) Atomics.wait(nap, 0, 0, 20);
  const dir = join(process.env['TMUX_TMPDIR'] || '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  rmSync(join(dir, socket), { force: true });
}
