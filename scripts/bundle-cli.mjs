#!/usr/bin/env node
// Bundle the CLI's entry with what `cc-agent --help` reads (the flag parser, the registry and
// every command's contract) into one file, dist/cli.js (over tsc's): ~17 small modules loaded
// one by one cost ~20 ms of a ~50 ms `--help`. What is imported lazily (each command's run
// code, the engine, meow) stays outside, at the path tsc gave it, so it still loads only to run.
import { build } from 'esbuild';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = resolve(root, 'src');

/** A lazy import() stays one: the path it would have from dist/cli.js. */
const lazyStaysLazy = {
  name: 'lazy-stays-lazy',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.path.startsWith('.')) return undefined;
      const target = relative(src, resolve(dirname(args.importer), args.path));
      return { path: `./${target}`, external: true };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [lazyStaysLazy],
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});
