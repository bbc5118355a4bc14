#!/usr/bin/env node
// Bundle the engine into one file, dist/engine/index.js (over tsc's), for the CLI's cold start:
// every command loads the engine, and loading its ~90 modules one by one costs ~60 ms of a
// ~160 ms `send`; one file costs ~25. Packages stay external (better-sqlite3 is native, the
// rest load lazily). Files the engine ships beside itself are resolved in src/engine/context.ts,
// at this same depth, so they resolve the same from the bundle. The CLI, the TUI bundle and the
// server import only engine/index.js, so there is one engine in any process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/engine/index.ts'],
  outfile: 'dist/engine/index.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Readable stack traces: the win is one file, not fewer bytes.
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});
