import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * The biggest spool file read: the relay copies at most 16 MiB of payload (hooks/relay-event.sh)
 * and wraps it in a short envelope. Anything bigger was not written by the relay.
 */
export const MAX_SPOOL_BYTES = 16 * 1024 * 1024 + 64 * 1024;

// Links are not followed, a FIFO or device is not waited on, no terminal is adopted.
const OPEN_FLAGS =
  constants.O_RDONLY |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0) |
  (constants.O_NOCTTY ?? 0);

export type SpoolRead =
  | { kind: 'text'; text: string }
  /** Another ingester (TUI, server, CLI) took it first. */
  | { kind: 'gone' }
  /** Not something the relay writes: a directory, FIFO, socket, link, device, or too big. */
  | { kind: 'refused' };

const isGone = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Read one spool entry only if it is a regular file of sane size. The caller has already
 * checked the entry's type without opening it (`readdir`'s d_type, an lstat where the file
 * system has none); the descriptor is opened so that nothing can block it (a FIFO) or redirect
 * it (a link) and is fstat'ed itself, so an entry swapped in between is caught too; then at
 * most what fstat promised is read, so a file still growing cannot make this read without end.
 * Never throws, never blocks.
 */
export function readSpoolEntry(file: string): SpoolRead {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    return isGone(e) ? { kind: 'gone' } : { kind: 'refused' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_SPOOL_BYTES) return { kind: 'refused' };
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, null);
      if (n === 0) break;
      got += n;
    }
    return { kind: 'text', text: buf.toString('utf8', 0, got) };
  } catch {
    return { kind: 'refused' };
  } finally {
    closeSync(fd);
  }
}

/** lstat for an entry whose type readdir did not give: never follows, never opens. */
export function isRegularEntry(file: string): boolean | 'gone' {
  try {
    return lstatSync(file).isFile();
  } catch (e) {
    return isGone(e) ? 'gone' : false;
  }
}

/**
 * Move refused or unparsable entries out of the spool into `quarantineDir`; returns how many
 * this ingester moved (each is counted once). One that cannot be moved is left where it is
 * and skipped (it is refused again, cheaply, on every pass): never fatal.
 */
export function quarantineEntries(
  spoolDir: string,
  quarantineDir: string,
  names: readonly string[],
): number {
  if (names.length === 0 || !quarantineReady(quarantineDir)) return 0;
  let moved = 0;
  for (const name of names) {
    const from = join(spoolDir, name);
    // A same-named entry already there (a directory cannot be replaced): keep both.
    for (const to of [name, `${name}.${randomBytes(4).toString('hex')}`]) {
      try {
        renameSync(from, join(quarantineDir, to));
        moved++;
        break;
      } catch (e) {
        if (isGone(e)) break;
      }
    }
  }
  return moved;
}

/** The quarantine must be a real directory: a link there would carry entries elsewhere. */
function quarantineReady(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}
