import type { ChangeFeed } from './changes.js';
import type { Db } from './db.js';
import type { FileConflict, FileLease, LeaseVerdict } from './lease-types.js';

/**
 * File leases and the conflicts they saw. The relay's lease directories decide (they work with
 * no engine running); these rows mirror them for views, history and release. Every write
 * announces itself: `leases_updated`, and `file_conflict` when an episode opens.
 */
export interface FileLeasesRepo {
  /** Record one relayed verdict of `jobId` at `at`; the conflict it opened, if any. */
  record(jobId: string, v: LeaseVerdict, at: number): FileConflict | undefined;
  leases(jobId?: string): FileLease[];
  /** Open conflicts (and, with `all`, the ended ones too), newest first. */
  conflicts(all?: boolean): FileConflict[];
  /** Forget leases (their directories are the caller's) and end their open conflicts. */
  release(dirs: readonly string[], at: number): void;
  /** A job ended: forget its leases and end every open conflict it is in; its lease dirs. */
  settleJob(jobId: string, at: number): string[];
}

interface LeaseRow {
  dir: string;
  key: string;
  path: string;
  job_id: string;
  mode: string;
  taken_at: number;
  last_at: number;
}
interface ConflictRow {
  id: number;
  key: string;
  path: string;
  holder: string;
  job_id: string;
  attempts: number;
  refused: number;
  first_at: number;
  last_at: number;
  ended_at: number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const lease = (r: LeaseRow): FileLease => ({
  dir: r.dir,
  key: r.key,
  path: r.path,
  jobId: r.job_id,
  mode: r.mode === 'block' ? 'block' : 'warn',
  takenAt: iso(r.taken_at),
  lastAt: iso(r.last_at),
});
const conflict = (r: ConflictRow): FileConflict => ({
  id: r.id,
  key: r.key,
  path: r.path,
  holder: r.holder,
  jobId: r.job_id,
  attempts: r.attempts,
  refused: r.refused,
  firstAt: iso(r.first_at),
  lastAt: iso(r.last_at),
  endedAt: r.ended_at === null ? null : iso(r.ended_at),
});

export function sqliteFileLeases(db: Db, changes: ChangeFeed): FileLeasesRepo {
  const changed = (jobId: string): void => changes.emit('leases_updated', { jobId });
  return {
    record(jobId, v, at) {
      if (v.outcome === 'skip') return undefined;
      if (v.outcome === 'took' || v.outcome === 'own') {
        // A takeover (the holder's runner was gone) replaces the row under the same dir.
        db.prepare(
          `INSERT INTO file_leases (dir, key, path, job_id, mode, taken_at, last_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(dir) DO UPDATE SET
             taken_at = CASE WHEN file_leases.job_id = excluded.job_id
               THEN file_leases.taken_at ELSE excluded.taken_at END,
             key = excluded.key, path = excluded.path, job_id = excluded.job_id,
             mode = excluded.mode, last_at = excluded.last_at`,
        ).run(v.dir, v.key, v.path, jobId, v.mode, at, at);
        // Its own next edit only moves last_at, which no view shows: no announcement.
        if (v.outcome === 'took') changed(jobId);
        return undefined;
      }
      const refused = v.outcome === 'denied' ? 1 : 0;
      const open = db
        .prepare(
          `UPDATE file_conflicts SET attempts = attempts + 1, refused = refused + ?, last_at = ?
           WHERE key = ? AND holder = ? AND job_id = ? AND ended_at IS NULL`,
        )
        .run(refused, at, v.key, v.holder, jobId);
      changed(jobId);
      if (open.changes > 0) return undefined;
      const id = db
        .prepare(
          `INSERT INTO file_conflicts (key, path, holder, job_id, attempts, refused, first_at, last_at)
           VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
        )
        .run(v.key, v.path, v.holder, jobId, refused, at, at).lastInsertRowid;
      const row = db.prepare('SELECT * FROM file_conflicts WHERE id = ?').get(id) as ConflictRow;
      const opened = conflict(row);
      changes.emit('file_conflict', opened);
      return opened;
    },
    leases(jobId) {
      const rows = (
        jobId === undefined
          ? db.prepare('SELECT * FROM file_leases ORDER BY taken_at, dir').all()
          : db
              .prepare('SELECT * FROM file_leases WHERE job_id = ? ORDER BY taken_at, dir')
              .all(jobId)
      ) as LeaseRow[];
      return rows.map(lease);
    },
    conflicts(all = false) {
      const rows = db
        .prepare(
          `SELECT * FROM file_conflicts ${all ? '' : 'WHERE ended_at IS NULL'} ORDER BY id DESC`,
        )
        .all() as ConflictRow[];
      return rows.map(conflict);
    },
    release(dirs, at) {
      if (dirs.length === 0) return;
      const get = db.prepare('SELECT key, job_id FROM file_leases WHERE dir = ?');
      const drop = db.prepare('DELETE FROM file_leases WHERE dir = ?');
      const end = db.prepare(
        'UPDATE file_conflicts SET ended_at = ? WHERE key = ? AND holder = ? AND ended_at IS NULL',
      );
      const jobs = new Set<string>();
      for (const dir of dirs) {
        const held = get.get(dir) as { key: string; job_id: string } | undefined;
        if (!held) continue;
        drop.run(dir);
        end.run(at, held.key, held.job_id);
        jobs.add(held.job_id);
      }
      for (const j of jobs) changed(j);
    },
    settleJob(jobId, at) {
      const dirs = db
        .prepare('SELECT dir FROM file_leases WHERE job_id = ?')
        .pluck()
        .all(jobId) as string[];
      db.prepare('DELETE FROM file_leases WHERE job_id = ?').run(jobId);
      const ended = db
        .prepare(
          `UPDATE file_conflicts SET ended_at = ?
           WHERE (holder = ? OR job_id = ?) AND ended_at IS NULL`,
        )
        .run(at, jobId, jobId);
      if (dirs.length > 0 || ended.changes > 0) changed(jobId);
      return dirs;
    },
  };
}
