import { ENGINE_EVENTS, type Engine, type Job } from '../engine/index.js';
import { assembleSnapshot, CHANGES, newestFirst, SNAPSHOT_LIMITS } from '../view/snapshot.js';
import type { Snapshot } from '../view/snapshot.js';

export type { Snapshot } from '../view/snapshot.js';
export { SNAPSHOT_LIMITS };

/** Every job newest first: the order /api/jobs pages in. */
export const jobsByAge = (engine: Engine): Job[] => engine.jobsNow().sort(newestFirst);

/** The engine read once, cut down by the shared rules (src/view/snapshot.ts). */
export const buildSnapshot = (engine: Engine): Snapshot =>
  assembleSnapshot({
    jobs: engine.jobsNow(),
    queue: engine.queue.page({ limit: SNAPSHOT_LIMITS.tasks }),
    approvals: engine.triggers.approvals(),
    triggers: engine.triggers.list(),
    orchestrator: engine.orchestrator.peek(),
    conflicts: engine.conflicts.open(),
    budget: engine.dailyBudget(),
    hosts: engine.hosts.shared ? engine.hosts.list() : [],
  });

/**
 * The snapshot as JSON, built once per change and shared by every stream: a thousand
 * connects cost one build. Engine events in this process, a request that may change
 * something, or another process's commit (SQLite's data_version) mark it stale.
 */
export function snapshotCache(engine: Engine) {
  let json: string | undefined;
  let builds = 0;
  const stale = (): void => {
    json = undefined;
  };
  const offs = ENGINE_EVENTS.filter((name) => CHANGES[name].length > 0).map((name) =>
    engine.events.on(name, stale),
  );
  return {
    json(): string {
      if (json === undefined) {
        json = JSON.stringify(buildSnapshot(engine));
        builds++;
      }
      return json;
    },
    stale,
    /** How many times it was built (tests: once per change, not per client). */
    builds: () => builds,
    close: () => offs.forEach((off) => off()),
  };
}
