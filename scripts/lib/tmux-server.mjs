// Kill a private tmux server and leave nothing behind: shared by the tests
// (tests/helpers/tmux-server.ts) and every bench script.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Running, not a zombie: an orphan whose reaper is slow (or absent, in a container) is done. */
const alive = (pid) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc here: signal 0 is all there is
  }
};

/** Every descendant of `roots` (and the roots), from one `ps` listing. */
function processTree(roots) {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const all = new Set();
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop();
    if (all.has(pid)) continue;
    all.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return [...all];
}

/**
 * Kill the server on `socket`, wait until every process under its panes has exited (agents and
 * their wrappers write their last files as they go: removing a home before they are done races
 * with them; an agent CLI may outlive its wrapper by a moment), then remove the socket file tmux
 * leaves behind. What is still alive after `timeoutMs` is killed outright.
 */
export function killTmuxServer(socket, timeoutMs = 10_000) {
  const r = spawnSync('tmux', ['-L', socket, 'list-panes', '-a', '-F', '#{pane_pid}'], {
    encoding: 'utf8',
  });
  const panes = (r.stdout ?? '')
    .split('\n')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const pids = panes.length ? processTree(panes) : [];
  spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const waitGone = (ms) => {
    const deadline = Date.now() + ms;
    while (pids.some(alive) && Date.now() < deadline) Atomics.wait(nap, 0, 0, 20);
  };
  waitGone(timeoutMs);
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  waitGone(2_000);
  const dir = join(process.env['TMUX_TMPDIR'] || '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  rmSync(join(dir, socket), { force: true });
}
