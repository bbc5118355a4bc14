import type { EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { findJob } from '../jobs/lookup.js';
import type { FileConflict, FileLease } from '../store/lease-types.js';
import type { MergeForecast } from './forecast.js';
import { releaseLeases } from './release.js';
import { forecastNow, lastForecast } from './forecast-cache.js';

/** Everything `cc-agent conflicts` shows. */
export interface ConflictReport {
  /** Open conflicts (every one with `all`), newest first. */
  conflicts: FileConflict[];
  /** Who holds which file now. */
  leases: FileLease[];
  /** Merge conflicts between live worktree agents' branches, predicted (with `forecast`). */
  forecasts: MergeForecast[];
}

/** What `conflicts release` lets go of: one job's leases, one file's, or all. */
export type ReleaseTarget = { job: string } | { file: string } | { all: true };

/** File leases and conflicts (leases/): reads for the faces, and release. */
export interface ConflictsApi {
  /** Open conflicts, newest first (a read: what views mark). */
  open(): FileConflict[];
  /** The merge conflicts the live engine last predicted (a read; empty in a one-shot engine). */
  predicted(): MergeForecast[];
  /** Predict them now (git merge-tree in memory), and keep that as the latest. */
  forecast(): Promise<MergeForecast[]>;
  report(options?: { all?: boolean; forecast?: boolean }): Promise<ConflictReport>;
  /** Let go of leases by hand; how many were released. */
  release(target: ReleaseTarget): number;
}

export function conflictsApi(ctx: EngineContext): ConflictsApi {
  const leases = ctx.store.fileLeases;
  return {
    open: () => leases.conflicts(),
    predicted: () => lastForecast(ctx),
    forecast: () => forecastNow(ctx),
    async report(options = {}) {
      return {
        conflicts: leases.conflicts(options.all ?? false),
        leases: leases.leases(),
        forecasts: options.forecast ? await forecastNow(ctx) : [],
      };
    },
    release(target) {
      if ('all' in target) return releaseLeases(ctx, leases.leases());
      if ('job' in target) return releaseLeases(ctx, leases.leases(findJob(ctx, target.job).id));
      const held = leases.leases().filter((l) => l.path === target.file || l.key === target.file);
      if (held.length === 0) {
        throw new CcAgentError(
          'not_found',
          `no lease on '${target.file}' (see: cc-agent conflicts)`,
        );
      }
      return releaseLeases(ctx, held);
    },
  };
}
