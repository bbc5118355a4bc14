import { closeSync, existsSync, openSync, rmSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CcAgentError } from './errors.js';
import { pathsFor, resolveHome } from './paths.js';
import { walDeleted } from './store/wal-state.js';

/** Below this much free space the home counts as full (SQLite needs room for its log). */
export const MIN_FREE_BYTES = 1024 * 1024;

/** Bytes free for us on the file system holding `dir`, or null when it cannot be asked. */
export function freeBytes(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/**
 * Can a file be made in `dir`? Tried for real: a read-only mount, a full disk, an immutable
 * folder and missing permissions all answer here (access(2) misses the last two for root).
 * Returns the errno code that stopped it, or null.
 */
export function cannotWrite(dir: string): string | null {
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'w'));
    rmSync(probe, { force: true });
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EIO';
  }
}

function existingAncestor(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const readOnly = (where: string): CcAgentError =>
  new CcAgentError(
    'store',
    `${where} is read-only: remount it read-write, fix its permissions, or set CC_AGENT_HOME to a writable folder (cc-agent health)`,
  );

const diskFull = (where: string): CcAgentError =>
  new CcAgentError(
    'store',
    `disk full: cannot write ${where}; free some space on that file system (df -h ${where}), then run the command again`,
  );

/** A file error (errno) as the one line a user can act on, or undefined when it is not one. */
function fileFault(e: NodeJS.ErrnoException & { dest?: string }): CcAgentError | undefined {
  // A rename names the file it would replace in `dest`: that is the one the user knows.
  const path = e.dest ?? e.path ?? 'a file';
  switch (e.code) {
    case 'ENOENT': {
      // mkdir -p under a read-only or full parent reports the missing child, not the cause.
      if (e.syscall !== 'mkdir' || !e.path) return undefined;
      const parent = existingAncestor(e.path);
      const why = cannotWrite(parent);
      if (why === 'EROFS' || why === 'EACCES' || why === 'EPERM') return readOnly(parent);
      if (why === 'ENOSPC') return diskFull(parent);
      return undefined;
    }
    case 'EROFS':
      return readOnly(path);
    case 'ENOSPC':
    case 'EDQUOT':
      return diskFull(path);
    case 'EACCES':
    case 'EPERM':
      return new CcAgentError(
        'store',
        `cannot write ${path}: ${e.code === 'EPERM' ? 'operation not permitted' : 'permission denied'} (read-only or immutable? check ls -l and lsattr; chattr -i removes the immutable flag)`,
      );
    case 'EIO':
      return new CcAgentError('store', `I/O error on ${path}: the disk may be failing (dmesg)`);
    default:
      return undefined;
  }
}

/** A store (SQLite) error: what actually went wrong is found by looking at the home. */
function storeFault(code: string, home: string): CcAgentError | undefined {
  const { db } = pathsFor(home);
  const free = freeBytes(home);
  if (code.startsWith('SQLITE_FULL') || (free !== null && free < MIN_FREE_BYTES))
    return diskFull(home);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    const why = cannotWrite(home);
    if (why === 'EROFS' || why === 'EACCES' || why === 'EPERM') return readOnly(home);
    if (why === 'ENOSPC') return diskFull(home);
    if (code.startsWith('SQLITE_READONLY')) return readOnly(db);
    return new CcAgentError(
      'store',
      `cannot open the store ${db}${why ? ` (${why})` : ''}: check the folder exists and is yours (cc-agent health)`,
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CORRUPT')) {
    if (walDeleted(db)) {
      return new CcAgentError(
        'store',
        `the store's write-ahead log ${db}-wal was deleted while a cc-agent process (pulse, server, TUI) held it: that process writes its changes back and stops within seconds; run the command again then (cc-agent health)`,
      );
    }
    const why = cannotWrite(home);
    if (why === 'EROFS') return readOnly(home);
    if (why === 'ENOSPC') return diskFull(home);
    return new CcAgentError(
      'store',
      code.startsWith('SQLITE_CORRUPT')
        ? `the store ${db} is damaged (${code}): stop every cc-agent process, then cc-agent health checks it; move it aside to start afresh`
        : `I/O error on the store ${db} (${code}): cc-agent health checks the disk and the store`,
    );
  }
  return undefined;
}

/**
 * An unexpected error from the file system or the store, as one line that names the path and
 * what to do; undefined for anything else (a bug, which stays an internal error).
 */
export function describeFault(e: unknown, home = resolveHome()): CcAgentError | undefined {
  if (e instanceof CcAgentError) return e;
  const err = e as (NodeJS.ErrnoException & { name?: string }) | null;
  if (!err || typeof err.code !== 'string') return undefined;
  if (err.name === 'SqliteError' || err.code.startsWith('SQLITE_'))
    return storeFault(err.code, home);
  return fileFault(err);
}
