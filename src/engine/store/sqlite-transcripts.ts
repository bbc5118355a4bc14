import type { ReaderState } from '../transcripts/index.js';
import type { Db } from './db.js';
import { jsonField } from './sql-db.js';
import type { TranscriptsRepo } from './repositories.js';

/**
 * The transcripts table: each job's reading state, as JSON. It announces nothing: no face
 * shows it, and the figures read from it are written to the job, whose repository announces.
 */
export class SqliteTranscripts implements TranscriptsRepo {
  constructor(private readonly db: Db) {}

  load(jobId: string): ReaderState | undefined {
    const stored = this.db
      .prepare('SELECT state FROM transcripts WHERE job_id = ?')
      .pluck()
      .get(jobId);
    return typeof stored === 'string' ? (JSON.parse(stored) as ReaderState) : undefined;
  }

  save(jobId: string, state: ReaderState): void {
    this.db
      .prepare(
        `INSERT INTO transcripts (job_id, state) VALUES (?, ?)
         ON CONFLICT(job_id) DO UPDATE SET state = excluded.state`,
      )
      .run(jobId, JSON.stringify(state));
  }

  delete(jobId: string): void {
    this.db.prepare('DELETE FROM transcripts WHERE job_id = ?').run(jobId);
  }

  runningPaths(host?: string): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT t.job_id AS id, ${jsonField(this.db, 't.state', 'path')} AS path
         FROM transcripts t JOIN jobs j ON j.id = t.job_id WHERE j.status = 'running'
         ${host === undefined ? '' : 'AND j.host = ?'}`,
      )
      .all(...(host === undefined ? [] : [host])) as { id: string; path: string | null }[];
    const paths = new Map<string, string>();
    for (const r of rows) if (r.path) paths.set(r.id, r.path);
    return paths;
  }
}
