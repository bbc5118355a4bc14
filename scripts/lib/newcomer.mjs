// A newcomer's first run, scripted: a fresh clone, the README's install command, then the
// README's demo command in a real terminal (`script`), timed to the TUI's first frame seen with
// capture-pane on a private tmux server. Shared by scripts/bench-newcomer.mjs and
// tests/e2e/newcomer.test.ts so both time the same thing. Nothing outside a temp dir is written:
// HOME, CC_AGENT_HOME, the npm cache and the tmux socket are all private.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHomeProcesses } from './home-processes.mjs';
import { killTmuxServer } from './tmux-server.mjs';

/** The README's first two commands: the first ```sh block's lines (install+demo, then tests). */
export function readmeCommands(readmeText) {
  const block = /```sh\n([\s\S]*?)```/.exec(readmeText);
  if (!block) throw new Error('README.md has no ```sh block');
  const lines = block[1].split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const first = lines[0] ?? '';
  const cut = first.indexOf('&&');
  if (cut < 0) throw new Error(`README's first command is not "install && demo": ${first}`);
  return {
    first,
    install: first.slice(0, cut).trim(),
    demo: first.slice(cut + 2).trim(),
    test: lines[1] ?? '',
  };
}

/** The TUI's first frame: its panel tabs are drawn (the header line comes with them). */
export const isFirstFrame = (screen) => /1 Jobs\s+2 Timeline/.test(screen);

/**
 * Clone `source` (at `rev`, default its HEAD) into a temp dir. node_modules comes from `source`'s (hard links: a native
 * rebuild of better-sqlite3 takes minutes); the few files npm rewrites in place are real copies,
 * so nothing written in the clone reaches the source's tree.
 */
export function freshClone(source, name = 'cc-newcomer', rev = undefined) {
  const base = mkdtempSync(join(tmpdir(), `${name}-`));
  const repo = join(base, 'repo');
  const r = spawnSync('git', ['clone', '-q', source, repo], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git clone ${source}: ${r.stderr}`);
  if (rev) {
    const c = spawnSync('git', ['checkout', '-q', rev], { cwd: repo, encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`git checkout ${rev}: ${c.stderr}`);
  }
  const modules = realpathSync(join(source, 'node_modules'));
  const cp = spawnSync('cp', ['-al', modules, join(repo, 'node_modules')], { encoding: 'utf8' });
  if (cp.status !== 0) {
    // No hard links across file systems: a plain copy.
    cpSync(modules, join(repo, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  const hidden = join(repo, 'node_modules', '.package-lock.json');
  if (existsSync(hidden)) {
    rmSync(hidden);
    copyFileSync(join(modules, '.package-lock.json'), hidden);
  }
  const user = join(base, 'user');
  mkdirSync(user, { recursive: true });
  const socket = `${name}-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  const env = {
    ...process.env,
    HOME: user,
    CC_AGENT_HOME: join(base, 'home'),
    CC_AGENT_TMUX_SOCKET: socket,
    // A fresh npm cache, as on a machine that never ran npx: its first run is the costly one.
    npm_config_cache: join(base, 'npm-cache'),
    npm_config_update_notifier: 'false',
    TERM: 'xterm-256color',
  };
  for (const k of ['TMUX', 'TMUX_PANE', 'CI', 'npm_config_prefix']) delete env[k];
  return { base, repo, socket, env };
}

/** Run `command` with sh in the clone; its duration in ms (throws with its output on failure). */
export function runInstall(clone, command) {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', command], { cwd: clone.repo, env: clone.env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return performance.now() - t0;
}

/** What the demo's tmux session shows now ('' before it exists). */
export const captureDemo = (clone) =>
  spawnSync('tmux', ['-L', clone.socket, 'capture-pane', '-p', '-t', '=cc-agent-demo:'], {
    encoding: 'utf8',
  }).stdout ?? '';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A row of the TUI's Jobs panel for a simulated agent: the orchestrator or a worker. */
const DEMO_ROW = /^\W?\s*(orch|[0-9a-f]{8})\s+\S+\s+demo\s/gm;
/** How many of the demo's agents (orchestrator included) the TUI lists on `screen`. */
export const demoRows = (screen) => screen.match(DEMO_ROW)?.length ?? 0;

/**
 * Run `command` in a 150×40 terminal (`script`) in the clone, as typed at a prompt; resolve with
 * ms from its start to the TUI's first frame in session cc-agent-demo and that frame, and ms to
 * the frame listing the orchestrator and the four agents.
 */
export async function timeFirstFrame(clone, command, timeoutMs = 60_000) {
  const t0 = performance.now();
  const child = spawn('script', ['-qfc', `stty cols 150 rows 40; ${command}`, '/dev/null'], {
    cwd: clone.repo,
    env: { ...clone.env, SHELL: '/bin/sh' },
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true,
  });
  clone.terminal = child;
  let exited;
  child.on('exit', (code) => (exited = code));
  let first;
  for (;;) {
    const screen = captureDemo(clone);
    const ms = performance.now() - t0;
    if (!first && isFirstFrame(screen)) first = { ms, screen };
    if (first && demoRows(screen) >= 5) return { ...first, allMs: ms };
    if (exited !== undefined) throw new Error(`${command} exited ${exited} before the demo showed`);
    if (ms > timeoutMs) throw new Error(`the demo did not show in ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * Stop the terminal, the tmux server and every process of the clone's home, and empty the home,
 * HOME and the npm cache: the clone is as freshly installed again, for another command.
 */
export function resetClone(clone) {
  const pid = clone.terminal?.pid;
  if (pid && clone.terminal.exitCode === null) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  killTmuxServer(clone.socket);
  const pidFile = join(clone.env.CC_AGENT_HOME, 'pulse.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  waitForHomeProcesses(clone.env.CC_AGENT_HOME);
  // A `cc-agent start` the orchestrator ran just as the server died starts a new one: gone too.
  killTmuxServer(clone.socket);
  const dir = join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  rmSync(join(dir, `${clone.socket}.lock`), { force: true });
  for (const d of [clone.env.CC_AGENT_HOME, clone.env.HOME, clone.env.npm_config_cache])
    rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  mkdirSync(clone.env.HOME, { recursive: true });
}

/** resetClone, then remove the clone. */
export function removeClone(clone) {
  resetClone(clone);
  rmSync(clone.base, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
