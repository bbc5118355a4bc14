import type { HookEventRecord } from '../events/emitter.js';
import type { ReaderState } from '../transcripts/index.js';
import type { AnalyticsReads } from './analytics-reads.js';
import type { AutomationStore } from './automation-store.js';
import type { SpendRepo } from './daily-spend.js';
import type { FileLeasesRepo } from './file-leases-repo.js';
import type { HostsRepo } from './hosts-repo.js';
import type { OrchestratorRepo } from './orchestrator-types.js';
import type { TaskPage, TaskPageOptions } from './task-pages.js';
import type { Task, TaskStatus } from './task-rows.js';

/*
 * The store's repositories as the engine sees them: domain values in and out, nothing of
 * SQLite (no rows with its column types, no statements, no pragmas), and synchronous. The
 * SQLite implementations live beside them (sqlite-*.ts); another dialect implements these.
 * Every write announces itself on the engine's events (once its unit of work commits), so no
 * caller has to remember to.
 */

/** The orchestrator's task queue. Writes announce queue_updated / queue_removed. */
export interface QueueRepo {
  /**
   * False when the id is taken (the caller draws another). `after`: the tasks it waits for,
   * written with it (the caller checks they exist and close no cycle).
   */
  insert(task: {
    id: string;
    prompt: string;
    priority: number;
    createdAt: number;
    budgetUsd?: number | null;
    after?: readonly string[];
  }): boolean;
  get(id: string): Task | undefined;
  list(status?: TaskStatus): Task[];
  /** One page, prompts cut to previews by the store itself (task-pages.ts). */
  page(options?: TaskPageOptions): TaskPage;
  /** Pending tasks ready to be handed out, every prerequisite done (the `queue_depth` metric). */
  depth(): number;
  /** False when no such task was there. Its edges go with it; its dependants are re-announced. */
  delete(id: string): boolean;
  /** Every task that comes after `id`, directly or through others. */
  dependants(id: string): Task[];
  /**
   * Atomically hand the next ready task (pending, every prerequisite done; by priority, then
   * age) to `jobId`.
   */
  claimNext(jobId: string, now: number): Task | undefined;
  /** End a pending or running task; undefined when it had ended already. */
  finish(
    id: string,
    end: { status: 'done' | 'failed'; result: string | null; error: string | null; at: number },
  ): Task | undefined;
  /** A failed task back to pending (its dependants unblock); undefined when it had not failed. */
  retry(id: string): Task | undefined;
  /** A running task's agent, once it exists (it was claimed under a placeholder). */
  assign(id: string, jobId: string): void;
  /** Every task `jobId` holds goes back to pending; their ids. */
  release(jobId: string): string[];
  /** Running tasks handed out before `before`. */
  runningSince(before: number): string[];
  /** The newest tasks `jobId` ended (done or failed), newest first. */
  endedBy(jobId: string, limit: number): Task[];
}

/** One relayed hook event as ingestion stores it: the record to be, and its spool file. */
export type NewHookEvent = Omit<HookEventRecord, 'seq' | 'orphan'> & {
  spoolName: string;
  /** It matched no session of its job: kept for inspection, never applied nor announced. */
  orphan: boolean;
};

export interface EventQuery {
  jobId?: string;
  /** Only events at or after this instant (epoch ms). */
  since?: number;
  /** Only events stored after this sequence number (for paging and resuming). */
  afterSeq?: number;
  /** The newest N (default 200), returned oldest first. */
  limit?: number;
}

/** The spool's running tallies. */
export type SpoolCounter = 'spool_quarantined' | 'orphan_events';

/** Hook events. An insert of a job's own (not orphan) event announces hook_event. */
export interface HookEventsRepo {
  /** Its seq, or undefined when that spool entry was stored before (a crash re-reads it). */
  insert(e: NewHookEvent): number | undefined;
  /** The timeline, filtered, in the order events happened (the spool names' order). */
  query(q?: EventQuery): HookEventRecord[];
  /** The newest seq of a job's own events (0: none). */
  lastSeq(jobId: string): number;
  /** A job's own events after `afterSeq`, in storage order. */
  after(jobId: string, afterSeq: number): HookEventRecord[];
  /** A turn of the job ended (Stop, StopFailure) after `since`. */
  stoppedSince(jobId: string, since: number): boolean;
  deleteForJob(jobId: string): void;
  addToCounter(name: SpoolCounter, n: number): void;
  counter(name: SpoolCounter): number;
}

/** Where each job's transcript reading stands (byte offsets, totals). No face shows it. */
export interface TranscriptsRepo {
  load(jobId: string): ReaderState | undefined;
  save(jobId: string, state: ReaderState): void;
  delete(jobId: string): void;
  /** The transcript path of every running job that has one (of `host` alone, if given). */
  runningPaths(host?: string): Map<string, string>;
}

export interface ActivityEntry {
  seq: number;
  ts: string;
  kind: string;
  detail: Record<string, unknown>;
}

/** The audit trail of what cc-agent did on its own. */
export interface ActivityRepo {
  record(kind: string, detail: Record<string, unknown>, at: number): void;
  /** The newest `limit`, oldest first. */
  list(limit: number): ActivityEntry[];
}

/** What `health` and live faces ask of the store as a whole. */
export interface StoreInfo {
  /** 'ok', or what is damaged. */
  integrity(): string;
  jobCount(): number;
  schemaVersion(): number;
  /** Changes whenever another connection commits: a cheap "did anything change?". */
  dataVersion(): number;
}

/** Kept by a long-lived engine: 'deleted' when the store cannot go on under it. */
export interface StoreGuard {
  check(now: number): 'ok' | 'deleted';
}

export interface Store {
  queue: QueueRepo;
  orchestrator: OrchestratorRepo;
  hookEvents: HookEventsRepo;
  transcripts: TranscriptsRepo;
  activity: ActivityRepo;
  /** What was spent per local day (the daily budget). */
  spend: SpendRepo;
  /** Who holds which file, and the conflicts seen (leases/). */
  fileLeases: FileLeasesRepo;
  /** Triggers, fired slots, approvals, modes and the pulse's lease (automation-store.ts). */
  automation: AutomationStore;
  analytics: AnalyticsReads;
  /** The hosts sharing the store and the commands between their engines (hosts-repo.ts). */
  hosts: HostsRepo;
  info: StoreInfo;
  /**
   * Run `fn` as one unit of work: all its writes or none. Their announcements go out once it
   * commits (none if it throws). `immediate`: take the write lock before the first read.
   */
  atomically<T>(fn: () => T, mode?: 'deferred' | 'immediate'): T;
  guard(): StoreGuard;
  close(): void;
}
