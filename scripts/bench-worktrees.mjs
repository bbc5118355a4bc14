#!/usr/bin/env node
// Worktree and resume bench: times the BUILT CLI as a user meets it (a fresh `node` per command,
// wall clock from spawn to exit) on a real git repository of 2,000 files.
//
//   node scripts/bench-worktrees.mjs [--runs N]      (npm run bench:worktrees builds first)
//
// What it measures (medians, with p90):
//   start          plain `start --agent demo` in the repo (the baseline)
//   start --worktree   the same with a new worktree and branch
//   diff           `diff <id>` of an agent that edited 3 files and added 1 (new files included)
//   diff --stat
//   jobs (10 worktrees)   `jobs` with ten worktree agents (their branch state is git work)
//   merge          `merge <id>` of an agent's non-conflicting work into the checked-out main
//   resume         `resume <id>` after its tmux session was killed
//
// Private tmux server, temp CC_AGENT_HOME and HOME, all removed at the end (also on Ctrl-C).
// A report, not a test: it always exits 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWorld } from './lib/bench-world.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliPath = join(root, 'bin', 'cc-agent.js');
const FILES = 2000;
const READY = /\(shift\+tab to cycle\)/;

let runs = 9;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else {
    process.stderr.write('usage: node scripts/bench-worktrees.mjs [--runs N]\n');
    process.exit(2);
  }
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@localhost',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@localhost',
};
const { base, socket, env, cleanup } = benchWorld('cc-bench-wt', {
  extraEnv: { ...gitIdentity, CC_DEMO_SPEED: '8' },
});
const repo = join(base, 'repo');

function cli(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cliPath, ...argv], { env, cwd: repo, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !(argv[0] === 'merge' && r.status === 1)) {
    throw new Error(`cc-agent ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { ms, out: r.stdout.trim() };
}
const git = (...a) => {
  const r = spawnSync('git', ['-C', repo, ...a], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
/** Wait (polling `status --json`, not timed) until the agent's turn has ended. */
function settled(id) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const j = JSON.parse(cli(['status', id, '--json']).out);
    if (j.activity === 'waiting' || j.activity === 'idle') return j;
    if (Date.now() > deadline) throw new Error(`job ${id} never settled`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
function ready(id) {
  const deadline = Date.now() + 30_000;
  while (!READY.test(cli(['capture', id, '50']).out)) {
    if (Date.now() > deadline) throw new Error(`job ${id} never came back`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const results = [];
function record(name, samples) {
  results.push({
    name,
    median: quantile(samples, 0.5),
    p90: quantile(samples, 0.9),
    n: samples.length,
  });
}

try {
  // A repository the size of a real project: 2,000 files in 40 folders, one commit.
  mkdirSync(repo);
  git('init', '-q', '-b', 'main');
  for (let d = 0; d < 40; d++) {
    mkdirSync(join(repo, `pkg${d}`));
    for (let f = 0; f < FILES / 40; f++) {
      writeFileSync(join(repo, `pkg${d}`, `mod${f}.ts`), `export const v${f} = ${f};\n`.repeat(40));
    }
  }
  git('add', '.');
  git('commit', '-q', '-m', 'base');

  const plain = [];
  const withTree = [];
  const diffs = [];
  const stats = [];
  const treeIds = [];
  for (let i = 0; i < runs; i++) {
    plain.push(cli(['start', '--agent', 'demo', '--', '[[say "plain"]]']).ms);
    const prompt =
      `[[write "pkg${i}/mod0.ts" "changed ${i}"]] [[write "pkg${i}/mod1.ts" "changed"]] ` +
      `[[write "pkg${i}/mod2.ts" "changed"]] [[write "new-${i}.ts" "new file"]] [[say "edited"]]`;
    const s = cli(['start', '--agent', 'demo', '--worktree', '--', prompt]);
    withTree.push(s.ms);
    treeIds.push(s.out);
  }
  for (const id of treeIds) settled(id);
  for (const id of treeIds) {
    const d = cli(['diff', id]);
    if (!d.out.includes(`new-`)) throw new Error('diff missed the new file');
    diffs.push(d.ms);
    stats.push(cli(['diff', id, '--stat']).ms);
  }
  record('start (plain)', plain);
  record('start --worktree', withTree);
  record(`diff (${FILES}-file repo)`, diffs);
  record('diff --stat', stats);

  const jobs = [];
  for (let i = 0; i < runs; i++) jobs.push(cli(['jobs']).ms);
  record(`jobs (${treeIds.length} worktrees, ${runs * 2} jobs)`, jobs);

  const merges = [];
  for (const id of treeIds) {
    const m = cli(['merge', id]);
    if (!/^merged /.test(m.out)) throw new Error(`merge ${id}: ${m.out}`);
    merges.push(m.ms);
  }
  record('merge (clean, into checked-out main)', merges);

  const resumes = [];
  for (const id of treeIds.slice(0, Math.min(5, treeIds.length))) {
    spawnSync('tmux', ['-L', socket, 'kill-session', '-t', `=cc-agent-${id}`]);
    resumes.push(cli(['resume', id]).ms);
    ready(id);
  }
  record('resume <id> (after its session was killed)', resumes);
} finally {
  cleanup();
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
process.stdout.write(`\ncc-agent worktree bench (${runs} runs, node ${process.version})\n\n`);
process.stdout.write(`${'what'.padEnd(48)} ${'median'.padStart(8)} ${'p90'.padStart(8)}\n`);
for (const r of results) {
  process.stdout.write(
    `${r.name.padEnd(48)} ${fmt(r.median).padStart(8)} ${fmt(r.p90).padStart(8)}\n`,
  );
}
