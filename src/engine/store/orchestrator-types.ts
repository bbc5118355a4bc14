export type Phase = 'normal' | 'warned' | 'clearing';

/**
 * What the orchestrator should be (running or stopped, launched how) and where its supervision
 * stands. One record in the store, so every process (the pulse leader, a CLI `inject`) shares it.
 */
export interface OrchestratorRecord {
  desired: 'running' | 'stopped';
  agent: string;
  model: string | null;
  effort: string | null;
  dir: string;
  started_at: number;
  respawns: number;
  last_respawn_at: number | null;
  /** When cc-agent last typed to it: its turn has ended only if it went idle after this. */
  sent_at: number;
  phase: Phase;
  /** When it was asked to save its state (phase `warned`). */
  warn_at: number | null;
  /** Workers that ended up to here have been reported to it. */
  reported_at: number;
}

/** A worker that ended, or stopped to wait on someone, since it was last reported. */
export interface WorkerReport {
  id: string;
  status: string;
  activity: string | null;
  summary: string | null;
  /** When that happened (epoch ms). */
  at: number;
}

/**
 * The orchestrator's record, and what its supervision asks of the jobs it started. A write
 * that changes what the faces show of it (desired state, phase, respawns) announces
 * orchestrator_status_change with the writer's reason (or one naming the change).
 */
export interface OrchestratorRepo {
  get(): OrchestratorRecord | undefined;
  put(rec: OrchestratorRecord, reason: string): void;
  patch(patch: Partial<OrchestratorRecord>, reason?: string): void;
  /** Workers of `parentId` to report since `since`, oldest first. */
  workersToReport(parentId: string, since: number): WorkerReport[];
  /** Ids of `parentId`'s workers still pending or running, oldest first. */
  activeWorkers(parentId: string): string[];
}
