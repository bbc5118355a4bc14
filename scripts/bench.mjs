#!/usr/bin/env node
// cc-agent latency bench: times the BUILT CLI the way a user meets it (a fresh `node` process per
// command, wall clock from spawn to exit) and compares medians with the targets.
//
//   node scripts/bench.mjs [--runs N] [--quick]      (npm run bench builds first)
//
// Everything runs on a private tmux server (-L cc-bench-<pid>) with a temp CC_AGENT_HOME and a
// temp HOME, so neither your tmux sessions nor ~/.claude nor ~/.cc-agent are touched; both are
// removed at the end, also on error or Ctrl-C. It is a report, not a test: it always exits 0.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { benchWorld } from './lib/bench-world.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliPath = join(root, 'bin', 'cc-agent.js');
const demoMain = join(root, 'dist', 'demo-agent', 'main.js');
const SEEDED_JOBS = 1000;
const READY = /\? for shortcuts|\(shift\+tab to cycle\)/;
const BUSY = /esc to interrupt/i;

function parseArgs(argv) {
  let runs = 15;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') runs = 5;
    else if (a === '--runs') runs = Number(argv[++i]);
    else if (a.startsWith('--runs=')) runs = Number(a.slice('--runs='.length));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node scripts/bench.mjs [--runs N] [--quick]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write('bench: --runs wants a positive whole number\n');
    process.exit(2);
  }
  return { runs };
}

const { runs } = parseArgs(process.argv.slice(2));
const { base, home, socket, env, cleanup } = benchWorld('cc-bench', {
  onInterrupt: () => report(),
});

/** Run the built CLI once; returns its result and the wall time in ms. */
function cli(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    env,
    cwd: base,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms };
}

function mustCli(args) {
  const r = cli(args);
  if (r.code !== 0) {
    throw new Error(`cc-agent ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  }
  return r;
}

const tmux = (...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

/** Wait for an agent's screen to satisfy `ok` (its readiness signal); false on timeout. */
async function waitForScreen(id, ok, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = tmux('capture-pane', '-p', '-t', `=cc-agent-${id}:`);
    if (r.status === 0 && ok(r.stdout)) return true;
    await sleep(40);
  }
  return false;
}
const inputBoxUp = (id) => waitForScreen(id, (s) => READY.test(s));
const idle = (id) => waitForScreen(id, (s) => READY.test(s) && !BUSY.test(s));

/** Median and p90 (nearest rank) of a sample. */
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
  return { median: rank(0.5), p90: rank(0.9), n: s.length };
}

const fmt = (ms) => (ms === undefined ? '—' : `${ms.toFixed(0)} ms`);
const results = [];

/** Run `once` `runs` times after one unmeasured warm-up and record the timings. */
async function measure(name, targetMs, once, note = '') {
  process.stdout.write(`${name} …`);
  const samples = [];
  try {
    await once(-1); // warm-up: disk cache, first SQLite open
    for (let i = 0; i < runs; i++) {
      samples.push(await once(i));
      process.stdout.write('.');
      // Every CLI call is synchronous: yield to the event loop so Ctrl-C is handled between runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const s = stats(samples);
    process.stdout.write(` median ${fmt(s.median)}, p90 ${fmt(s.p90)}\n`);
    results.push({ name, targetMs, ...s, note });
  } catch (e) {
    process.stdout.write(` error: ${e.message}\n`);
    results.push({ name, targetMs, ...(samples.length ? stats(samples) : {}), error: e.message });
  }
}

/**
 * When the simulated agent is not built yet, measure with a stand-in `claude` on PATH that draws
 * the input box and waits, started as the default agent, and say so in the report.
 */
function agentArgs() {
  if (existsSync(demoMain)) return { args: ['--agent', 'demo'], label: '--agent demo' };
  const bin = join(base, 'stand-in-bin');
  mkdirSync(bin, { recursive: true });
  const claude = join(bin, 'claude');
  writeFileSync(
    claude,
    `#!/bin/sh\nprintf '╭────────╮\\n│ >      │\\n╰────────╯\\n  ? for shortcuts\\n'\nexec sleep 100000\n`,
  );
  chmodSync(claude, 0o755);
  env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
  process.stdout.write(
    `note: ${demoMain} is not built; start/send use a stand-in agent (a sh script)\n`,
  );
  return { args: [], label: '(stand-in claude)' };
}

/** Seed finished jobs (copies of a real row's columns) until the store holds `total` jobs. */
function seedJobs(total) {
  const db = new Database(join(home, 'cc-agent.db'));
  try {
    const template = db.prepare('SELECT * FROM jobs ORDER BY created_at LIMIT 1').get();
    if (!template) throw new Error('no job to copy the column set from');
    const have = db.prepare('SELECT COUNT(*) FROM jobs').pluck().get();
    const cols = Object.keys(template);
    const insert = db.prepare(
      `INSERT OR IGNORE INTO jobs (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`,
    );
    const t0 = Date.now() - 30 * 86_400_000;
    db.transaction(() => {
      for (let i = 0, n = have; n < total; i++) {
        const id = randomBytes(4).toString('hex');
        const created = t0 + i * 60_000;
        const r = insert.run({
          ...template,
          id,
          tmux_session: `cc-agent-${id}`,
          status: 'completed',
          activity: null,
          exit_code: 0,
          error: null,
          prompt_preview: `seeded job ${i}`,
          created_at: created,
          started_at: created + 100,
          ended_at: created + 30_000,
          updated_at: created + 30_000,
        });
        n += r.changes; // an id already taken is skipped, not fatal
      }
    })();
    const count = (where) => db.prepare(`SELECT COUNT(*) FROM jobs ${where}`).pluck().get();
    return { total: count(''), active: count("WHERE status IN ('pending', 'running')") };
  } finally {
    db.close();
  }
}

async function main() {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` first');
  }
  const tv = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (tv.status !== 0) throw new Error('tmux is not installed');
  process.stdout.write(
    `cc-agent bench: ${runs} runs per target (+1 warm-up), node ${process.version}, ${tv.stdout.trim()}, socket -L ${socket}\n`,
  );
  const agent = agentArgs();

  await measure('cc-agent --help', 150, () => mustCli(['--help']).ms);

  await measure(
    `cc-agent start ${agent.label} "…"`,
    300,
    async (i) => {
      const r = mustCli(['start', ...agent.args, `bench run ${i}: say hello`]);
      const id = r.stdout.trim();
      // Let the agent come up and leave again before the next run, so runs don't share the CPU.
      if (!(await inputBoxUp(id))) throw new Error(`agent ${id} never showed its input box`);
      mustCli(['kill', id]);
      return r.ms;
    },
    agent.args.length > 0 ? '' : 'stand-in agent',
  );

  const target = mustCli(['start', ...agent.args, 'bench: wait for messages']).stdout.trim();
  if (!(await inputBoxUp(target))) throw new Error(`agent ${target} never showed its input box`);
  await idle(target);
  await measure(
    `cc-agent send <id> "msg"`,
    150,
    async (i) => {
      const r = mustCli(['send', target, `bench message ${i}`]);
      await idle(target); // the reply is not part of send's time
      return r.ms;
    },
    agent.args.length > 0 ? '' : 'stand-in agent',
  );

  const seeded = seedJobs(SEEDED_JOBS);
  const listed = JSON.parse(mustCli(['jobs', '--json']).stdout).length;
  if (listed !== seeded.total) throw new Error(`jobs --json listed ${listed} of ${seeded.total}`);
  await measure(
    `cc-agent jobs --json (${seeded.total} jobs)`,
    250,
    () => mustCli(['jobs', '--json']).ms,
    `${seeded.active} of them running`,
  );
}

function report() {
  const rows = results.map((r) => {
    const pass = r.error === undefined && r.median !== undefined && r.median < r.targetMs;
    return [
      r.name,
      fmt(r.median),
      fmt(r.p90),
      `< ${r.targetMs} ms`,
      r.error ? 'FAIL (error)' : pass ? 'PASS' : 'FAIL',
      r.error ?? r.note ?? '',
    ];
  });
  const head = ['target', 'median', 'p90', 'goal', 'result', 'note'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells) =>
    cells
      .map((x, c) => x.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`,
  );
}

try {
  await main();
} catch (e) {
  process.stdout.write(`\nbench stopped early: ${e.message}\n`);
} finally {
  cleanup();
  report();
}
process.exitCode = 0;
