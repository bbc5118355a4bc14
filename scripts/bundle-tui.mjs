#!/usr/bin/env node
// Bundle the TUI (Ink, React and its own modules) into one file, dist/tui.bundle.js: resolving and
// loading ~100 modules one by one is most of a cold start; one file halves it. `cc-agent tui`
// loads the bundle when it is there and falls back to dist/tui/main.js.
import { build } from 'esbuild';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const engineDir = resolve(root, 'src', 'engine');
const serverDir = resolve(root, 'src', 'server');

/**
 * The engine stays out of the bundle: it is imported from dist/engine/ as the CLI imports it
 * (one copy, and its files keep finding hooks/, libexec/ and the simulated agent beside them).
 * So does the server (`tui --serve` loads it from dist/server/ only when asked for).
 */
const engineOutside = {
  name: 'engine-outside',
  setup(b) {
    b.onResolve({ filter: /(engine\/index|server\/listen)\.js$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      if (!target.startsWith(engineDir) && !target.startsWith(serverDir)) return undefined;
      const fromDist = relative(resolve(root, 'src'), target);
      return { path: `./${fromDist}`, external: true };
    });
  },
};
/** Ink's React-devtools bridge (only for DEV=true) is an optional package: an empty stand-in. */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
      path: 'devtools',
      namespace: 'stub',
    }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {};' }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/tui/main.tsx'],
  outfile: 'dist/tui.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify: process.env['CC_BUNDLE_MINIFY'] !== '0',
  legalComments: 'none',
  // Native code (better-sqlite3) stays a package.
  external: ['better-sqlite3'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some bundled packages are CommonJS and call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __ccCreateRequire } from 'node:module'; const require = __ccCreateRequire(import.meta.url);",
  },
  plugins: [engineOutside, noDevtools],
  logLevel: 'warning',
});
