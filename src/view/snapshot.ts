import type {
  Approval,
  DailyBudget,
  EngineEventName,
  FileConflict,
  HostSummary,
  Job,
  OrchestratorStatus,
  TaskPreview,
  Trigger,
} from '../engine/index.js';

/**
 * The world as the faces show it: one shape and one set of rules for the server's stream (and
 * so the page) and the TUI. The engine is read by each face; how what it read is cut down, and
 * which events make it stale, is decided here once.
 */

/** How much of each list a snapshot carries; the rest is a page away (?offset=). */
export const SNAPSHOT_LIMITS = { jobs: 500, tasks: 500, approvals: 200 } as const;
export type SnapshotLimits = { [K in keyof typeof SNAPSHOT_LIMITS]: number };

/** The state a stream opens with: bounded lists of previews, whatever the store holds. */
export interface Snapshot {
  jobs: Job[];
  /** Prompts cut to a preview: GET /api/queue/tasks/:id has the whole task. */
  tasks: TaskPreview[];
  approvals: Approval[];
  triggers: Trigger[];
  orchestrator: OrchestratorStatus | null;
  /** Open file conflicts between live agents, newest first. */
  conflicts: FileConflict[];
  /** Today's spend against budget.daily_usd (null before the first snapshot). */
  budget: DailyBudget | null;
  /** The hosts sharing a PostgreSQL store (view/hosts.ts); empty for a one-host store. */
  hosts: HostSummary[];
  /**
   * What the lists left out. `jobs`: the newest SNAPSHOT_LIMITS.jobs jobs are here (and every
   * active one); older ones are at /api/jobs?offset=<limit>. `tasks`: the queue's first
   * SNAPSHOT_LIMITS.tasks in its order; the rest at /api/queue/tasks?preview=1&offset=<limit>.
   */
  more: { jobs: number; tasks: number; approvals: number };
  /** The limits themselves: where the next page starts. */
  limits: SnapshotLimits;
}

/** The parts of the world an engine event may change. */
export type WorldPart = 'jobs' | 'tasks' | 'triggers' | 'orchestrator' | 'conflicts';

/**
 * Which parts each event changes. Hook events, notifications, ticks and context warnings
 * change none (a job changes through its job_* events); a job's end or a queue change moves
 * the orchestrator's figures; approvals and fired triggers are the triggers' part.
 */
export const CHANGES: Record<EngineEventName, readonly WorldPart[]> = {
  job_created: ['jobs'],
  job_updated: ['jobs', 'orchestrator'],
  job_completed: ['jobs', 'orchestrator'],
  job_failed: ['jobs', 'orchestrator'],
  job_deleted: ['jobs'],
  hook_event: [],
  queue_updated: ['tasks', 'orchestrator'],
  queue_removed: ['tasks'],
  notification: [],
  approval_updated: ['triggers'],
  trigger_fired: ['triggers'],
  trigger_updated: ['triggers'],
  mode_updated: ['triggers'],
  // Which engine leads the pulse is not part of the world the faces show.
  lease_updated: [],
  orchestrator_status_change: ['orchestrator', 'triggers'],
  orchestrator_context_warn: [],
  pulse_tick: [],
  file_conflict: ['conflicts'],
  leases_updated: ['conflicts'],
};

/** Newest first: the order /api/jobs pages in. */
export const newestFirst = (a: Job, b: Job): number =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** Still going: the engine's isActive, restated here (the page cannot load the engine). */
const active = (j: Job): boolean => j.status === 'pending' || j.status === 'running';

/** What a snapshot is cut from: every job, the queue's first page and its size, the rest. */
export interface SnapshotInput {
  jobs: readonly Job[];
  queue: { tasks: TaskPreview[]; total: number };
  approvals: readonly Approval[];
  triggers: Trigger[];
  orchestrator: OrchestratorStatus | null;
  conflicts: FileConflict[];
  budget: DailyBudget;
  hosts: HostSummary[];
}

export function assembleSnapshot(w: SnapshotInput): Snapshot {
  const jobs = [...w.jobs].sort(newestFirst);
  const keep = jobs.slice(0, SNAPSHOT_LIMITS.jobs);
  // An old job still running stays in view however many newer ones ended.
  keep.push(...jobs.slice(SNAPSHOT_LIMITS.jobs).filter(active));
  return {
    jobs: keep,
    tasks: w.queue.tasks.slice(0, SNAPSHOT_LIMITS.tasks),
    approvals: w.approvals.slice(0, SNAPSHOT_LIMITS.approvals),
    triggers: w.triggers,
    orchestrator: w.orchestrator,
    conflicts: w.conflicts,
    budget: w.budget,
    hosts: w.hosts,
    more: {
      jobs: Math.max(0, jobs.length - SNAPSHOT_LIMITS.jobs),
      tasks: Math.max(0, w.queue.total - Math.min(w.queue.tasks.length, SNAPSHOT_LIMITS.tasks)),
      approvals: Math.max(0, w.approvals.length - SNAPSHOT_LIMITS.approvals),
    },
    limits: SNAPSHOT_LIMITS,
  };
}
