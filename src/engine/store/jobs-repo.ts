import type { Db } from './db.js';
import type {
  Activity,
  ActivityDetail,
  BackendName,
  Effort,
  Job,
  JobStatus,
  Sandbox,
  Worktree,
} from './job-types.js';

/** The columns a new job is inserted with. Times are epoch milliseconds. */
export interface NewJobRow {
  id: string;
  kind: 'worker' | 'orchestrator';
  backend: BackendName;
  model: string | null;
  effort: Effort | null;
  sandbox: Sandbox;
  dir: string;
  prompt_preview: string;
  prompt_bytes: number;
  session_id: string | null;
  tmux_session: string;
  tmux_socket: string | null;
  status: JobStatus;
  activity: Activity | null;
  exit_code: number | null;
  error: string | null;
  argv: string;
  strip_ansi: number;
  files: string;
  summary: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  updated_at: number;
  /** The agent that started this one (the orchestrator's workers name `orch`). */
  parent_id?: string | null;
  /** JSON Worktree: the git worktree the agent runs in (`start --worktree`). */
  worktree?: string | null;
  /**
   * Secret handed only to this job's pane (CC_AGENT_HOOK_KEY): a SessionStart relayed with it
   * may announce the job's new session (events/authentic.ts). Never shown by any face.
   */
  hook_key?: string | null;
  /** USD this job may spend before it is interrupted (`start --budget`). */
  budget_usd?: number | null;
  /** 1: its file leases refuse other agents, and it is refused (`start --exclusive-files`). */
  exclusive_files?: number;
  /** The host whose engine supervises it (set by the repository: CC_AGENT_HOST_ID). */
  host?: string | null;
}

/** A jobs row as stored: the launch columns plus what hooks and transcripts settle later. */
export interface JobRow extends NewJobRow {
  /** JSON ActivityDetail. */
  activity_detail: string | null;
  activity_at: number | null;
  last_event_at: number | null;
  seen_at: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  cost_usd: number;
  context_pct: number | null;
  tool_calls: number;
  primary_tool: string | null;
  /** JSON string[]. */
  files_modified: string;
  messages: number;
  /** When its cost reached budget_usd and it was interrupted (once). */
  budget_hit_at: number | null;
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'created_at'>>;

/** Epoch ms as stored → ISO text as shown to every face. */
export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

export function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    parentId: r.parent_id ?? null,
    host: r.host ?? null,
    worktree: r.worktree ? (JSON.parse(r.worktree) as Worktree) : null,
    backend: r.backend,
    model: r.model,
    effort: r.effort,
    sandbox: r.sandbox,
    dir: r.dir,
    promptPreview: r.prompt_preview,
    promptBytes: r.prompt_bytes,
    sessionId: r.session_id,
    tmuxSession: r.tmux_session,
    tmuxSocket: r.tmux_socket,
    status: r.status,
    activity: r.activity,
    activityDetail: r.activity_detail ? (JSON.parse(r.activity_detail) as ActivityDetail) : null,
    lastEventAt: iso(r.last_event_at),
    seenAt: iso(r.seen_at),
    tokens: {
      input: r.input_tokens,
      output: r.output_tokens,
      cacheRead: r.cache_read_tokens,
      cacheCreation: r.cache_creation_tokens,
    },
    costUsd: Math.round(r.cost_usd * 1e6) / 1e6,
    contextPct: r.context_pct,
    toolCalls: r.tool_calls,
    primaryTool: r.primary_tool,
    filesModified: JSON.parse(r.files_modified) as string[],
    messages: r.messages,
    budgetUsd: r.budget_usd ?? null,
    budgetReachedAt: iso(r.budget_hit_at ?? null),
    exitCode: r.exit_code,
    error: r.error,
    argv: JSON.parse(r.argv) as string[],
    stripAnsi: r.strip_ansi === 1,
    files: JSON.parse(r.files) as string[],
    summary: r.summary,
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    updatedAt: iso(r.updated_at) as string,
  };
}

/** Sort order the guide asks for: running > pending > failed > killed > completed, newest first. */
const ORDER = `CASE status WHEN 'running' THEN 0 WHEN 'pending' THEN 1 WHEN 'failed' THEN 2
  WHEN 'killed' THEN 3 ELSE 4 END, created_at DESC`;

/** What a write did to a job's row: told to the repo's `onWrite` after each one. */
export type JobWrite = 'inserted' | 'updated' | 'deleted';

/**
 * Which host this repository writes for. `shared`: the store is many hosts' (PostgreSQL), so
 * what an engine supervises (lists of active jobs, budgets, limits) is its own host's jobs
 * alone; a SQLite store is one host's whatever its jobs say (a renamed laptop keeps its jobs).
 */
export interface HostScope {
  id: string;
  shared: boolean;
}

/** 'here': the jobs this host's engine supervises; 'all': every host's (what faces show). */
export type JobScope = 'here' | 'all';

export class JobsRepo {
  /**
   * `onWrite` hears of every row this repo inserts, changes or deletes, so the engine can
   * announce each one to the faces whether or not the writer remembered to (engine.ts).
   */
  constructor(
    private readonly db: Db,
    private readonly onWrite: (id: string, how: JobWrite) => void = () => undefined,
    readonly host: HostScope = { id: 'local', shared: false },
  ) {}

  /** Throws SqliteError SQLITE_CONSTRAINT_PRIMARYKEY on an id collision; callers retry. */
  insert(row: NewJobRow): void {
    const full = { ...row, host: this.host.id };
    const cols = Object.keys(full);
    this.db
      .prepare(
        `INSERT INTO jobs (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`,
      )
      .run(full);
    this.onWrite(row.id, 'inserted');
  }

  /** Whether `row` is another host's job (its engine, not this one, acts on it). */
  elsewhere(row: Pick<JobRow, 'host'>): boolean {
    return this.host.shared && (row.host ?? this.host.id) !== this.host.id;
  }

  /** `AND host = ?` and its value, when this repository supervises only its host's jobs. */
  private mine(scope: JobScope): { sql: string; args: string[] } {
    return this.host.shared && scope === 'here'
      ? { sql: ' AND host = ?', args: [this.host.id] }
      : { sql: '', args: [] };
  }

  get(id: string): JobRow | undefined {
    return this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  /** Up to `limit` jobs whose id starts with `prefix` (hex only: no LIKE wildcards). */
  withPrefix(prefix: string, limit: number): JobRow[] {
    return this.db
      .prepare("SELECT * FROM jobs WHERE id LIKE ? || '%' LIMIT ?")
      .all(prefix, limit) as JobRow[];
  }

  /** By `statuses` (all when none); `here` (the default): what this host's engine supervises. */
  list(statuses?: readonly JobStatus[], scope: JobScope = 'here'): JobRow[] {
    const m = this.mine(scope);
    const marks = (statuses ?? []).map(() => '?').join(',');
    const where = statuses ? `status IN (${marks})${m.sql}` : `1 = 1${m.sql}`;
    return this.db
      .prepare(`SELECT * FROM jobs WHERE ${where} ORDER BY ${ORDER}`)
      .all(...(statuses ?? []), ...m.args) as JobRow[];
  }

  /**
   * `quiet`: a change no face shows (the newest event's time alone), not announced. Forgetting
   * it costs one needless announcement; forgetting an announcement would leave a face stale.
   */
  update(id: string, patch: JobPatch, options: { quiet?: boolean } = {}): void {
    const cols = Object.keys(patch);
    if (cols.length === 0) return;
    const r = this.db
      .prepare(`UPDATE jobs SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
      .run({ ...patch, id });
    if (r.changes > 0 && !options.quiet) this.onWrite(id, 'updated');
  }

  /**
   * Move an active job to its final status; false when it had ended already (a job ends once,
   * whichever process sees it first).
   */
  finish(
    id: string,
    end: {
      status: JobStatus;
      exitCode: number | null;
      error: string | null;
      at: number;
      now: number;
    },
  ): boolean {
    const r = this.db
      .prepare(
        `UPDATE jobs SET status = ?, activity = NULL, exit_code = ?, error = ?, ended_at = ?, updated_at = ?
         WHERE id = ? AND status IN ('pending', 'running')`,
      )
      .run(end.status, end.exitCode, end.error, end.at, end.now, id);
    if (r.changes > 0) this.onWrite(id, 'updated');
    return r.changes > 0;
  }

  /**
   * Move an ended job back to running, at its prompt; false when it was not ended (two faces
   * reopening it together do it once).
   */
  reopen(id: string, now: number): boolean {
    const r = this.db
      .prepare(
        `UPDATE jobs SET status = 'running', activity = 'idle', activity_detail = NULL,
           activity_at = ?, exit_code = NULL, error = NULL, ended_at = NULL, updated_at = ?
         WHERE id = ? AND status IN ('completed', 'failed', 'killed')`,
      )
      .run(now, now, id);
    if (r.changes > 0) this.onWrite(id, 'updated');
    return r.changes > 0;
  }

  /** Active jobs whose cost reached their budget and that were not stopped for it yet. */
  overBudget(): JobRow[] {
    const m = this.mine('here');
    return this.db
      .prepare(
        `SELECT * FROM jobs WHERE status IN ('pending', 'running') AND budget_usd IS NOT NULL
           AND budget_hit_at IS NULL AND cost_usd >= budget_usd${m.sql}`,
      )
      .all(...m.args) as JobRow[];
  }

  /**
   * Claim a job's budget stop: true for exactly one caller, across processes (a job is stopped
   * for its budget once).
   */
  markBudgetReached(id: string, error: string, now: number): boolean {
    const r = this.db
      .prepare(
        `UPDATE jobs SET budget_hit_at = ?, error = ?, updated_at = ?
         WHERE id = ? AND budget_hit_at IS NULL`,
      )
      .run(now, error, now, id);
    if (r.changes > 0) this.onWrite(id, 'updated');
    return r.changes > 0;
  }

  /** Running jobs paused at a usage limit (activity rate_limited). */
  rateLimited(): JobRow[] {
    const m = this.mine('here');
    return this.db
      .prepare(`SELECT * FROM jobs WHERE status = 'running' AND activity = 'rate_limited'${m.sql}`)
      .all(...m.args) as JobRow[];
  }

  /**
   * Claim a rate-limited job's resumption: true for exactly one caller across processes (it is
   * told to continue once per limit), and the job shows as working again.
   */
  claimLimitResume(id: string, now: number): boolean {
    const r = this.db
      .prepare(
        `UPDATE jobs SET activity = 'working', activity_detail = NULL, activity_at = ?,
           updated_at = ? WHERE id = ? AND activity = 'rate_limited'`,
      )
      .run(now, now, id);
    if (r.changes > 0) this.onWrite(id, 'updated');
    return r.changes > 0;
  }

  delete(id: string): void {
    const r = this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
    if (r.changes > 0) this.onWrite(id, 'deleted');
  }
}
