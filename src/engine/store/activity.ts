import type { EngineContext } from '../context.js';
import type { Db } from './db.js';
import type { ActivityEntry, ActivityRepo } from './repositories.js';

export type { ActivityEntry } from './repositories.js';

/**
 * The orchestrator_activity table: the audit trail. It has no event of its own: each entry is
 * written beside the change it explains, and that change is announced by its own repository.
 */
export class SqliteActivity implements ActivityRepo {
  constructor(private readonly db: Db) {}

  record(kind: string, detail: Record<string, unknown>, at: number): void {
    this.db
      .prepare('INSERT INTO orchestrator_activity (ts, kind, detail) VALUES (?, ?, ?)')
      .run(at, kind, JSON.stringify(detail));
  }

  list(limit: number): ActivityEntry[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM (SELECT * FROM orchestrator_activity ORDER BY seq DESC LIMIT ?) AS newest ORDER BY seq',
      )
      .all(limit) as { seq: number; ts: number; kind: string; detail: string }[];
    return rows.map((r) => ({
      seq: r.seq,
      ts: new Date(r.ts).toISOString(),
      kind: r.kind,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}

/** The audit trail: every action cc-agent took on its own (a trigger, an approval, the pulse). */
export function recordActivity(
  ctx: EngineContext,
  kind: string,
  detail: Record<string, unknown>,
): void {
  ctx.store.activity.record(kind, detail, ctx.now());
}

export function listActivity(ctx: EngineContext, limit = 100): ActivityEntry[] {
  return ctx.store.activity.list(limit);
}
