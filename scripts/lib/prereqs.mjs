// What `npm test` needs besides node_modules, in one list: scripts/check-prereqs.mjs checks it
// before anything else runs, .ci/run installs from it, tests/helpers/browser.ts finds chromium
// with it, and README's Development section lists the same.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Programs the tests run, and the Debian/Ubuntu package that brings each. */
export const TOOLS = [
  { names: ['tmux'], pkg: 'tmux' }, // every agent runs in a tmux session
  { names: ['chromium', 'chromium-browser'], pkg: 'chromium' }, // the browser view's tests
  { names: ['script'], pkg: 'bsdutils' }, // a real terminal for the TUI tests' tmux client
  { names: ['git'], pkg: 'git' }, // worktrees, diff and merge; the newcomer test's clone
  { names: ['ps'], pkg: 'procps' }, // cleanup finds every process under a test's tmux panes
  { names: ['tar'], pkg: 'tar' }, // the plugin test unpacks the npm tarball
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

/** The tools of `list` not on `path`. */
export const missingTools = (list, path = process.env.PATH ?? '') =>
  list.filter((t) => !findOnPath(t.names, path));
