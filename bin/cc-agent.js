#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via prepare).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('cc-agent: not built yet; run `npm run build` in the package folder\n');
  process.exit(1);
}
// The TUI is long-lived: with V8's default young generation it carries up to ~48 MB of garbage
// between collections. A 1 MB semi-space keeps its RSS near 90 MB for a little more GC work, so
// a process that will draw the TUI in this terminal re-runs itself with that flag: `tui` or
// `demo` inside tmux (they take the pane), or `tui --here`. Outside tmux they only ask tmux to
// open a session whose `tui --here` gets the flag; a re-run there would only delay the frame.
const args = process.argv.slice(2);
const [command] = args;
const heapFlag = '--max-semi-space-size=1';
const drawsHere =
  (command === 'tui' || command === 'demo') &&
  (Boolean(process.env.TMUX) || args.includes('--here')) &&
  !args.includes('--no-tui');
if (drawsHere && process.stdout.isTTY && !process.execArgv.includes(heapFlag)) {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [heapFlag, self, ...args], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
await import(cli.href);
