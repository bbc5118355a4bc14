import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { pathsFor } from './paths.js';

/**
 * The home holds the server token, prompts, agent output and the store: nobody but its owner
 * may read it. Every file cc-agent makes is private by umask (0o077); the user's own umask is
 * kept for the processes cc-agent starts (tmux, agents, git), which write the user's files.
 */
let userUmask: number | undefined;

/** Make this process's new files private (0600) and directories 0700. Idempotent. */
export function privateUmask(): void {
  // process.umask cannot be called in a worker thread (tests may load the engine in one).
  if (userUmask !== undefined || !isMainThread) return;
  userUmask = process.umask(0o077);
}

/** The umask the user started cc-agent with (for a child that must write the user's files). */
export const originalUmask = (): number => userUmask ?? process.umask();

/**
 * Run `start` (a spawn: the child inherits the umask at fork, synchronously) under the user's
 * own umask, so an agent, a git worktree or a tmux server cc-agent starts makes files as the
 * user would. The engine's own files stay private.
 */
export function withUserUmask<T>(start: () => T): T {
  if (userUmask === undefined || !isMainThread) return start();
  const mine = process.umask(userUmask);
  try {
    return start();
  } finally {
    process.umask(mine);
  }
}

/** A folder under the home holding the user's work, not cc-agent's: left as it is. */
const NOT_OURS = new Set([basename(pathsFor('').demoWorkspace)]);

/**
 * Tighten a home made before modes were private: every directory 0700, every file 0600. The
 * home's own mode is the marker: it is changed last, so an interrupted pass runs again, and a
 * private home costs one stat.
 */
export function tightenHome(home: string, store: string): void {
  let mode: number;
  try {
    mode = lstatSync(home).mode;
  } catch {
    return; // not there yet: it will be made private
  }
  if ((mode & 0o077) === 0) return;
  // CC_AGENT_HOME may name a folder that holds other things (a mistyped /tmp): only a home
  // with our store in it, or an empty one, is ours to tighten.
  const entries = readdirSync(home);
  if (entries.length > 0 && !entries.includes(basename(store))) return;
  tightenTree(home, true);
  chmodSync(home, 0o700);
}

function tightenTree(dir: string, top: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && NOT_OURS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    try {
      if (entry.isDirectory()) {
        tightenTree(path, false);
        chmodSync(path, 0o700);
      } else if (entry.isFile()) {
        chmodSync(path, 0o600);
      }
      // Symlinks, FIFOs and sockets: chmod would follow a link out of the home; left alone.
    } catch {
      // Removed meanwhile (a relay's temp file, an ingested event): nothing to tighten.
    }
  }
}
