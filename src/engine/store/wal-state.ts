import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import type Database from 'better-sqlite3';

const LE = endianness() === 'LE';

/**
 * Whether the store's write-ahead log was deleted under a live connection. The -shm index
 * (SQLite's WalIndexHdr, native byte order) says how many frames the log holds; a log that is
 * missing or shorter than that was removed while some process still used it: the frames live
 * on only in that process's open file, and every new opener gets "disk I/O error".
 */
export function walDeleted(db: string): boolean {
  const hdr = Buffer.alloc(20);
  let fd: number;
  try {
    fd = openSync(`${db}-shm`, 'r');
  } catch {
    return false; // no index: nobody holds the store in WAL mode
  }
  try {
    if (readSync(fd, hdr, 0, 20, 0) < 20) return false;
  } finally {
    closeSync(fd);
  }
  const raw = LE ? hdr.readUInt16LE(14) : hdr.readUInt16BE(14);
  const pageSize = raw === 1 ? 65536 : raw;
  const frames = LE ? hdr.readUInt32LE(16) : hdr.readUInt32BE(16);
  if (frames === 0 || pageSize === 0) return false;
  let walSize = 0;
  try {
    walSize = statSync(`${db}-wal`).size;
  } catch {
    // gone altogether
  }
  return walSize < 32 + frames * (24 + pageSize);
}

/** The inode of the log a connection opened, to notice later that the path now names another. */
export function walInode(db: string): number | null {
  try {
    return statSync(`${db}-wal`).ino;
  } catch {
    return null;
  }
}

/**
 * Kept by a long-lived engine. Every few seconds it copies what the log holds into the store
 * file (a passive checkpoint: never waits on a reader or a writer), so a log deleted later, or
 * left behind by a killed process and then deleted, loses nothing committed before that. And
 * it notices its own log deleted under it: it writes the frames only it still holds back into
 * the store, and says so, so that its face can stop and free the store for everyone else.
 */
export function walGuard(
  db: Database.Database,
  file: string,
  everyMs = 2000,
): { check(now: number): 'ok' | 'deleted' } {
  const ino = walInode(file);
  // What was committed, by others (data_version) and by this connection (total_changes).
  const changes = db.prepare('SELECT total_changes()').pluck();
  const version = (): string =>
    `${db.pragma('data_version', { simple: true }) as number}:${changes.get() as number}`;
  let saved = '';
  let at = 0;
  return {
    check(now) {
      let st: { ino: number } | null = null;
      try {
        st = statSync(`${file}-wal`);
      } catch {
        // deleted: st stays null
      }
      if (ino !== null && st?.ino !== ino) {
        db.pragma('wal_checkpoint(PASSIVE)');
        return 'deleted';
      }
      if (now - at < everyMs) return 'ok';
      const v = version();
      if (v !== saved) {
        db.pragma('wal_checkpoint(PASSIVE)');
        saved = v;
        at = now;
      }
      return 'ok';
    },
  };
}
