import { analytics, type Analytics } from './analytics.js';
import type { EngineContext } from './context.js';
import { EngineEvents } from './events/emitter.js';
import type { Paths } from './paths.js';
import { ingestSpool, type IngestResult } from './events/ingest.js';
import { changeWatcher, refresh } from './refresh.js';
import { sessionReport, type SessionReport } from './jobs/session-report.js';
import { settings } from './settings.js';
import { todayBudget } from './budget/daily.js';
import type { DailyBudget } from './budget/rules.js';
import type { HookEventRecord } from './events/emitter.js';
import { startLiveEngine, type LiveEngine, type LiveOptions } from './live-engine.js';
import { createContext, type EngineOptions } from './create-context.js';
import {
  attachCommand,
  paneSize,
  peekJob,
  resizePane,
  switchTo,
  terminalInput,
  type AttachCommand,
} from './jobs/terminal-ops.js';
import { queryEvents, type EventQuery } from './events/query.js';
import { health, type HealthReport } from './health.js';
import { captureJob, jobOutput } from './jobs/capture.js';
import { killEnded, killJob, type KillResult } from './jobs/kill.js';
import { findJob } from './jobs/lookup.js';
import { resumeAll, resumeJob, type ResumeAllResult } from './jobs/resume.js';
import { cleanJobs, deleteJob, type CleanResult } from './jobs/remove.js';
import {
  answerDialog,
  clearJob,
  reuseJob,
  sendToJob,
  validMessage,
  usageOf,
  type DialogAnswer,
} from './jobs/session-ops.js';
import { planStart, startJob, type LaunchPlan, type StartOptions } from './jobs/start.js';
import { watchJob } from './jobs/watch.js';
import { splitApi, type SplitApi } from './jobs/split.js';
import { conflictsApi, type ConflictsApi } from './leases/api.js';
import { insights, type KindInsight } from './insights/insights.js';
import { queueApi, type QueueApi } from './queue/queue.js';
import { orchestratorApi, type OrchestratorApi } from './orchestrator/api.js';
import { triggersApi, type TriggersApi } from './triggers/api.js';
import { worktreesApi, type WorktreesApi } from './worktrees/api.js';
import { hostsApi, type HostsApi } from './hosts/api.js';
import { onHost } from './hosts/remote.js';
import { pulseStatus, type PulseStatus } from './triggers/pulse-status.js';
import { pulseWork, type PulseWork } from './triggers/pulse-work.js';
import { markSeen } from './state/screen-check.js';
import type { Job, JobStatus } from './store/job-types.js';
import { toJob } from './store/jobs-repo.js';

/**
 * The engine: the one owner of cc-agent's truth. Faces (CLI, TUI, server) call these methods
 * and subscribe to `events`; none keeps its own copy of the jobs.
 */
export type { EngineOptions, LiveEngine, LiveOptions, SessionReport };

export class Engine {
  readonly events: EngineEvents;
  readonly paths: Paths;
  /** The orchestrator's task queue (queue/queue.ts). */
  readonly queue: QueueApi;
  /** Triggers, approvals and the audit trail (triggers/api.ts). */
  readonly triggers: TriggersApi;
  /** The orchestrator agent and its supervision (orchestrator/api.ts). */
  readonly orchestrator: OrchestratorApi;
  /** Worktree agents' branch state, diff and merge (worktrees/api.ts). */
  readonly worktrees: WorktreesApi;
  /** Agents side by side in a tmux window of read-only panes (jobs/split.ts). */
  readonly split: SplitApi;
  /** File leases, conflicts between agents, predicted merge conflicts (leases/api.ts). */
  readonly conflicts: ConflictsApi;
  /** The hosts sharing a PostgreSQL store, their heartbeats and capacity (hosts/). */
  readonly hosts: HostsApi;
  private readonly ctx: EngineContext;

  constructor(options: EngineOptions = {}) {
    const ctx = createContext(options);
    this.ctx = ctx;
    this.queue = queueApi(ctx);
    this.triggers = triggersApi(ctx);
    this.orchestrator = orchestratorApi(ctx);
    this.worktrees = worktreesApi(ctx);
    this.split = splitApi(ctx);
    this.conflicts = conflictsApi(ctx);
    this.hosts = hostsApi(ctx);
    this.events = ctx.events;
    this.paths = ctx.paths;
  }

  /**
   * Catch up with the world: hook events, retention, task timeouts, agents' processes. Reads
   * never do this: a one-shot face calls it first; `live()` does it on its schedule.
   */
  refresh(): Promise<IngestResult> {
    return refresh(this.ctx);
  }

  /** Only move relayed hook events from the spool into the store (no tmux, no housekeeping). */
  ingest(): IngestResult {
    return ingestSpool(this.ctx);
  }

  /** Keep the store live (file-watch ingestion) for a long-running face; see live-engine.ts. */
  live(options: LiveOptions = {}): Promise<LiveEngine> {
    return startLiveEngine(this.ctx, options);
  }

  /** The hook-event timeline as stored (a read: nothing is ingested). */
  timeline(query: EventQuery = {}): HookEventRecord[] {
    const jobId = query.jobId === undefined ? undefined : findJob(this.ctx, query.jobId).id;
    return queryEvents(this.ctx, { ...query, jobId });
  }

  /** A job with what its transcript says: tools by name, messages, tokens, files. */
  async session(id: string): Promise<SessionReport> {
    return sessionReport(this.ctx, id);
  }

  /** Today's spend against `budget.daily_usd` (a read: what faces show in their header). */
  dailyBudget(): DailyBudget {
    return todayBudget(this.ctx);
  }

  /** Retention, notify and other settings: all of them with their values (null: unset), or set one. */
  settings(set?: { key: string; value: string }): Record<string, number | string | null> {
    return settings(this.ctx, set);
  }

  /** Tokens and cost per day, job durations, tool usage: for the Analytics panel. */
  analytics(days?: number): Analytics {
    return analytics(this.ctx, days);
  }

  /** Per kind of task: success, time, tokens and cost by model and effort (insights/). */
  insights(): KindInsight[] {
    return insights(this.ctx);
  }

  /** Is a detached pulse running, and who leads the pulse now. */
  pulseStatus(): PulseStatus {
    return pulseStatus(this.ctx);
  }

  /** What a pulse leader has to move on: the orchestrator, enabled triggers, queued tasks. */
  pulseWork(): PulseWork {
    return pulseWork(this.ctx);
  }

  /** The user looked at a job: a finished turn nobody had seen becomes idle. */
  seen(id: string): void {
    markSeen(this.ctx, findJob(this.ctx, id).id);
  }

  /** What `start` would do, without doing it (and without needing the agent CLI installed). */
  plan(options: StartOptions): Promise<LaunchPlan> {
    return planStart(this.ctx, options, 'dry-run', false);
  }

  start(options: StartOptions): Promise<Job> {
    return startJob(this.ctx, options);
  }

  /** The jobs as the store has them now (no tmux call); the same as `list()`, synchronously. */
  jobsNow(): Job[] {
    return this.ctx.jobs.list(undefined, 'all').map(toJob);
  }

  /** Did another process commit since the last call? (a live face reloads on yes) */
  changeWatcher(): () => boolean {
    return changeWatcher(this.ctx);
  }

  /** The jobs as stored (a read: `refresh()` first for fresh ones). */
  async list(statuses?: readonly JobStatus[]): Promise<Job[]> {
    return this.ctx.jobs.list(statuses, 'all').map(toJob);
  }

  /** A job by id or unique prefix, as stored (a read: `refresh()` first for a fresh one). */
  async get(id: string): Promise<Job> {
    return toJob(findJob(this.ctx, id));
  }

  send(id: string, text: string): Promise<void> {
    const t = validMessage(text);
    return onHost(this.ctx, id, 'send', [t], () => sendToJob(this.ctx, id, t));
  }

  capture(id: string, lines: number, options?: { ansi?: boolean }): Promise<string> {
    const args = [lines, options?.ansi === true];
    return onHost(this.ctx, id, 'capture', args, () => captureJob(this.ctx, id, lines, options));
  }

  output(id: string, options?: { stripAnsi?: boolean }): string {
    return jobOutput(this.ctx, id, options);
  }

  watch(id: string, onData: (text: string) => void, signal?: AbortSignal): Promise<Job> {
    return watchJob(this.ctx, id, onData, { signal });
  }

  kill(id: string): Promise<KillResult> {
    return onHost(this.ctx, id, 'kill', [], () => killJob(this.ctx, id));
  }

  killEnded(): Promise<string[]> {
    return killEnded(this.ctx);
  }

  /** Refuses a worktree holding unmerged work unless `force`. */
  delete(id: string, options?: { force?: boolean }): Promise<string> {
    return deleteJob(this.ctx, id, options);
  }

  /** Keeps (and reports) jobs whose worktree holds unmerged work unless `force`. */
  clean(olderThanMs: number, options?: { force?: boolean }): Promise<CleanResult> {
    return cleanJobs(this.ctx, olderThanMs, options);
  }

  /** Relaunch a job whose tmux session is gone on its own agent session (jobs/resume.ts). */
  resume(id: string): Promise<Job> {
    return onHost(this.ctx, id, 'resume', [], () => resumeJob(this.ctx, id));
  }

  /** Every job cut off rather than ended, relaunched (after a reboot). */
  resumeAll(): Promise<ResumeAllResult> {
    return resumeAll(this.ctx);
  }

  clear(id: string): Promise<string | null> {
    return onHost(this.ctx, id, 'clear', [], () => clearJob(this.ctx, id));
  }

  /** Answer a folder-trust or permission question the agent is showing. */
  answer(id: string, answer: DialogAnswer): Promise<'trust' | 'permission'> {
    return onHost(this.ctx, id, 'answer', [answer], () => answerDialog(this.ctx, id, answer));
  }

  usage(id: string): Promise<string> {
    return usageOf(this.ctx, id);
  }

  reuse(id: string, prompt: string): Promise<void> {
    return reuseJob(this.ctx, id, prompt);
  }

  health(): Promise<HealthReport> {
    return health(this.ctx);
  }

  /** The tmux argv that reaches a job's session (for `attach`), and whether we are inside tmux. */
  attachCommand(id: string): AttachCommand {
    return attachCommand(this.ctx, id);
  }

  /** The argv that reaches the agents' tmux server (`tmux -L <socket> …`), for a face to exec. */
  tmuxArgv(...args: string[]): string[] {
    return this.ctx.tmux(this.ctx.defaultSocket).commandLine(...args);
  }

  switchTo(id: string): Promise<void> {
    return switchTo(this.ctx, id);
  }

  /** Keystrokes from a terminal (a browser's xterm.js), byte-exact, to a live job. */
  input(id: string, data: string): Promise<void> {
    return onHost(this.ctx, id, 'input', [data], () => terminalInput(this.ctx, id, data));
  }

  /** The size a live job's pane has (what its output was drawn for), or null. */
  paneSize(id: string): Promise<{ cols: number; rows: number } | null> {
    return onHost(this.ctx, id, 'size', [], () => paneSize(this.ctx, id));
  }

  /** Resize a live job's window (cols 20–500, rows 5–200). */
  resize(id: string, cols: number, rows: number): Promise<void> {
    const size = [cols, rows];
    return onHost(this.ctx, id, 'resize', size, () => resizePane(this.ctx, id, cols, rows));
  }

  /** Peek at a job's session in a read-only tmux popup over the current client. */
  peek(id: string): Promise<void> {
    return peekJob(this.ctx, id);
  }

  close(): void {
    this.ctx.store.close();
  }
}

export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}
