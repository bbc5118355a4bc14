import type { EngineContext } from '../context.js';
import type { HookEventRecord } from '../events/emitter.js';
import type { ActivityDetail } from '../store/job-types.js';
import type { JobPatch, JobRow } from '../store/jobs-repo.js';
import { transition, type ActivityState } from './activity.js';

export type Applied = 'updated' | 'completed' | undefined;

/**
 * Fold a job's newly stored hook events, in order, into its row. Runs inside the ingest
 * transaction: an event and the state it implies commit together, so a crash can neither
 * apply an event twice nor lose its effect.
 */
export function applyHookEvents(
  ctx: EngineContext,
  jobId: string,
  records: readonly HookEventRecord[],
): Applied {
  const row = ctx.jobs.get(jobId);
  const last = records.at(-1);
  if (!row || !last) return undefined;
  const patch: JobPatch = {};
  for (const rec of records) {
    // The session follows /clear even after the job ended (its agent may still be in use).
    if (rec.event === 'SessionStart' && rec.sessionId) patch.session_id = rec.sessionId;
  }
  let done: string | undefined;
  // Ended jobs keep their final state; their events are still stored for the timeline.
  if (row.status === 'running' || row.status === 'pending') {
    let state: ActivityState = {
      activity: row.activity,
      detail: row.activity_detail ? (JSON.parse(row.activity_detail) as ActivityDetail) : null,
    };
    const since = row.last_event_at ?? 0;
    for (const rec of records) {
      // An event older than one already applied arrived late (see events/query.ts): it is in
      // the timeline, but replaying it now would move the state backwards.
      if (rec.ts < since) continue;
      const t = transition(state, rec.event, rec.payload, rec.ts);
      if (t.activity !== undefined || t.detail !== undefined) {
        state = { activity: t.activity ?? state.activity, detail: t.detail ?? null };
        patch.activity_at = rec.ts;
      }
      if (t.summary !== undefined) patch.summary = t.summary;
      if (t.done !== undefined) done = t.done;
    }
    patch.activity = state.activity;
    patch.activity_detail = state.detail ? JSON.stringify(state.detail) : null;
  }
  const changed = (Object.keys(patch) as (keyof JobPatch)[]).some(
    (k) => k !== 'activity_at' && patch[k] !== row[k],
  );
  // Every event refreshes last_event_at; only a visible change is announced as job_updated.
  const newest = Math.max(row.last_event_at ?? 0, ...records.map((r) => r.ts));
  const stamp: JobPatch = { last_event_at: newest, ...(changed ? { updated_at: ctx.now() } : {}) };
  // The orchestrator teaches workers the marker and may quote it; it never ends by it.
  if (done !== undefined && row.kind !== 'orchestrator')
    return complete(ctx, row, { ...patch, ...stamp }, done, last.ts);
  ctx.jobs.update(jobId, changed ? { ...patch, ...stamp } : stamp, { quiet: !changed });
  return changed ? 'updated' : undefined;
}

/** The worker said it is done: completed with its summary; its session stays for a look. */
function complete(ctx: EngineContext, row: JobRow, patch: JobPatch, summary: string, at: number) {
  ctx.jobs.update(row.id, {
    ...patch,
    status: 'completed',
    activity: null,
    activity_detail: null,
    summary: summary || patch.summary || row.summary,
    ended_at: at,
  });
  return 'completed' as const;
}
