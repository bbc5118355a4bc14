/** What the hook relay decided for one file an edit tool was about to touch (relay-event.sh). */
export interface LeaseVerdict {
  /** The lease's directory under file-leases/ (the key's cksum). */
  dir: string;
  /** repo-id:relative-path inside a repository (shared by its worktrees), else the path. */
  key: string;
  path: string;
  /** Who holds the file after this edit: the job itself, or the one that was first. */
  holder: string;
  /** took / own: the job holds it; conflict: another does (warn); denied: refused (block). */
  outcome: 'took' | 'own' | 'conflict' | 'denied' | 'skip';
  mode: 'warn' | 'block';
}

/** A job holds a file: it edited it and has not released it (turn ended clean, job ended). */
export interface FileLease {
  dir: string;
  key: string;
  path: string;
  jobId: string;
  mode: 'warn' | 'block';
  takenAt: string;
  lastAt: string;
}

/** A second live job went to edit a file another held: one row per episode. */
export interface FileConflict {
  id: number;
  key: string;
  path: string;
  /** The job that was first (held the lease). */
  holder: string;
  /** The job that came second. */
  jobId: string;
  /** Edits the second job attempted while the first held the file; `refused` were denied. */
  attempts: number;
  refused: number;
  firstAt: string;
  lastAt: string;
  /** When it stopped mattering (the lease released, or either job ended); null: open. */
  endedAt: string | null;
}
