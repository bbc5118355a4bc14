// What `npm test` needs besides node_modules, in one list: scripts/check-prereqs.mjs checks it
// before anything else runs, .ci/run installs from it, tests/helpers/browser.ts finds chromium
// with it, and README's Development section lists the same.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where PostgreSQL's server programs are: PATH first, then Debian's versioned folder, which it
 * keeps off PATH (/usr/lib/postgresql/<major>/bin), newest major first.
 */
export function pgBinDirs(path = process.env.PATH ?? '') {
  let majors = [];
  try {
    majors = readdirSync('/usr/lib/postgresql')
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    // no Debian PostgreSQL here
  }
  return [...path.split(delimiter), ...majors.map((m) => `/usr/lib/postgresql/${m}/bin`)];
}

/** Programs the tests run, and the Debian/Ubuntu package that brings each. */
export const TOOLS = [
  { names: ['tmux'], pkg: 'tmux' }, // every agent runs in a tmux session
  { names: ['chromium', 'chromium-browser'], pkg: 'chromium' }, // the browser view's tests
  { names: ['script'], pkg: 'bsdutils' }, // a real terminal for the TUI tests' tmux client
  { names: ['git'], pkg: 'git' }, // worktrees, diff and merge; the newcomer test's clone
  { names: ['ps'], pkg: 'procps' }, // cleanup finds every process under a test's tmux panes
  { names: ['tar'], pkg: 'tar' }, // the plugin test unpacks the npm tarball
  // The shared store's tests start a private cluster (initdb, pg_ctl: Debian keeps them off PATH).
  { names: ['pg_ctl'], pkg: 'postgresql', dirs: pgBinDirs },
];

/** What `npm ci` needs to compile better-sqlite3 when no prebuilt binary fits. */
export const BUILD_TOOLS = [
  { names: ['python3'], pkg: 'python3' },
  { names: ['make'], pkg: 'make' },
  { names: ['g++'], pkg: 'g++' },
];

export const MIN_NODE_MAJOR = 20;

/** The first of `names` found as an executable on `path`, or undefined. */
export function findOnPath(names, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Debian's chromium (apt), the browser the tests drive through playwright-core. */
export const chromiumPath = (path = process.env.PATH ?? '') =>
  findOnPath(['chromium', 'chromium-browser'], path);

/** The tools of `list` not on `path` (nor in a tool's own folders). */
export const missingTools = (list, path = process.env.PATH ?? '') =>
  list.filter((t) => !findOnPath(t.names, t.dirs ? t.dirs(path).join(delimiter) : path));

/** The folder holding initdb and pg_ctl, or undefined. */
export function pgBinDir(path = process.env.PATH ?? '') {
  const ctl = findOnPath(['pg_ctl'], pgBinDirs(path).join(delimiter));
  return ctl ? ctl.slice(0, -'/pg_ctl'.length) : undefined;
}
