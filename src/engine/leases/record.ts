import type { EngineContext } from '../context.js';
import { announce } from '../notify/notifier.js';
import { isActive } from '../store/job-types.js';
import type { FileConflict, LeaseVerdict } from '../store/lease-types.js';
import { releaseLeases } from './release.js';

/** One job's verdicts from one relayed PreToolUse, as ingestion hands them over. */
export interface RelayedVerdicts {
  jobId: string;
  ts: number;
  verdicts: LeaseVerdict[];
}

/**
 * Mirror the relay's lease decisions into the store, inside ingestion's unit of work. A
 * "conflict" with a holder that is no longer a live job is a lease its end left behind (no
 * engine was running to release it): it is cleared, not reported. Returns the conflicts that
 * opened, to be announced once the unit commits.
 */
export function recordVerdicts(
  ctx: EngineContext,
  batch: readonly RelayedVerdicts[],
): FileConflict[] {
  const opened: FileConflict[] = [];
  const stale: { dir: string; jobId: string }[] = [];
  for (const { jobId, ts, verdicts } of batch) {
    for (const v of verdicts) {
      if (v.outcome === 'conflict' || v.outcome === 'denied') {
        // Unknown: the owner line was being written (or was tampered with); nothing to say.
        if (v.holder === 'unknown') continue;
        const holder = ctx.jobs.get(v.holder);
        if (!holder || !isActive(holder.status)) {
          stale.push({ dir: v.dir, jobId: v.holder });
          continue;
        }
      }
      const c = ctx.store.fileLeases.record(jobId, v, ts);
      if (c) opened.push(c);
    }
  }
  // A directory is removed only while it still names that holder: never a lease taken since.
  releaseLeases(ctx, stale);
  return opened;
}

/** Tell people: the `notification` event for this engine's faces, and notify.command. */
export function announceConflicts(ctx: EngineContext, opened: readonly FileConflict[]): void {
  for (const c of opened) {
    announce(ctx, {
      subject: `conflict:${c.id}`,
      kind: 'file_conflict',
      episode: String(c.id),
      note: {
        kind: 'file_conflict',
        title: `file conflict: ${c.path}`,
        message:
          c.refused > 0
            ? `job ${c.jobId} was refused: job ${c.holder} holds it (conflicts.mode block)`
            : `job ${c.jobId} is editing a file job ${c.holder} edited first`,
        job: c.jobId,
        at: c.firstAt,
      },
    });
  }
}
