#!/usr/bin/env node
// cc-agent TUI bench: the TUI as a user runs it, in a pane of a private tmux server, on a temp
// home (both removed at the end). A report, not a test: it always exits 0.
//
//   node scripts/bench-tui.mjs [--runs N] [--cpu-seconds S]     (npm run bench:tui builds first)
//
// - first frame: from `tmux new-session … cc-agent tui` to the screen showing the Jobs panel;
// - keypress → frame: with 200 jobs and 10,000 hook events in the store, from send-keys `j` to
//   the screen showing the selection moved (capture-pane polled; ~2 ms resolution; presses
//   150 ms apart);
// - RSS of the TUI process in that state;
// - CPU of the TUI process while 50 simulated agents sit idle (their turns ended), over S s.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliPath = join(root, 'bin', 'cc-agent.js');
const args = process.argv.slice(2);
const flag = (name, fallback) => Number(args[args.indexOf(name) + 1]) || fallback;
const runs = flag('--runs', 20);
const cpuSeconds = flag('--cpu-seconds', 20);
const base = mkdtempSync(join(tmpdir(), 'cc-bench-tui-'));
const home = join(base, 'home');
const work = join(base, 'work');
mkdirSync(work, { recursive: true });
const socket = `cc-bench-tui-${process.pid}`;
const env = {
  ...process.env,
  CC_AGENT_HOME: home,
  CC_AGENT_TMUX_SOCKET: socket,
  HOME: join(base, 'user'),
};
delete env.TMUX;
const rows = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

const tmux = (...a) => spawnSync('tmux', ['-L', socket, ...a], { encoding: 'utf8', env });
const cli = (...a) => {
  const r = spawnSync(process.execPath, [cliPath, ...a], { encoding: 'utf8', env, cwd: work });
  if (r.status !== 0) throw new Error(`cc-agent ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const screen = (e = false) => tmux('capture-pane', ...(e ? ['-e'] : []), '-p', '-t', '=ui:').stdout;

async function until(ok, what, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = ok();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Start the TUI in session `ui`; resolves with ms to its first Jobs frame and its pid. */
async function startTui() {
  const t0 = performance.now();
  const r = tmux(
    'new-session',
    '-d',
    '-s',
    'ui',
    '-x',
    '200',
    '-y',
    '50',
    '-e',
    `CC_AGENT_HOME=${home}`,
    '-e',
    `CC_AGENT_TMUX_SOCKET=${socket}`,
    ...(process.env.CC_BENCH_NODE_OPTIONS
      ? ['-e', `NODE_OPTIONS=${process.env.CC_BENCH_NODE_OPTIONS}`]
      : []),
    '--',
    process.execPath,
    // CC_BENCH_CPU_PROF=dir: a V8 CPU profile of each TUI run, for finding where time goes.
    ...(process.env.CC_BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CC_BENCH_CPU_PROF}`]
      : []),
    cliPath,
    'tui',
  );
  if (r.status !== 0) throw new Error(r.stderr);
  await until(() => screen().includes('1 Jobs'), 'the first frame');
  const ms = performance.now() - t0;
  const pane = Number(tmux('display-message', '-p', '-t', '=ui:', '#{pane_pid}').stdout.trim());
  // bin/cc-agent.js re-runs the TUI with its heap flag: measure that child when there is one.
  const child = spawnSync('pgrep', ['-P', String(pane)], { encoding: 'utf8' }).stdout.trim();
  const pid = child ? Number(child.split('\n')[0]) : pane;
  return { ms, pid };
}

async function stopTui() {
  // Right after its first frame the TUI may not listen to keys yet: press q until it goes.
  for (let i = 0; i < 100 && tmux('has-session', '-t', '=ui').status === 0; i++) {
    tmux('send-keys', '-t', '=ui:', 'q');
    await sleep(50);
  }
  await until(() => tmux('has-session', '-t', '=ui').status !== 0, 'the TUI to quit');
}

const cpuTicks = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
};
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Copy a real job row and its events until the store holds `jobs` jobs and `events` events. */
function seed(jobs, events) {
  const db = new Database(join(home, 'cc-agent.db'));
  try {
    const job = db.prepare('SELECT * FROM jobs LIMIT 1').get();
    const event = db.prepare("SELECT * FROM hook_events WHERE event = 'Stop' LIMIT 1").get();
    const ins = (table, row) =>
      db.prepare(
        `INSERT INTO ${table} (${Object.keys(row).join(',')}) VALUES (${Object.keys(row)
          .map((c) => '@' + c)
          .join(',')})`,
      );
    const addJob = ins('jobs', job);
    const { seq: _seq, ...eventCols } = event;
    const addEvent = ins('hook_events', eventCols);
    const t0 = Date.now() - 86_400_000;
    db.transaction(() => {
      const have = db.prepare('SELECT COUNT(*) FROM jobs').pluck().get();
      for (let i = have; i < jobs; i++) {
        const id = randomBytes(4).toString('hex');
        const at = t0 + i * 60_000;
        addJob.run({
          ...job,
          id,
          tmux_session: `cc-agent-${id}`,
          status: i % 10 ? 'completed' : 'failed',
          activity: null,
          prompt_preview: `seeded job ${i}: refactor module ${i}`,
          created_at: at,
          started_at: at,
          ended_at: at + 90_000,
          updated_at: at + 90_000,
        });
      }
      const haveEvents = db.prepare('SELECT COUNT(*) FROM hook_events').pluck().get();
      for (let i = haveEvents; i < events; i++) {
        addEvent.run({
          ...eventCols,
          spool_name: `seed-${i}`,
          ts: t0 + i * 1000,
          event: i % 3 ? 'PreToolUse' : 'Stop',
          tool_name: i % 3 ? 'Edit' : null,
        });
      }
    })();
  } finally {
    db.close();
  }
}

try {
  // First frame, on an empty store.
  const first = [];
  for (let i = 0; i < 5; i++) {
    const { ms } = await startTui();
    first.push(ms);
    await stopTui();
  }
  rows.push([
    'tui first frame',
    median(first),
    p90(first),
    Math.max(...first),
    '< 500 ms (ccmanager 750)',
  ]);

  // 200 jobs, 10,000 events: one real (ended) job to copy, then copies.
  const id = cli('start', '--agent', 'demo', '[[say "template"]]');
  await until(
    () => JSON.parse(cli('status', id, '--json')).activity === 'waiting',
    'the template job',
  );
  cli('kill', id);
  seed(200, 10_000);
  const { pid } = await startTui();
  await until(() => screen().includes('seeded job'), 'the seeded jobs');
  const keys = [];
  for (let i = 0; i < runs; i++) {
    // Presses 150 ms apart, as a quick typist's: Ink draws at most 30 frames/s, and a key that
    // lands within 33 ms of the last frame waits for the next one (that is the frame cap).
    await sleep(150);
    const before = screen(true);
    const t0 = performance.now();
    tmux('send-keys', '-t', '=ui:', i % 40 < 20 ? 'j' : 'k');
    await until(() => screen(true) !== before, 'the frame after a key', 5000);
    keys.push(performance.now() - t0);
  }
  rows.push([
    'keypress → frame (200 jobs, 10k events)',
    median(keys),
    p90(keys),
    Math.max(...keys),
    '< 50 ms',
  ]);
  const rss = rssMb(pid);
  rows.push(['TUI RSS in that state (MB)', rss, rss, rss, '< 120 MB (ccmanager 110–130 idle)']);
  await stopTui();

  // 50 simulated agents, idle (their turns ended), and the TUI watching them.
  for (let i = 0; i < 50; i++) cli('start', '--agent', 'demo', `[[say "agent ${i} idle"]]`);
  await until(
    () =>
      JSON.parse(cli('jobs', '--json')).filter(
        (j) => j.status === 'running' && j.activity === 'waiting',
      ).length >= 50,
    '50 idle agents',
    120_000,
  );
  const tui = await startTui();
  await sleep(3000); // let it settle after its first load
  const c0 = cpuTicks(tui.pid);
  const w0 = performance.now();
  await sleep(cpuSeconds * 1000);
  const cpu = ((cpuTicks(tui.pid) - c0) / 100 / ((performance.now() - w0) / 1000)) * 100;
  rows.push([
    `TUI CPU, 50 idle agents, ${cpuSeconds} s (% of a core)`,
    cpu,
    cpu,
    cpu,
    '< 1 % (ccmanager 1.5 % with none)',
  ]);
  rows.push([
    'TUI RSS with 50 agents (MB)',
    rssMb(tui.pid),
    rssMb(tui.pid),
    rssMb(tui.pid),
    '< 120 MB',
  ]);
  await stopTui();
} finally {
  killTmuxServer(socket);
  rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

console.log(`\ncc-agent TUI bench — node ${process.version}, ${runs} key presses`);
console.log('what                                           median      p90      max   target');
for (const [what, med, p, max, target] of rows) {
  console.log(
    `${what.padEnd(46)} ${med.toFixed(1).padStart(7)} ${p.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)}   ${target}`,
  );
}
