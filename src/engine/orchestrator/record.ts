import type { EngineContext } from '../context.js';

export { ORCHESTRATOR_ID } from '../jobs/lookup.js';

export type Phase = 'normal' | 'warned' | 'clearing';

/**
 * What the orchestrator should be (running or stopped, launched how) and where its supervision
 * stands. One row in the store, so every process (the pulse leader, a CLI `inject`) shares it.
 */
export interface OrchestratorRecord {
  desired: 'running' | 'stopped';
  agent: string;
  model: string | null;
  effort: string | null;
  dir: string;
  started_at: number;
  respawns: number;
  last_respawn_at: number | null;
  /** When cc-agent last typed to it: its turn has ended only if it went idle after this. */
  sent_at: number;
  phase: Phase;
  /** When it was asked to save its state (phase `warned`). */
  warn_at: number | null;
  /** Workers that ended up to here have been reported to it. */
  reported_at: number;
}

export function getRecord(ctx: EngineContext): OrchestratorRecord | undefined {
  return ctx.db.prepare('SELECT * FROM orchestrator WHERE id = 1').get() as
    OrchestratorRecord | undefined;
}

export function putRecord(ctx: EngineContext, rec: OrchestratorRecord): void {
  const cols = Object.keys(rec);
  ctx.db
    .prepare(
      `INSERT OR REPLACE INTO orchestrator (id, ${cols.join(',')})
       VALUES (1, ${cols.map((c) => '@' + c).join(',')})`,
    )
    .run(rec);
}

export function patchRecord(ctx: EngineContext, patch: Partial<OrchestratorRecord>): void {
  const cols = Object.keys(patch);
  if (cols.length === 0) return;
  ctx.db
    .prepare(`UPDATE orchestrator SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = 1`)
    .run(patch);
}
