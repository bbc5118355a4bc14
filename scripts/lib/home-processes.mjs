// Wait for every process that still works for a cc-agent home to be gone, before removing it:
// an agent killed a moment ago (its session already closed, so no tmux server knows it) still
// writes its config and fires its last hooks for a while. Shared by the tests and the benches.
import { readFileSync, readdirSync } from 'node:fs';

/** Processes with CC_AGENT_HOME=<home> in their environment (Linux /proc; elsewhere none). */
function processesFor(home) {
  const needle = `CC_AGENT_HOME=${home}\0`;
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const found = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle)) found.push(Number(pid));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Wait until no process carries `home` in its environment; kill what is left after
 * `timeoutMs`. The test's own process is never counted.
 */
export function waitForHomeProcesses(home, timeoutMs = 10_000) {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  let left = processesFor(home);
  while (left.length > 0 && Date.now() < deadline) {
    Atomics.wait(nap, 0, 0, 20);
    left = processesFor(home);
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return left;
}
