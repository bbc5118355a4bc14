#!/usr/bin/env node
// A newcomer's first run, timed: for each run a fresh `git clone` of this repository (its
// committed HEAD) into a temp dir, with a fresh npm cache and temp HOME/CC_AGENT_HOME, then the
// README's first command. The install half (before `&&`) runs and is timed on its own; then the
// demo half runs in a real terminal and is timed from its start to the TUI's first frame (seen
// with capture-pane on a private tmux server). A report, not a test: it always exits 0.
//
//   node scripts/bench-newcomer.mjs [--runs N] [--command "<demo command>"]
//
// --command times another demo command instead of the README's (e.g. "npx cc-agent demo", to
// compare). node_modules is hard-linked from this checkout's: a fresh `npm ci` adds the native
// build of better-sqlite3 (minutes) to the install half, not to what is measured here.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  freshClone,
  readmeCommands,
  removeClone,
  runInstall,
  timeFirstFrame,
} from './lib/newcomer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(opt('--runs')) || 5;
const readme = readmeCommands(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
const demo = opt('--command') ?? readme.demo;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

// A clone has only what is committed: say so when the checkout has more.
const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
if (status.stdout?.trim())
  process.stdout.write('note: uncommitted changes are not in the clones\n');
process.stdout.write(`newcomer bench: ${runs} fresh clones of ${root} (HEAD)\n`);
process.stdout.write(`  install: ${readme.install}\n  demo:    ${demo}\n`);
const installs = [];
const frames = [];
let current;
process.on('SIGINT', () => {
  if (current) removeClone(current);
  process.exit(0);
});
for (let i = 0; i < runs; i++) {
  current = freshClone(root, 'cc-bench-newcomer');
  try {
    installs.push(runInstall(current, readme.install));
    const { ms } = await timeFirstFrame(current, demo);
    frames.push(ms);
    process.stdout.write(
      `  run ${i + 1}: install ${fmt(installs.at(-1))}, install finished → first frame ${fmt(ms)}\n`,
    );
  } catch (e) {
    process.stdout.write(`  run ${i + 1}: failed: ${e.message}\n`);
  } finally {
    removeClone(current);
    current = undefined;
  }
}
if (frames.length) {
  process.stdout.write(
    `median install ${fmt(median(installs))}; median install finished → first frame ${fmt(median(frames))}` +
      ` (min ${fmt(Math.min(...frames))}, max ${fmt(Math.max(...frames))}, ${frames.length} runs)\n`,
  );
}
