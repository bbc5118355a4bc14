import type { EngineContext } from './context.js';
import { ingestSpool, type IngestResult } from './events/ingest.js';
import { reconcile } from './jobs/reconcile.js';
import { expireTasks } from './queue/queue.js';
import { enrichRunning } from './state/enrich.js';
import { checkScreens } from './state/screen-check.js';
import { pruneIfDue } from './store/retention.js';
import { releaseAtTurnEnds, settleEndedJobs } from './leases/release.js';
import { syncLeaseMode } from './leases/mode.js';

/*
 * The engine's writes that no user asked for: catching up with relayed hook events, keeping
 * the store bounded, failing tasks nobody reported, and finding out how each agent's process
 * is. They run on the live engine's schedule (live-engine.ts) or when a face asks
 * (`engine.refresh()`), never as the side effect of a read.
 */

/** Retention (at most hourly, any process) and tasks past their timeout. */
export function housekeeping(ctx: EngineContext): void {
  pruneIfDue(ctx);
  expireTasks(ctx);
}

/** Transcripts written since the last event, pane liveness, then the screens no hook speaks for. */
export async function checkJobs(ctx: EngineContext, options: { panes?: boolean } = {}) {
  enrichRunning(ctx);
  await reconcile(ctx, options);
  // Ended jobs (killed, exited, gone) let go of their files; ended turns, of the clean ones.
  settleEndedJobs(ctx);
  await releaseAtTurnEnds(ctx);
  syncLeaseMode(ctx);
  await checkScreens(ctx);
}

/** Catch up with the world: relayed hook events first, then housekeeping and the jobs. */
export async function refresh(ctx: EngineContext): Promise<IngestResult> {
  const r = ingestSpool(ctx);
  housekeeping(ctx);
  await checkJobs(ctx);
  return r;
}

/**
 * A watcher of other processes' commits (a CLI command, another engine): each call says
 * whether something changed since its last call, without reading a table. Each face gets its
 * own watcher.
 */
export function changeWatcher(ctx: EngineContext): () => boolean {
  let last = ctx.store.info.dataVersion();
  return () => {
    const v = ctx.store.info.dataVersion();
    const changed = v !== last;
    last = v;
    return changed;
  };
}
