#!/usr/bin/env node
// Build the browser view into dist/web: one JS file (Preact, xterm.js, the views), one CSS
// file and the page, shipped in the package: nothing is fetched from a CDN at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/web/app.tsx'],
  outfile: join(out, 'app.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const xtermCss = readFileSync(
  join(root, 'node_modules', '@xterm', 'xterm', 'css', 'xterm.css'),
  'utf8',
);
writeFileSync(
  join(out, 'app.css'),
  `${xtermCss}\n${readFileSync(join(root, 'src', 'web', 'styles.css'), 'utf8')}`,
);
copyFileSync(join(root, 'src', 'web', 'index.html'), join(out, 'index.html'));
