import {
  ENGINE_EVENTS,
  isActive,
  type Approval,
  type Engine,
  type EngineEventName,
  type Job,
  type OrchestratorStatus,
  type TaskPreview,
  type Trigger,
} from '../engine/index.js';

/** How much of each list a snapshot carries; the rest is a page away (?offset=). */
export const SNAPSHOT_LIMITS = { jobs: 500, tasks: 500, approvals: 200 } as const;

/** The state a stream opens with: bounded lists of previews, whatever the store holds. */
export interface Snapshot {
  jobs: Job[];
  tasks: TaskPreview[];
  approvals: Approval[];
  triggers: Trigger[];
  orchestrator: OrchestratorStatus | null;
  /**
   * What the lists left out. `jobs`: the newest SNAPSHOT_LIMITS.jobs jobs are here (and every
   * active one); older ones are at /api/jobs?offset=<limit>. `tasks`: the queue's first
   * SNAPSHOT_LIMITS.tasks in its order; the rest at /api/queue/tasks?preview=1&offset=<limit>.
   */
  more: { jobs: number; tasks: number; approvals: number };
  /** The limits themselves: where the next page starts. */
  limits: typeof SNAPSHOT_LIMITS;
}

/** Engine events that change nothing a snapshot shows (jobs change through job_* events). */
const UNCHANGED: readonly EngineEventName[] = [
  'hook_event',
  'notification',
  'pulse_tick',
  'orchestrator_context_warn',
];

const newestFirst = (a: Job, b: Job): number => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** Every job newest first: the order /api/jobs pages in. */
export const jobsByAge = (engine: Engine): Job[] => engine.jobsNow().sort(newestFirst);

export function buildSnapshot(engine: Engine): Snapshot {
  const jobs = jobsByAge(engine);
  const keep = jobs.slice(0, SNAPSHOT_LIMITS.jobs);
  // An old job still running stays in view however many newer ones ended.
  keep.push(...jobs.slice(SNAPSHOT_LIMITS.jobs).filter((j) => isActive(j.status)));
  const page = engine.queue.page({ limit: SNAPSHOT_LIMITS.tasks });
  const approvals = engine.triggers.approvals();
  return {
    jobs: keep,
    tasks: page.tasks,
    approvals: approvals.slice(0, SNAPSHOT_LIMITS.approvals),
    triggers: engine.triggers.list(),
    orchestrator: engine.orchestrator.peek(),
    more: {
      jobs: Math.max(0, jobs.length - SNAPSHOT_LIMITS.jobs),
      tasks: Math.max(0, page.total - page.tasks.length),
      approvals: Math.max(0, approvals.length - SNAPSHOT_LIMITS.approvals),
    },
    limits: SNAPSHOT_LIMITS,
  };
}

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
  const offs = ENGINE_EVENTS.filter((name) => !UNCHANGED.includes(name)).map((name) =>
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
