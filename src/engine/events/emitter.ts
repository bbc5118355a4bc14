import { EventEmitter } from 'node:events';
import type { Task } from '../store/task-rows.js';
import type { Job } from '../store/job-types.js';
import type { FileConflict } from '../store/lease-types.js';

export interface HookEventRecord {
  seq: number;
  jobId: string;
  ts: number;
  event: string;
  sessionId: string | null;
  toolName: string | null;
  payload: Record<string, unknown>;
  /**
   * Set (true) only on a stored event that matched no session of its job (events/authentic.ts):
   * shown in the timeline, never applied; live `hook_event` listeners never receive one.
   */
  orphan?: boolean;
}

/** The engine's typed events, named as in the guide; every face subscribes to these. */
export interface EngineEventMap {
  job_created: Job;
  job_updated: Job;
  job_completed: Job;
  job_failed: Job;
  job_deleted: { id: string };
  hook_event: HookEventRecord;
  /** A task was added, handed out, reported or removed. */
  queue_updated: Task;
  queue_removed: { id: string };
  /** A notify action (or anything else worth a human's attention). */
  notification: { title: string; message: string; at: string };
  /** A trigger or approval created, decided or fired. */
  approval_updated: { id: string; status: string };
  trigger_fired: { trigger: string; action: string; outcome: string };
  /** A trigger was added, changed (switched, fired, a cron slot claimed) or removed. */
  trigger_updated: { id: string; change: 'added' | 'updated' | 'removed' };
  /** A custom mode was saved or deleted, or a mode became the active one. */
  mode_updated: { name: string; change: 'added' | 'removed' | 'activated' };
  /** A lease (the pulse's) was taken, renewed or released (holder null). */
  lease_updated: { name: string; holder: string | null };
  /** The orchestrator started, stopped, was respawned, cleared or given work. */
  orchestrator_status_change: { status: string; reason: string };
  /** The orchestrator's context passed the warning threshold: it was asked to save its state. */
  orchestrator_context_warn: { pct: number };
  /** The pulse leader finished a tick (cron, thresholds). */
  pulse_tick: { at: string; leader: boolean };
  /** A second live job went to edit a file another job holds (a new episode). */
  file_conflict: FileConflict;
  /** A job's file leases or conflicts changed (taken, released, an attempt counted). */
  leases_updated: { jobId: string };
}

export type EngineEventName = keyof EngineEventMap;

/** Every engine event, by name (a face that forwards them all: the server's SSE feed). */
export const ENGINE_EVENTS = Object.keys({
  job_created: 1,
  job_updated: 1,
  job_completed: 1,
  job_failed: 1,
  job_deleted: 1,
  hook_event: 1,
  queue_updated: 1,
  queue_removed: 1,
  notification: 1,
  approval_updated: 1,
  trigger_fired: 1,
  trigger_updated: 1,
  mode_updated: 1,
  lease_updated: 1,
  orchestrator_status_change: 1,
  orchestrator_context_warn: 1,
  pulse_tick: 1,
  file_conflict: 1,
  leases_updated: 1,
} satisfies Record<EngineEventName, 1>) as EngineEventName[];

export class EngineEvents {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  on<K extends EngineEventName>(name: K, fn: (data: EngineEventMap[K]) => void): () => void {
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }

  emit<K extends EngineEventName>(name: K, data: EngineEventMap[K]): void {
    this.emitter.emit(name, data);
  }
}
