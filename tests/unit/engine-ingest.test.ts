import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  type Engine,
  type HookEventRecord,
  type Job,
} from '../../src/engine/index.js';

const SOCKET = `unused-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
const JOB = '0badcafe';

interface StoredEvent {
  seq: number;
  spool_name: string;
  job_id: string;
  ts: number;
  event: string;
  session_id: string | null;
  tool_name: string | null;
  payload: string;
  orphan: number;
}

/** A spool file name as the relay makes it: 19-digit nanoseconds, a pid. */
const spoolName = (n: number): string =>
  `${String(1_750_000_000_000_000_000n + BigInt(n))}.4242.json`;

const envelope = (
  jobId: string,
  ts: number,
  payload: Record<string, unknown>,
  key?: string,
): string =>
  `{"v":1,"job_id":"${jobId}","ts":${ts},${key ? `"key":"${key}",` : ''}"payload":${JSON.stringify(payload)}}\n`;

describe('spool ingest through a real engine', () => {
  let home: string;
  let engine: Engine;
  let spool: string;
  let events: HookEventRecord[];
  let updated: Job[];

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-agent-ingest-'));
    // Event times here are tiny numbers: a clock just after them keeps retention from pruning.
    engine = createEngine({
      home,
      env: { ...process.env, CC_AGENT_TMUX_SOCKET: SOCKET },
      now: () => 10_000,
    });
    spool = engine.paths.spoolDir;
    mkdirSync(spool, { recursive: true });
    events = [];
    updated = [];
    engine.events.on('hook_event', (e) => events.push(e));
    engine.events.on('job_updated', (j) => updated.push(j));
  });
  afterEach(() => {
    engine.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** Read the store the way any other process would: its own connection to the file. */
  const stored = (): StoredEvent[] => {
    const db = new Database(join(home, 'cc-agent.db'), { readonly: true });
    try {
      return db.prepare('SELECT * FROM hook_events ORDER BY seq').all() as StoredEvent[];
    } finally {
      db.close();
    }
  };
  const counter = (name: string): number | undefined => {
    const db = new Database(join(home, 'cc-agent.db'), { readonly: true });
    try {
      return db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(name) as
        number | undefined;
    } finally {
      db.close();
    }
  };
  const put = (name: string, text: string): void => writeFileSync(join(spool, name), text);
  /** Insert a job as another process would (completed: no tmux server is consulted). */
  const addJob = (id: string, session: string | null, key: string | null = null): void => {
    const db = new Database(join(home, 'cc-agent.db'));
    db.prepare(
      `INSERT INTO jobs (id, backend, sandbox, dir, prompt_preview, prompt_bytes, session_id,
         hook_key, tmux_session, tmux_socket, status, argv, created_at, updated_at)
       VALUES (?, 'demo', 'workspace-write', '/w', 'p', 1, ?, ?, ?, ?, 'completed', '[]', 1, 1)`,
    ).run(id, session, key, `cc-agent-${id}`, SOCKET);
    db.close();
  };
  const spoolFiles = (): string[] => readdirSync(spool).filter((n) => n !== 'quarantine');

  it('ingests valid files once, in file-name order, and removes them', async () => {
    addJob(JOB, 's1');
    const tool = {
      hook_event_name: 'PreToolUse',
      session_id: 's1',
      tool_name: 'Bash',
      tool_input: { command: 'ls "x"' },
    };
    put(spoolName(2), envelope(JOB, 1002, tool));
    put(
      spoolName(1),
      envelope(JOB, 1001, {
        hook_event_name: 'UserPromptSubmit',
        session_id: 's1',
        prompt: 'hi 🎉',
      }),
    );
    // No such job: stored (as an orphan) but nobody is told.
    put(spoolName(3), envelope('otherjob', 1003, { hook_event_name: 'Stop' }));

    expect(await engine.refresh()).toEqual({ ingested: 3, quarantined: 0 });
    expect(spoolFiles()).toEqual([]);
    const rows = stored();
    expect(
      rows.map((r) => [r.spool_name, r.job_id, r.ts, r.event, r.session_id, r.tool_name, r.orphan]),
    ).toEqual([
      [spoolName(1), JOB, 1001, 'UserPromptSubmit', 's1', null, 0],
      [spoolName(2), JOB, 1002, 'PreToolUse', 's1', 'Bash', 0],
      [spoolName(3), 'otherjob', 1003, 'Stop', null, null, 1],
    ]);
    expect(JSON.parse(rows[1]?.payload ?? '')).toEqual(tool);
    expect(events.map((e) => [e.seq, e.event, e.jobId])).toEqual([
      [rows[0]?.seq, 'UserPromptSubmit', JOB],
      [rows[1]?.seq, 'PreToolUse', JOB],
    ]);
    expect(events[0]?.payload).toEqual({
      hook_event_name: 'UserPromptSubmit',
      session_id: 's1',
      prompt: 'hi 🎉',
    });

    // Nothing new: nothing happens.
    expect(await engine.refresh()).toEqual({ ingested: 0, quarantined: 0 });
    expect(stored()).toHaveLength(3);
  });

  it('a file seen again after its commit (crash before unlink) is not inserted twice', async () => {
    addJob(JOB, 's1');
    const text = envelope(JOB, 1001, { hook_event_name: 'Stop', session_id: 's1' });
    put(spoolName(1), text);
    expect(await engine.refresh()).toEqual({ ingested: 1, quarantined: 0 });
    put(spoolName(1), text); // the unlink "never happened"
    put(spoolName(2), envelope(JOB, 1002, { hook_event_name: 'Stop', session_id: 's1' }));
    expect(await engine.refresh()).toEqual({ ingested: 1, quarantined: 0 });
    expect(stored().map((r) => r.spool_name)).toEqual([spoolName(1), spoolName(2)]);
    expect(spoolFiles()).toEqual([]);
    expect(events).toHaveLength(2);
  });

  it('malformed files go to spool/quarantine and are counted; the rest are ingested', async () => {
    const good = envelope(JOB, 1002, { hook_event_name: 'Stop' });
    const truncated = good.slice(0, good.length - 10);
    const noEvent = envelope(JOB, 1003, { session_id: 'x' });
    const noJob = '{"v":1,"ts":1,"payload":{"hook_event_name":"Stop"}}';
    put(spoolName(1), truncated);
    put(spoolName(2), good);
    put(spoolName(3), noEvent);
    put(spoolName(4), noJob);
    put(spoolName(5), '');
    // The relay's temp file (not yet renamed) and other names are not the ingester's business.
    put(`.${spoolName(6).replace('.json', '.tmp')}`, '{"v":1');

    expect(await engine.refresh()).toEqual({ ingested: 1, quarantined: 4 });
    expect(stored().map((r) => r.spool_name)).toEqual([spoolName(2)]);
    const q = join(spool, 'quarantine');
    expect(readdirSync(q).sort()).toEqual([spoolName(1), spoolName(3), spoolName(4), spoolName(5)]);
    expect(readFileSync(join(q, spoolName(1)), 'utf8')).toBe(truncated);
    expect(counter('spool_quarantined')).toBe(4);
    expect(spoolFiles()).toEqual([`.${spoolName(6).replace('.json', '.tmp')}`]);

    // The count accumulates across runs; quarantined files are never retried.
    put(spoolName(7), '{not json');
    expect(await engine.refresh()).toEqual({ ingested: 0, quarantined: 1 });
    expect(counter('spool_quarantined')).toBe(5);
    expect(readdirSync(q)).toHaveLength(5);
  });

  it("SessionStart sets the job's session id, rewrites its mirror and tells subscribers", async () => {
    addJob(JOB, 'old-session', 'k3y');
    // Announced with the job's launch key, as its own relay wraps it.
    put(
      spoolName(1),
      envelope(
        JOB,
        1001,
        { hook_event_name: 'SessionStart', session_id: 'new-session', source: 'clear' },
        'k3y',
      ),
    );
    expect(await engine.refresh()).toEqual({ ingested: 1, quarantined: 0 });

    const job = await engine.get(JOB);
    expect(job.sessionId).toBe('new-session');
    expect(job.status).toBe('completed');
    expect(updated.map((j) => [j.id, j.sessionId])).toEqual([[JOB, 'new-session']]);
    const mirror = JSON.parse(readFileSync(join(home, 'jobs', `${JOB}.json`), 'utf8')) as Job;
    expect(mirror.sessionId).toBe('new-session');

    // The same session again changes nothing and announces nothing.
    put(
      spoolName(2),
      envelope(JOB, 1002, { hook_event_name: 'SessionStart', session_id: 'new-session' }),
    );
    expect(await engine.refresh()).toEqual({ ingested: 1, quarantined: 0 });
    expect(updated).toHaveLength(1);
  });

  it('no spool directory at all is fine', async () => {
    rmSync(spool, { recursive: true });
    expect(await engine.refresh()).toEqual({ ingested: 0, quarantined: 0 });
    expect(existsSync(join(spool, 'quarantine'))).toBe(false);
  });
});
