import { openDb } from '../../src/engine/store/db.js';
import { JobsRepo, type NewJobRow } from '../../src/engine/store/jobs-repo.js';

/** A jobs row as `start` leaves it (a running demo agent), for tests that write the store. */
export function jobRow(id: string, over: Partial<NewJobRow> = {}): NewJobRow {
  return {
    id,
    kind: 'worker',
    backend: 'demo',
    model: 'opus',
    effort: 'xhigh',
    sandbox: 'workspace-write',
    dir: '/work/p',
    prompt_preview: `prompt ${id}`,
    prompt_bytes: 10,
    session_id: null,
    tmux_session: `cc-agent-${id}`,
    tmux_socket: 'cc-test',
    status: 'running',
    activity: 'starting',
    exit_code: null,
    error: null,
    argv: JSON.stringify(['node', '--model', 'opus']),
    strip_ansi: 0,
    files: JSON.stringify(['a.ts']),
    summary: null,
    created_at: 1_700_000_000_000,
    started_at: null,
    ended_at: null,
    updated_at: 1_700_000_000_000,
    ...over,
  };
}

/** Write a job into the store file `file` as another process would (its own connection). */
export function insertJob(file: string, row: NewJobRow): void {
  const db = openDb(file);
  try {
    new JobsRepo(db).insert(row);
  } finally {
    db.close();
  }
}
