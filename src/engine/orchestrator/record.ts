import type { EngineContext } from '../context.js';
import type { OrchestratorRecord } from '../store/orchestrator-types.js';

export { ORCHESTRATOR_ID } from '../jobs/lookup.js';
export type { OrchestratorRecord, Phase } from '../store/orchestrator-types.js';

export const getRecord = (ctx: EngineContext): OrchestratorRecord | undefined =>
  ctx.store.orchestrator.get();

/** Write the whole record; announced as orchestrator_status_change with `reason`. */
export function putRecord(ctx: EngineContext, rec: OrchestratorRecord, reason: string): void {
  ctx.store.orchestrator.put(rec, reason);
}

/**
 * Change part of the record. A change of what the faces show (desired state, phase,
 * respawns) is announced, with `reason` when given; `reason` announces any change.
 */
export function patchRecord(
  ctx: EngineContext,
  patch: Partial<OrchestratorRecord>,
  reason?: string,
): void {
  ctx.store.orchestrator.patch(patch, reason);
}
