import { CHANGES_CHANNEL } from './protocol.js';

/**
 * The PostgreSQL schema, versioned like SQLite's (../migrations.ts) but its own list: a new
 * database starts from the whole of today's schema. Never edit a shipped entry; append one.
 * Times are epoch milliseconds (BIGINT); flags stay 0/1 integers as in SQLite, so rows read
 * the same from either. Tables whose insertion order is read (SQLite's rowid) get `seq`.
 */
const TABLES = [
  'jobs',
  'hook_events',
  'counters',
  'transcripts',
  'job_history',
  'daily_metrics',
  'settings',
  'queue',
  'queue_after',
  'orchestrator_activity',
  'triggers',
  'trigger_fires',
  'approvals',
  'leases',
  'modes',
  'orchestrator',
  'notifications_sent',
  'login_links',
  'file_leases',
  'file_conflicts',
];

export const pgMigrations: readonly string[] = [
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
    prompt_bytes   BIGINT NOT NULL,
    session_id     TEXT,
    tmux_session   TEXT NOT NULL,
    tmux_socket    TEXT,
    status         TEXT NOT NULL,
    activity       TEXT,
    exit_code      BIGINT,
    error          TEXT,
    argv           TEXT NOT NULL,
    strip_ansi     BIGINT NOT NULL DEFAULT 0,
    files          TEXT NOT NULL DEFAULT '[]',
    summary        TEXT,
    created_at     BIGINT NOT NULL,
    started_at     BIGINT,
    ended_at       BIGINT,
    updated_at     BIGINT NOT NULL,
    activity_detail TEXT,
    activity_at    BIGINT,
    last_event_at  BIGINT,
    seen_at        BIGINT,
    input_tokens   BIGINT NOT NULL DEFAULT 0,
    output_tokens  BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens BIGINT NOT NULL DEFAULT 0,
    cache_creation_tokens BIGINT NOT NULL DEFAULT 0,
    cost_usd       DOUBLE PRECISION NOT NULL DEFAULT 0,
    context_pct    BIGINT,
    tool_calls     BIGINT NOT NULL DEFAULT 0,
    primary_tool   TEXT,
    files_modified TEXT NOT NULL DEFAULT '[]',
    messages       BIGINT NOT NULL DEFAULT 0,
    parent_id      TEXT,
    worktree       TEXT,
    hook_key       TEXT,
    budget_usd     DOUBLE PRECISION,
    budget_hit_at  BIGINT,
    exclusive_files BIGINT NOT NULL DEFAULT 0
  );
  CREATE INDEX jobs_status ON jobs(status, created_at);

  CREATE TABLE hook_events (
    seq        BIGSERIAL PRIMARY KEY,
    spool_name TEXT NOT NULL UNIQUE,
    job_id     TEXT NOT NULL,
    ts         BIGINT NOT NULL,
    event      TEXT NOT NULL,
    session_id TEXT,
    tool_name  TEXT,
    payload    TEXT NOT NULL,
    orphan     BIGINT NOT NULL DEFAULT 0
  );
  CREATE INDEX hook_events_job ON hook_events(job_id, seq);
  CREATE INDEX hook_events_ts ON hook_events(ts);

  CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
  CREATE TABLE transcripts (job_id TEXT PRIMARY KEY, state TEXT NOT NULL);

  CREATE TABLE job_history (
    seq         BIGSERIAL PRIMARY KEY,
    job_id      TEXT NOT NULL,
    status      TEXT NOT NULL,
    ended_at    BIGINT NOT NULL,
    duration_ms BIGINT,
    data        TEXT NOT NULL
  );
  CREATE INDEX job_history_ended ON job_history(ended_at);
  CREATE INDEX job_history_job ON job_history(job_id, ended_at);

  CREATE TABLE daily_metrics (
    day            TEXT PRIMARY KEY,
    jobs_completed BIGINT NOT NULL DEFAULT 0,
    jobs_failed    BIGINT NOT NULL DEFAULT 0,
    jobs_killed    BIGINT NOT NULL DEFAULT 0,
    input_tokens   BIGINT NOT NULL DEFAULT 0,
    output_tokens  BIGINT NOT NULL DEFAULT 0,
    cost_usd       DOUBLE PRECISION NOT NULL DEFAULT 0,
    files_modified BIGINT NOT NULL DEFAULT 0,
    tool_calls     BIGINT NOT NULL DEFAULT 0,
    events         BIGINT NOT NULL DEFAULT 0
  );

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE queue (
    seq        BIGSERIAL UNIQUE,
    id         TEXT PRIMARY KEY,
    prompt     TEXT NOT NULL,
    priority   BIGINT NOT NULL DEFAULT 0,
    status     TEXT NOT NULL,
    result     TEXT,
    error      TEXT,
    job_id     TEXT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    ended_at   BIGINT,
    budget_usd DOUBLE PRECISION
  );
  CREATE INDEX queue_order ON queue(status, priority DESC, created_at);

  CREATE TABLE queue_after (
    seq      BIGSERIAL UNIQUE,
    task_id  TEXT NOT NULL,
    after_id TEXT NOT NULL,
    PRIMARY KEY (task_id, after_id)
  );
  CREATE INDEX queue_after_prereq ON queue_after(after_id);

  CREATE TABLE orchestrator_activity (
    seq    BIGSERIAL PRIMARY KEY,
    ts     BIGINT NOT NULL,
    kind   TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX orchestrator_activity_ts ON orchestrator_activity(ts);

  CREATE TABLE triggers (
    seq             BIGSERIAL UNIQUE,
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    condition       TEXT NOT NULL,
    action          TEXT NOT NULL,
    payload         TEXT,
    autonomy        TEXT NOT NULL,
    cooldown_s      BIGINT NOT NULL DEFAULT 0,
    enabled         BIGINT NOT NULL DEFAULT 1,
    created_at      BIGINT NOT NULL,
    checked_at      BIGINT NOT NULL,
    last_fired_at   BIGINT
  );

  CREATE TABLE trigger_fires (
    trigger_id TEXT NOT NULL,
    slot       BIGINT NOT NULL,
    fired_at   BIGINT NOT NULL,
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
    created_at   BIGINT NOT NULL,
    decided_at   BIGINT,
    result       TEXT
  );
  CREATE INDEX approvals_status ON approvals(status, created_at);

  CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);

  CREATE TABLE modes (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT '',
    triggers    TEXT NOT NULL,
    created_at  BIGINT NOT NULL
  );

  CREATE TABLE orchestrator (
    id              BIGINT PRIMARY KEY CHECK (id = 1),
    desired         TEXT NOT NULL,
    agent           TEXT NOT NULL,
    model           TEXT,
    effort          TEXT,
    dir             TEXT NOT NULL,
    started_at      BIGINT NOT NULL,
    respawns        BIGINT NOT NULL DEFAULT 0,
    last_respawn_at BIGINT,
    sent_at         BIGINT NOT NULL DEFAULT 0,
    phase           TEXT NOT NULL DEFAULT 'normal',
    warn_at         BIGINT,
    reported_at     BIGINT NOT NULL DEFAULT 0
  );

  CREATE TABLE notifications_sent (
    subject TEXT NOT NULL,
    kind    TEXT NOT NULL,
    episode TEXT NOT NULL,
    at      BIGINT NOT NULL,
    sent    BIGINT NOT NULL,
    PRIMARY KEY (subject, kind, episode)
  );
  CREATE INDEX notifications_sent_at ON notifications_sent(subject, kind, at);

  CREATE TABLE login_links (
    hash        TEXT PRIMARY KEY,
    approval_id TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
  );

  CREATE TABLE file_leases (
    dir      TEXT PRIMARY KEY,
    key      TEXT NOT NULL,
    path     TEXT NOT NULL,
    job_id   TEXT NOT NULL,
    mode     TEXT NOT NULL,
    taken_at BIGINT NOT NULL,
    last_at  BIGINT NOT NULL
  );
  CREATE INDEX file_leases_job ON file_leases(job_id);

  CREATE TABLE file_conflicts (
    id       BIGSERIAL PRIMARY KEY,
    key      TEXT NOT NULL,
    path     TEXT NOT NULL,
    holder   TEXT NOT NULL,
    job_id   TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    refused  BIGINT NOT NULL,
    first_at BIGINT NOT NULL,
    last_at  BIGINT NOT NULL,
    ended_at BIGINT
  );
  CREATE INDEX file_conflicts_open ON file_conflicts(key, holder, job_id) WHERE ended_at IS NULL;

  -- Every committed write says so once per statement on one channel: each host's engine
  -- hears it (LISTEN) and refreshes, as SQLite's data_version tells a local one.
  CREATE FUNCTION cc_agent_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${CHANGES_CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
  END $$;
  ${TABLES.map(
    (t) =>
      `CREATE TRIGGER ${t}_changed AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION cc_agent_changed();`,
  ).join('\n  ')}
  `,
  // 2: many hosts (SQLite's 14). The heartbeat table announces nothing: a beat every few
  // seconds from each host would wake every face for no change it shows.
  `
  ALTER TABLE jobs ADD COLUMN host TEXT;
  CREATE INDEX jobs_host ON jobs(host, status);
  CREATE TABLE hosts (
    id           TEXT PRIMARY KEY,
    started_at   BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    max_agents   BIGINT,
    pid          BIGINT NOT NULL
  );
  CREATE TABLE host_commands (
    id         TEXT PRIMARY KEY,
    host       TEXT NOT NULL,
    job_id     TEXT NOT NULL,
    op         TEXT NOT NULL,
    args       TEXT NOT NULL,
    status     TEXT NOT NULL,
    result     TEXT,
    error      TEXT,
    created_at BIGINT NOT NULL,
    done_at    BIGINT
  );
  CREATE INDEX host_commands_pending ON host_commands(host, status);
  -- A new command wakes its host's engine at once (LISTEN), as an answer wakes its caller.
  CREATE TRIGGER host_commands_changed AFTER INSERT OR UPDATE ON host_commands
    FOR EACH STATEMENT EXECUTE FUNCTION cc_agent_changed();
  `,
];
