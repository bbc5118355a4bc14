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
// `tui` (and `demo`, which opens it) in a terminal re-runs itself with that flag.
const [command] = process.argv.slice(2);
const heapFlag = '--max-semi-space-size=1';
if (
  (command === 'tui' || command === 'demo') &&
  process.stdout.isTTY &&
  !process.execArgv.includes(heapFlag)
) {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [heapFlag, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
await import(cli.href);
