import type { ChangeFeed } from './changes.js';
import type { Db } from './db.js';
import type { OrchestratorRecord, OrchestratorRepo, WorkerReport } from './orchestrator-types.js';

/** What the faces show of the record: a write changing one of these is announced. */
const SHOWN = ['desired', 'phase', 'respawns'] as const;

/** The one-row orchestrator table, and the jobs queries its supervision makes. */
export class SqliteOrchestrator implements OrchestratorRepo {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
  ) {}

  get(): OrchestratorRecord | undefined {
    return this.db.prepare('SELECT * FROM orchestrator WHERE id = 1').get() as
      (OrchestratorRecord & { id?: number }) | undefined;
  }

  put(rec: OrchestratorRecord, reason: string): void {
    const cols = Object.keys(rec);
    this.db
      .prepare(
        `INSERT INTO orchestrator (id, ${cols.join(',')})
         VALUES (1, ${cols.map((c) => '@' + c).join(',')})
         ON CONFLICT (id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      )
      .run(rec);
    this.changes.emit('orchestrator_status_change', { status: rec.desired, reason });
  }

  patch(patch: Partial<OrchestratorRecord>, reason?: string): void {
    const cols = Object.keys(patch);
    if (cols.length === 0) return;
    const before = this.get();
    const r = this.db
      .prepare(`UPDATE orchestrator SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = 1`)
      .run(patch);
    if (r.changes === 0 || !before) return;
    const changed = SHOWN.filter((k) => k in patch && patch[k] !== before[k]);
    if (changed.length === 0 && reason === undefined) return;
    this.changes.emit('orchestrator_status_change', {
      status: patch.desired ?? before.desired,
      reason: reason ?? changed.map((k) => `${k} ${String(patch[k])}`).join(', '),
    });
  }

  workersToReport(parentId: string, since: number): WorkerReport[] {
    return this.db
      .prepare(
        `SELECT id, status, activity, summary,
           CASE WHEN COALESCE(ended_at, 0) > COALESCE(activity_at, 0)
             THEN COALESCE(ended_at, 0) ELSE COALESCE(activity_at, 0) END AS at
         FROM jobs WHERE parent_id = ?
           AND ((ended_at IS NOT NULL AND ended_at > ?)
             OR (status = 'running' AND activity IN ('waiting', 'needs_permission', 'blocked')
                 AND activity_at > ?))
         ORDER BY at`,
      )
      .all(parentId, since, since) as WorkerReport[];
  }

  activeWorkers(parentId: string): string[] {
    return this.db
      .prepare(
        `SELECT id FROM jobs WHERE parent_id = ? AND status IN ('pending', 'running')
         ORDER BY created_at`,
      )
      .pluck()
      .all(parentId) as string[];
  }
}
