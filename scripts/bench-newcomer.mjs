#!/usr/bin/env node
// A newcomer's first run, timed: for each run a fresh `git clone` of this repository (its
// committed HEAD) into a temp dir, with a fresh npm cache and temp HOME/CC_AGENT_HOME, then the
// README's first command. The install half (before `&&`) runs and is timed on its own; then the
// demo half runs in a real terminal (`script`) and is timed from its start to the TUI's first
// frame, seen with capture-pane on a private tmux server. A report, not a test: it exits 0.
//
//   node scripts/bench-newcomer.mjs [--runs N] [--rev <commit>] [--command "<demo command>"]...
//
// --rev clones that commit instead of HEAD (the README is still this checkout's: give
// --command for an older one's, e.g. --rev 1e8dd27 --command "npx cc-agent demo").
// Each --command is timed instead of the README's demo command, one after the other on the same
// clone, each from a fresh npm cache and home (e.g. --command "npx cc-agent demo" --command
// "npm run demo", to compare). node_modules is hard-linked from this checkout's: a fresh
// `npm ci` adds the native build of better-sqlite3 (minutes) to the install, not to the figure.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  freshClone,
  readmeCommands,
  removeClone,
  resetClone,
  runInstall,
  timeFirstFrame,
} from './lib/newcomer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const rev = args.includes('--rev') ? args[args.indexOf('--rev') + 1] : undefined;
const readme = readmeCommands(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
const given = args.flatMap((a, i) => (a === '--command' && args[i + 1] ? [args[i + 1]] : []));
const commands = given.length ? given : [readme.demo];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg()[0].toFixed(1);

// A clone has only what is committed: say so when the checkout has more.
const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
if (status.stdout?.trim())
  process.stdout.write('note: uncommitted changes are not in the clones\n');
process.stdout.write(
  `newcomer bench: ${runs} fresh clones of ${root} (${rev ?? 'HEAD'}), load ${load()}\n`,
);
process.stdout.write(`  install: ${readme.install}\n`);
const installs = [];
const frames = new Map(commands.map((c) => [c, []]));
const alls = new Map(commands.map((c) => [c, []]));
let current;
process.on('SIGINT', () => {
  if (current) removeClone(current);
  process.exit(0);
});
for (let i = 0; i < runs; i++) {
  current = freshClone(root, 'cc-bench-newcomer', rev);
  try {
    installs.push(runInstall(current, readme.install));
    process.stdout.write(`  run ${i + 1}: install ${fmt(installs.at(-1))}\n`);
    for (const command of commands) {
      try {
        const { ms, allMs } = await timeFirstFrame(current, command);
        frames.get(command).push(ms);
        alls.get(command).push(allMs);
        process.stdout.write(
          `    ${command}: first frame ${fmt(ms)}, all five agents listed ${fmt(allMs)} (load ${load()})\n`,
        );
      } finally {
        resetClone(current);
      }
    }
  } catch (e) {
    process.stdout.write(`  run ${i + 1}: failed: ${e.message}\n`);
  } finally {
    removeClone(current);
    current = undefined;
  }
}
if (installs.length) process.stdout.write(`median install ${fmt(median(installs))}\n`);
for (const [command, ms] of frames) {
  if (!ms.length) continue;
  process.stdout.write(
    `median install finished → first frame, ${command}: ${fmt(median(ms))}` +
      ` (min ${fmt(Math.min(...ms))}, max ${fmt(Math.max(...ms))}, ${ms.length} runs);` +
      ` all five agents listed: ${fmt(median(alls.get(command)))}\n`,
  );
}
