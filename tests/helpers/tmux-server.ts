import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Kill a private tmux server and wait until every pane's process has exited. Agents answer
 * the hang-up by running their SessionEnd hooks, which write into the home: removing the temp
 * dirs before they are done would race with those writes.
 */
export function killTmuxServer(socket: string, timeoutMs = 10_000): void {
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
  // tmux leaves the socket file behind; a test leaves nothing.
  const dir = join(process.env['TMUX_TMPDIR'] || '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  rmSync(join(dir, socket), { force: true });
}
