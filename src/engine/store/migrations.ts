/**
 * Versioned schema. Each entry moves the database from version i to i+1 (PRAGMA user_version)
 * inside one transaction. Never edit a shipped entry: append a new one.
 */
export const migrations: readonly string[] = [
  // 1: jobs and the hook-event timeline.
  `
  CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL DEFAULT 'worker',
    backend        TEXT NOT NULL,
    model          TEXT,
    effort         TEXT,
    sandbox        TEXT NOT NULL,
    dir            TEXT NOT NULL,
    prompt_preview TEXT NOT NULL,
    prompt_bytes   INTEGER NOT NULL,
    session_id     TEXT,
    tmux_session   TEXT NOT NULL,
    tmux_socket    TEXT,
    status         TEXT NOT NULL,
    activity       TEXT,
    exit_code      INTEGER,
    error          TEXT,
    argv           TEXT NOT NULL,
    strip_ansi     INTEGER NOT NULL DEFAULT 0,
    files          TEXT NOT NULL DEFAULT '[]',
    summary        TEXT,
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    ended_at       INTEGER,
    updated_at     INTEGER NOT NULL
  );
  CREATE INDEX jobs_status ON jobs(status, created_at);

  CREATE TABLE hook_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    spool_name TEXT NOT NULL UNIQUE,
    job_id     TEXT NOT NULL,
    ts         INTEGER NOT NULL,
    event      TEXT NOT NULL,
    session_id TEXT,
    tool_name  TEXT,
    payload    TEXT NOT NULL
  );
  CREATE INDEX hook_events_job ON hook_events(job_id, seq);

  CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  `,
  // 2: precise state (activity detail, seen), transcript figures, history and retention.
  `
  ALTER TABLE jobs ADD COLUMN activity_detail TEXT;
  ALTER TABLE jobs ADD COLUMN activity_at INTEGER;
  ALTER TABLE jobs ADD COLUMN last_event_at INTEGER;
  ALTER TABLE jobs ADD COLUMN seen_at INTEGER;
  ALTER TABLE jobs ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN cache_creation_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN context_pct INTEGER;
  ALTER TABLE jobs ADD COLUMN tool_calls INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN primary_tool TEXT;
  ALTER TABLE jobs ADD COLUMN files_modified TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE jobs ADD COLUMN messages INTEGER NOT NULL DEFAULT 0;

  -- Where each job's transcript has been read up to (kept apart: jobs rows stay light).
  CREATE TABLE transcripts (
    job_id TEXT PRIMARY KEY,
    state  TEXT NOT NULL
  );

  CREATE TABLE job_history (
    job_id      TEXT PRIMARY KEY,
    status      TEXT NOT NULL,
    ended_at    INTEGER NOT NULL,
    duration_ms INTEGER,
    data        TEXT NOT NULL
  );
  CREATE INDEX job_history_ended ON job_history(ended_at);

  CREATE TABLE daily_metrics (
    day            TEXT PRIMARY KEY,
    jobs_completed INTEGER NOT NULL DEFAULT 0,
    jobs_failed    INTEGER NOT NULL DEFAULT 0,
    jobs_killed    INTEGER NOT NULL DEFAULT 0,
    input_tokens   INTEGER NOT NULL DEFAULT 0,
    output_tokens  INTEGER NOT NULL DEFAULT 0,
    cost_usd       REAL NOT NULL DEFAULT 0,
    files_modified INTEGER NOT NULL DEFAULT 0,
    tool_calls     INTEGER NOT NULL DEFAULT 0,
    events         INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE INDEX hook_events_ts ON hook_events(ts);
  `,
  // 3: the orchestrator's task queue and the audit trail of automated actions.
  `
  CREATE TABLE queue (
    id         TEXT PRIMARY KEY,
    prompt     TEXT NOT NULL,
    priority   INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL,
    result     TEXT,
    error      TEXT,
    job_id     TEXT,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    ended_at   INTEGER
  );
  CREATE INDEX queue_order ON queue(status, priority DESC, created_at);

  CREATE TABLE orchestrator_activity (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    ts     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX orchestrator_activity_ts ON orchestrator_activity(ts);
  `,
  // 4: triggers, the cron slots each fired (exactly once, across engines), approvals.
  `
  CREATE TABLE triggers (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    condition       TEXT NOT NULL,
    action          TEXT NOT NULL,
    payload         TEXT,
    autonomy        TEXT NOT NULL,
    cooldown_s      INTEGER NOT NULL DEFAULT 0,
    enabled         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    checked_at      INTEGER NOT NULL,
    last_fired_at   INTEGER
  );

  CREATE TABLE trigger_fires (
    trigger_id TEXT NOT NULL,
    slot       INTEGER NOT NULL,
    fired_at   INTEGER NOT NULL,
    PRIMARY KEY (trigger_id, slot)
  );

  CREATE TABLE approvals (
    id           TEXT PRIMARY KEY,
    trigger_id   TEXT,
    trigger_name TEXT,
    action       TEXT NOT NULL,
    payload      TEXT,
    reason       TEXT NOT NULL,
    status       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER,
    result       TEXT
  );
  CREATE INDEX approvals_status ON approvals(status, created_at);

  -- One leader at a time (the pulse): whoever holds an unexpired lease.
  CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  // 5: modes, named trigger sets (custom ones; presets live in code).
  `
  CREATE TABLE modes (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT '',
    triggers    TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );
  `,
  // 6: the orchestrator (one row: what it should be and where its supervision stands) and
  // which agent started each job (the orchestrator's workers).
  `
  ALTER TABLE jobs ADD COLUMN parent_id TEXT;
  CREATE TABLE orchestrator (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    desired         TEXT NOT NULL,
    agent           TEXT NOT NULL,
    model           TEXT,
    effort          TEXT,
    dir             TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    respawns        INTEGER NOT NULL DEFAULT 0,
    last_respawn_at INTEGER,
    sent_at         INTEGER NOT NULL DEFAULT 0,
    phase           TEXT NOT NULL DEFAULT 'normal',
    warn_at         INTEGER,
    reported_at     INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 7: the git worktree a job runs in (JSON: repo, path, branch, base commit, base ref).
  `
  ALTER TABLE jobs ADD COLUMN worktree TEXT;
  `,
  // 8: event authenticity. An event that matches no session of its job is kept as an orphan
  // (shown, never applied); each job's launch key lets its own agent announce a new session.
  `
  ALTER TABLE hook_events ADD COLUMN orphan INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN hook_key TEXT;
  `,
  // 9: a job can end more than once (a finished worker talked to again, jobs/reopen.ts):
  // job_history keeps one row per end, not one per job.
  `
  CREATE TABLE job_history_v9 (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      TEXT NOT NULL,
    status      TEXT NOT NULL,
    ended_at    INTEGER NOT NULL,
    duration_ms INTEGER,
    data        TEXT NOT NULL
  );
  INSERT INTO job_history_v9 (job_id, status, ended_at, duration_ms, data)
    SELECT job_id, status, ended_at, duration_ms, data FROM job_history ORDER BY ended_at;
  DROP TABLE job_history;
  ALTER TABLE job_history_v9 RENAME TO job_history;
  CREATE INDEX job_history_ended ON job_history(ended_at);
  CREATE INDEX job_history_job ON job_history(job_id, ended_at);
  `,
  // 10: notify.command. Each notification's episode is claimed once across processes (and a
  // subject's kind at most once per debounce window); approval links are single-use logins,
  // kept only as a hash.
  `
  CREATE TABLE notifications_sent (
    subject TEXT NOT NULL,
    kind    TEXT NOT NULL,
    episode TEXT NOT NULL,
    at      INTEGER NOT NULL,
    sent    INTEGER NOT NULL,
    PRIMARY KEY (subject, kind, episode)
  );
  CREATE INDEX notifications_sent_at ON notifications_sent(subject, kind, at);
  CREATE TABLE login_links (
    hash        TEXT PRIMARY KEY,
    approval_id TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
  );
  `,
  // 11: budgets. A job's own (`start --budget`, or its task's), when it was reached (the
  // interrupt happens once), and a task's budget for the job that takes it.
  `
  ALTER TABLE jobs ADD COLUMN budget_usd REAL;
  ALTER TABLE jobs ADD COLUMN budget_hit_at INTEGER;
  ALTER TABLE queue ADD COLUMN budget_usd REAL;
  `,
  // 12: task dependencies. A task waits for every task it comes after (all done); a failed
  // one blocks it. Rows are only written with their task, so an edge never closes a cycle.
  `
  CREATE TABLE queue_after (
    task_id  TEXT NOT NULL,
    after_id TEXT NOT NULL,
    PRIMARY KEY (task_id, after_id)
  );
  CREATE INDEX queue_after_prereq ON queue_after(after_id);
  `,
  // 13: file leases. The relay's lease directories decide; these rows mirror them (who holds
  // which file) and keep each conflict episode: who was first, how often the second tried.
  `
  CREATE TABLE file_leases (
    dir      TEXT PRIMARY KEY,
    key      TEXT NOT NULL,
    path     TEXT NOT NULL,
    job_id   TEXT NOT NULL,
    mode     TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
  );
  CREATE INDEX file_leases_job ON file_leases(job_id);
  CREATE TABLE file_conflicts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    key      TEXT NOT NULL,
    path     TEXT NOT NULL,
    holder   TEXT NOT NULL,
    job_id   TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    refused  INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX file_conflicts_open ON file_conflicts(key, holder, job_id) WHERE ended_at IS NULL;
  ALTER TABLE jobs ADD COLUMN exclusive_files INTEGER NOT NULL DEFAULT 0;
  `,
  // 14: many hosts (a shared PostgreSQL store has the same). Each job names the host whose
  // engine supervises it; each host's engine says it lives (heartbeat) and how many agents it
  // takes. A SQLite store has one host, but names it all the same.
  `
  ALTER TABLE jobs ADD COLUMN host TEXT;
  CREATE TABLE hosts (
    id           TEXT PRIMARY KEY,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    max_agents   INTEGER,
    pid          INTEGER NOT NULL
  );
  -- A command for the engine of the host that runs the job (send, kill, ...), and its answer.
  CREATE TABLE host_commands (
    id         TEXT PRIMARY KEY,
    host       TEXT NOT NULL,
    job_id     TEXT NOT NULL,
    op         TEXT NOT NULL,
    args       TEXT NOT NULL,
    status     TEXT NOT NULL,
    result     TEXT,
    error      TEXT,
    created_at INTEGER NOT NULL,
    done_at    INTEGER
  );
  CREATE INDEX host_commands_pending ON host_commands(host, status);
  `,
];
