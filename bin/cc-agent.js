#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via prepare).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('cc-agent: not built yet; run `npm run build` in the package folder\n');
  process.exit(1);
}
await import(cli.href);
