#!/usr/bin/env node
// Whether dist/ was built from exactly these sources, so `prepare` (which npm runs on every
// `npm install`, and npx runs again when it links this folder into its cache) rebuilds only when
// something changed: a second build costs 15–20 s and rewrites dist/ under running agents.
//
//   node scripts/build-stamp.mjs check   exit 0 when dist/.build-stamp matches, 1 otherwise
//   node scripts/build-stamp.mjs begin   (first step of `npm run build`) drop the stamp, note the hash
//   node scripts/build-stamp.mjs end     (last step) the noted hash becomes the stamp
//
// The hash covers everything the build reads: src/, the tsconfigs, the bundle scripts,
// package.json and package-lock.json (the bundles inline dependencies) and CC_BUNDLE_MINIFY.
// Between begin and end the hash waits in dist/.build-stamp.pending: a build that fails half-way
// leaves no stamp, and a file edited during the build leaves a stamp that no longer matches.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const pending = join(dist, '.build-stamp.pending');
const INPUTS = [
  'src',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/bundle-engine.mjs',
  'scripts/bundle-tui.mjs',
  'scripts/bundle-web.mjs',
  'package.json',
  'package-lock.json',
];
/** What a build leaves; a stamp beside a dist/ missing one of them is not believed. */
const OUTPUTS = ['cli.js', 'engine/index.js', 'tui.bundle.js', 'web/app.js', 'demo-agent/main.js'];

/** `path` itself, or every file under it, sorted. */
function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** sha256 over each input's path and bytes, in a fixed order. */
function inputHash() {
  const h = createHash('sha256');
  h.update(`minify=${process.env['CC_BUNDLE_MINIFY'] ?? ''}\0`);
  for (const input of INPUTS) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    for (const file of files(path)) {
      h.update(`${relative(root, file)}\0`);
      h.update(readFileSync(file));
      h.update('\0');
    }
  }
  return h.digest('hex');
}

const current = () =>
  existsSync(stamp) &&
  OUTPUTS.every((o) => existsSync(join(dist, o))) &&
  readFileSync(stamp, 'utf8').trim() === inputHash();

const step = process.argv[2];
if (step === 'check') {
  if (current()) {
    process.stdout.write('cc-agent: dist/ is current (dist/.build-stamp), no rebuild\n');
    process.exit(0);
  }
  process.stdout.write('cc-agent: dist/ is missing or stale: building\n');
  process.exit(1);
} else if (step === 'begin') {
  mkdirSync(dist, { recursive: true });
  rmSync(stamp, { force: true });
  writeFileSync(pending, `${inputHash()}\n`);
} else if (step === 'end') {
  renameSync(pending, stamp);
} else {
  process.stderr.write('usage: node scripts/build-stamp.mjs check|begin|end\n');
  process.exit(2);
}
