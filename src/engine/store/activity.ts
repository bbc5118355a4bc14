import type { EngineContext } from '../context.js';

export interface ActivityEntry {
  seq: number;
  ts: string;
  kind: string;
  detail: Record<string, unknown>;
}

/** The audit trail: every action cc-agent took on its own (a trigger, an approval, the pulse). */
export function recordActivity(
  ctx: EngineContext,
  kind: string,
  detail: Record<string, unknown>,
): void {
  ctx.db
    .prepare('INSERT INTO orchestrator_activity (ts, kind, detail) VALUES (?, ?, ?)')
    .run(ctx.now(), kind, JSON.stringify(detail));
}

export function listActivity(ctx: EngineContext, limit = 100): ActivityEntry[] {
  const rows = ctx.db
    .prepare(
      'SELECT * FROM (SELECT * FROM orchestrator_activity ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    )
    .all(limit) as { seq: number; ts: number; kind: string; detail: string }[];
  return rows.map((r) => ({
    seq: r.seq,
    ts: new Date(r.ts).toISOString(),
    kind: r.kind,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
