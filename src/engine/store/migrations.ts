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
];
