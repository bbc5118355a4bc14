import { mkdirSync } from 'node:fs';
import { analytics, type Analytics } from './analytics.js';
import type { EngineContext } from './context.js';
import { CcAgentError } from './errors.js';
import { describeFault } from './faults.js';
import { EngineEvents } from './events/emitter.js';
import { ingestSpool, type IngestResult } from './events/ingest.js';
import type { HookEventRecord } from './events/emitter.js';
import { startLive, type Live } from './events/live.js';
import { queryEvents, type EventQuery } from './events/query.js';
import { health, type HealthReport } from './health.js';
import { captureJob, jobOutput } from './jobs/capture.js';
import { killEnded, killJob, type KillResult } from './jobs/kill.js';
import { jobAnnouncer } from './jobs/announce.js';
import { findJob } from './jobs/lookup.js';
import { reconcile } from './jobs/reconcile.js';
import { reopenJob } from './jobs/reopen.js';
import { resumeAll, resumeJob, type ResumeAllResult } from './jobs/resume.js';
import { cleanJobs, deleteJob, type CleanResult } from './jobs/remove.js';
import {
  answerDialog,
  clearJob,
  liveJob,
  reuseJob,
  sendToJob,
  usageOf,
  type DialogAnswer,
} from './jobs/session-ops.js';
import { planStart, startJob, type LaunchPlan, type StartOptions } from './jobs/start.js';
import { watchJob } from './jobs/watch.js';
import { pathsFor, resolveHome, type Paths } from './paths.js';
import { privateUmask, tightenHome } from './private-home.js';
import { expireTasks, queueApi, type QueueApi } from './queue/queue.js';
import { orchestratorApi, type OrchestratorApi } from './orchestrator/api.js';
import { triggersApi, type TriggersApi } from './triggers/api.js';
import { worktreesApi, type WorktreesApi } from './worktrees/api.js';
import { startPulse } from './triggers/pulse.js';
import { startNotifier } from './notify/notifier.js';
import { peekLoginLink, redeemLoginLink } from './store/login-links.js';
import { pulseStatus, type PulseStatus } from './triggers/pulse-status.js';
import { pulseWork, type PulseWork } from './triggers/pulse-work.js';
import { enrichRunning, transcriptState } from './state/enrich.js';
import {
  getSetting,
  pruneIfDue,
  setSetting,
  SETTINGS,
  type SettingKey,
} from './store/retention.js';
import { checkScreens, markSeen } from './state/screen-check.js';
import { getTextSetting, TEXT_SETTINGS, type TextSettingKey } from './store/text-settings.js';
import { realRunner, type ProcessRunner } from './process/runner.js';
import { openDb } from './store/db.js';
import { walGuard } from './store/wal-state.js';
import type { Job, JobStatus } from './store/job-types.js';
import { JobsRepo, toJob } from './store/jobs-repo.js';
import { Tmux } from './tmux/tmux.js';

export interface SessionReport {
  job: Job;
  transcriptPath: string | null;
  toolCalls: Record<string, number>;
  userMessages: number;
  assistantMessages: number;
  compactions: number;
  model: string | null;
  lastMessage: string | null;
}

/** A live engine (Engine.live): stop it; ask whether it leads the pulse now. */
export interface LiveEngine extends Live {
  leads(): boolean;
}

export interface EngineOptions {
  /** CC_AGENT_HOME; defaults from env, then ~/.cc-agent. */
  home?: string;
  env?: NodeJS.ProcessEnv;
  runner?: ProcessRunner;
  now?: () => number;
}

/**
 * The engine: the one owner of cc-agent's truth. Faces (CLI, TUI, server) call these methods
 * and subscribe to `events`; none keeps its own copy of the jobs.
 */
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
  private readonly ctx: EngineContext;

  constructor(options: EngineOptions = {}) {
    const env = options.env ?? process.env;
    const paths = pathsFor(options.home ?? resolveHome(env));
    privateUmask();
    let db: ReturnType<typeof openDb>;
    try {
      tightenHome(paths.home, paths.db);
      mkdirSync(paths.jobsDir, { recursive: true });
      db = openDb(paths.db);
    } catch (e) {
      // A read-only home, a full disk, a damaged store: one line naming the path, for every face.
      throw describeFault(e, paths.home) ?? e;
    }
    const runner = options.runner ?? realRunner;
    const events = new EngineEvents();
    // Every write to a job is announced, by its writer or, failing that, by the repository.
    const announcer = jobAnnouncer(paths, events, (id) => (db.open ? jobs.get(id) : undefined));
    const jobs = new JobsRepo(db, announcer.onWrite);
    const socket = env['CC_AGENT_TMUX_SOCKET'] || undefined;
    const servers = new Map<string, Tmux>();
    const ctx: EngineContext = {
      paths,
      db,
      jobs,
      runner,
      env,
      events,
      now: options.now ?? Date.now,
      defaultSocket: socket,
      tmux(s) {
        const key = s ?? '';
        let t = servers.get(key);
        if (!t) servers.set(key, (t = new Tmux(runner, s ?? undefined)));
        return t;
      },
      saved: announcer.saved,
    };
    this.ctx = ctx;
    this.queue = queueApi(ctx);
    this.triggers = triggersApi(ctx);
    this.orchestrator = orchestratorApi(ctx, () => this.refresh());
    this.worktrees = worktreesApi(ctx);
    this.events = events;
    this.paths = paths;
  }

  /** Catch up with the world: relayed hook events first, then how each agent's process is. */
  async refresh(): Promise<IngestResult> {
    const r = ingestSpool(this.ctx);
    pruneIfDue(this.ctx);
    expireTasks(this.ctx);
    await this.check();
    return r;
  }

  /** Pane liveness, then the screens no hook can speak for. */
  private async check(options: { panes?: boolean } = {}): Promise<void> {
    enrichRunning(this.ctx);
    await reconcile(this.ctx, options);
    await checkScreens(this.ctx);
  }
  private panesCheckedAt = 0;

  /** Keep the store live (file-watch ingestion) for a long-running face; see events/live.ts. */
  async live(
    options: {
      tickMs?: number;
      /** Pane and screen checks this often (default: every tick). */
      checkMs?: number;
      /** Ask tmux which panes live at most this often (default: on every check). */
      panesMs?: number;
      onError?: (e: unknown) => void;
      /**
       * The store cannot go on under this engine (its write-ahead log was deleted): the face
       * should stop, which writes back what only it holds. Default: onError.
       */
      onFatal?: (e: CcAgentError) => void;
      pulse?: boolean;
    } = {},
  ): Promise<LiveEngine> {
    const onError = options.onError ?? (() => undefined);
    const guard = walGuard(this.ctx.db, this.ctx.paths.db);
    let fatal = false;
    // The pulse (triggers) runs in long-lived engines that ask for it; one leader at a time.
    const pulse = options.pulse ? startPulse(this.ctx, options.tickMs ?? 1000, onError) : undefined;
    // notify.command: the pulse leader sends (notify/notifier.ts), never waiting on it.
    const notifier = pulse ? startNotifier(this.ctx) : undefined;
    const live = await startLive(this.ctx, {
      ...options,
      onError,
      // tmux is asked which panes live only every `panesMs`: exit files (written even when a
      // session is closed under the agent) announce ends at once, so an idle engine spawns no
      // tmux at all; the pane check is the safety net.
      check: () => {
        const due = this.ctx.now() - this.panesCheckedAt >= (options.panesMs ?? 0);
        if (due) this.panesCheckedAt = this.ctx.now();
        return this.check({ panes: due });
      },
      tick: async () => {
        if (fatal) return;
        if (guard.check(this.ctx.now()) === 'deleted') {
          fatal = true;
          const db = this.ctx.paths.db;
          (options.onFatal ?? onError)(
            new CcAgentError(
              'store',
              `the store's write-ahead log ${db}-wal was deleted under this engine: its changes are written back to ${db}; it stops now (start it again)`,
            ),
          );
          return;
        }
        await pulse?.tick();
        if (pulse?.isLeader()) notifier?.tick();
      },
    });
    return {
      leads: () => pulse?.isLeader() ?? false,
      stop: async () => {
        // Releasing the lease needs the store; a broken store must not keep the watchers open.
        try {
          pulse?.stop();
        } catch (e) {
          onError(e);
        }
        await live.stop();
      },
    };
  }

  /** The hook-event timeline (ingesting what is pending first). */
  timeline(query: EventQuery = {}): HookEventRecord[] {
    ingestSpool(this.ctx);
    const jobId = query.jobId === undefined ? undefined : findJob(this.ctx, query.jobId).id;
    return queryEvents(this.ctx, { ...query, jobId });
  }

  /** A job with what its transcript says: tools by name, messages, tokens, files. */
  async session(id: string): Promise<SessionReport> {
    const job = await this.get(id);
    const t = transcriptState(this.ctx, job.id);
    return {
      job,
      transcriptPath: t?.path ?? null,
      toolCalls: t?.stats.toolCalls ?? {},
      userMessages: t?.stats.userMessages ?? 0,
      assistantMessages: t?.stats.assistantMessages ?? 0,
      compactions: t?.stats.compactions ?? 0,
      model: t?.stats.model ?? job.model,
      lastMessage: t?.stats.lastAssistantText ?? null,
    };
  }

  /** Retention, notify and other settings: all of them with their values (null: unset), or set one. */
  settings(set?: { key: string; value: string }): Record<string, number | string | null> {
    if (set) setSetting(this.ctx, set.key, set.value);
    return {
      ...Object.fromEntries(
        (Object.keys(SETTINGS) as SettingKey[]).map((k) => [k, getSetting(this.ctx, k)]),
      ),
      ...Object.fromEntries(
        (Object.keys(TEXT_SETTINGS) as TextSettingKey[]).map((k) => [
          k,
          getTextSetting(this.ctx, k),
        ]),
      ),
    };
  }

  /** Tokens and cost per day, job durations, tool usage: for the Analytics panel. */
  analytics(days?: number): Analytics {
    return analytics(this.ctx, days);
  }

  /** The approval a single-use approval link opens, without using it up; undefined if spent. */
  loginLinkApproval(token: string): string | undefined {
    return peekLoginLink(this.ctx, token);
  }

  /** Use an approval link up (once, ever): the approval it opens, or undefined. */
  redeemLoginLink(token: string): string | undefined {
    return redeemLoginLink(this.ctx, token);
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

  /**
   * The jobs as the store has them now, without a refresh (no tmux call): for a live face
   * whose `live()` keeps the store current.
   */
  jobsNow(): Job[] {
    return this.ctx.jobs.list().map(toJob);
  }

  /**
   * A watcher of other processes' commits (a CLI command, another engine): each call says
   * whether something changed since its last call. SQLite's data_version answers without
   * reading a table; a live face reloads on yes. Each face gets its own watcher.
   */
  changeWatcher(): () => boolean {
    const version = (): number => this.ctx.db.pragma('data_version', { simple: true }) as number;
    let last = version();
    return () => {
      const v = version();
      const changed = v !== last;
      last = v;
      return changed;
    };
  }

  async list(statuses?: readonly JobStatus[]): Promise<Job[]> {
    await this.refresh();
    return this.ctx.jobs.list(statuses).map(toJob);
  }

  async get(id: string): Promise<Job> {
    await this.refresh();
    return toJob(findJob(this.ctx, id));
  }

  send(id: string, text: string): Promise<void> {
    return sendToJob(this.ctx, id, text);
  }

  capture(id: string, lines: number, options?: { ansi?: boolean }): Promise<string> {
    return captureJob(this.ctx, id, lines, options);
  }

  output(id: string, options?: { stripAnsi?: boolean }): string {
    return jobOutput(this.ctx, id, options);
  }

  watch(id: string, onData: (text: string) => void, signal?: AbortSignal): Promise<Job> {
    return watchJob(this.ctx, id, onData, { signal });
  }

  kill(id: string): Promise<KillResult> {
    return killJob(this.ctx, id);
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
    return resumeJob(this.ctx, id);
  }

  /** Every job cut off rather than ended, relaunched (after a reboot). */
  resumeAll(): Promise<ResumeAllResult> {
    return resumeAll(this.ctx);
  }

  clear(id: string): Promise<string | null> {
    return clearJob(this.ctx, id);
  }

  /** Answer a folder-trust or permission question the agent is showing. */
  answer(id: string, answer: DialogAnswer): Promise<'trust' | 'permission'> {
    return answerDialog(this.ctx, id, answer);
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
  attachCommand(id: string): {
    argv: string[];
    switchArgv: string[];
    session: string;
    socket: string | null;
  } {
    const row = findJob(this.ctx, id);
    const tmux = this.ctx.tmux(row.tmux_socket);
    return {
      argv: tmux.commandLine('attach-session', '-t', `=${row.tmux_session}`),
      switchArgv: tmux.commandLine('switch-client', '-t', `=${row.tmux_session}`),
      session: row.tmux_session,
      socket: row.tmux_socket,
    };
  }

  /** The argv that reaches the agents' tmux server (`tmux -L <socket> …`), for a face to exec. */
  tmuxArgv(...args: string[]): string[] {
    return this.ctx.tmux(this.ctx.defaultSocket).commandLine(...args);
  }

  switchTo(id: string): Promise<void> {
    const row = findJob(this.ctx, id);
    return this.ctx.tmux(row.tmux_socket).switchClient(row.tmux_session);
  }

  /** Keystrokes from a terminal (a browser's xterm.js), byte-exact, to a live job. */
  async input(id: string, data: string): Promise<void> {
    // Typing to a finished agent whose session lives is talking to it again: reopened.
    const row = reopenJob(this.ctx, await liveJob(this.ctx, id));
    await this.ctx.tmux(row.tmux_socket).input(row.tmux_session, data);
  }

  /** The size a live job's pane has (what its output was drawn for), or null. */
  async paneSize(id: string): Promise<{ cols: number; rows: number } | null> {
    const row = findJob(this.ctx, id);
    const p = await this.ctx.tmux(row.tmux_socket).paneState(row.tmux_session);
    return p?.cols && p.rows ? { cols: p.cols, rows: p.rows } : null;
  }

  /** Resize a live job's window (cols 20–500, rows 5–200). */
  async resize(id: string, cols: number, rows: number): Promise<void> {
    if (
      !Number.isInteger(cols) ||
      !Number.isInteger(rows) ||
      cols < 20 ||
      cols > 500 ||
      rows < 5 ||
      rows > 200
    ) {
      throw new CcAgentError('bad_input', `invalid terminal size ${cols}x${rows}`);
    }
    const row = await liveJob(this.ctx, id);
    await this.ctx.tmux(row.tmux_socket).resize(row.tmux_session, cols, rows);
  }

  /** Peek at a job's session in a read-only tmux popup over the current client. */
  peek(id: string): Promise<void> {
    const row = findJob(this.ctx, id);
    return this.ctx
      .tmux(row.tmux_socket)
      .peek(row.tmux_session, ` ${row.id} (read-only; prefix + d closes) `);
  }

  close(): void {
    this.ctx.db.close();
  }
}

export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}
