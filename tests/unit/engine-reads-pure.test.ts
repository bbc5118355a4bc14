import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { realRunner, type ProcessRunner } from '../../src/engine/process/runner.js';

/**
 * Engine reads have no side effects (issue 15): listing, getting, the timeline, a session
 * report, the queue and the orchestrator's status neither ingest the spool, nor prune, nor
 * fail a stale task, nor ask tmux. `refresh()` does all of that, when a face asks.
 */
const JOB = 'abcd1234';
const SESSION = 'sess-reads';

let home: string;
let engine: Engine;
let other: Database.Database;
let spawned: string[][];
let now: number;

/** What another connection sees: changes whenever this engine commits anything. */
const version = (): number => other.pragma('data_version', { simple: true }) as number;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-reads-pure-'));
  spawned = [];
  const runner: ProcessRunner = {
    run: (argv, options) => {
      spawned.push([...argv]);
      return realRunner.run(argv, options);
    },
  };
  now = Date.now();
  engine = createEngine({
    home,
    runner,
    now: () => now,
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-reads-pure-unused' },
  });
  mkdirSync(engine.paths.spoolDir, { recursive: true });
  other = new Database(engine.paths.db);
  other
    .prepare(
      `INSERT INTO jobs (id, backend, sandbox, dir, prompt_preview, prompt_bytes, session_id,
         tmux_session, tmux_socket, status, activity, argv, created_at, started_at, updated_at)
       VALUES (?, 'demo', 'workspace-write', '/w', 'p', 1, ?, ?, 'cc-reads-pure-unused',
         'running', 'working', '[]', ?, ?, ?)`,
    )
    .run(JOB, SESSION, `cc-agent-${JOB}`, now, now, now);
  // A task handed out two hours ago and never reported (the timeout is an hour).
  engine.queue.add('forgotten');
  engine.queue.claim('orch');
  now += 2 * 60 * 60 * 1000;
  // The agent's turn ended: the relay spooled its Stop; nothing has ingested it yet.
  writeFileSync(
    join(engine.paths.spoolDir, `${String(1_750_000_000_000_000_000n)}.77.json`),
    JSON.stringify({
      v: 1,
      job_id: JOB,
      ts: now,
      payload: { hook_event_name: 'Stop', session_id: SESSION, last_assistant_message: 'done' },
    }),
  );
});
afterEach(() => {
  other.close();
  engine.close();
  rmSync(home, { recursive: true, force: true });
});

it('list, get, timeline, session, queue and orchestrator status leave the store untouched', async () => {
  const before = version();
  const spool = readdirSync(engine.paths.spoolDir);
  const heard: string[] = [];
  for (const name of ['job_updated', 'hook_event', 'queue_updated'] as const)
    engine.events.on(name, () => heard.push(name));

  expect((await engine.list()).map((j) => [j.id, j.activity])).toEqual([[JOB, 'working']]);
  expect((await engine.get(JOB.slice(0, 4))).activity).toBe('working');
  expect(engine.timeline()).toEqual([]);
  expect(engine.timeline({ jobId: JOB })).toEqual([]);
  expect((await engine.session(JOB)).job.id).toBe(JOB);
  expect(engine.queue.list().map((t) => t.status)).toEqual(['running']);
  expect(engine.queue.page().tasks.map((t) => t.status)).toEqual(['running']);
  expect((await engine.orchestrator.status()).state).toBe('not started');
  engine.analytics();
  engine.jobsNow();

  expect(version()).toBe(before);
  expect(readdirSync(engine.paths.spoolDir)).toEqual(spool);
  expect(spawned).toEqual([]);
  await new Promise((r) => setImmediate(r));
  expect(heard).toEqual([]);
});

it('refresh() ingests the spool, fails the stale task and asks tmux', async () => {
  const before = version();
  expect(await engine.refresh()).toEqual({ ingested: 1, quarantined: 0 });
  expect(readdirSync(engine.paths.spoolDir).filter((f) => f.endsWith('.json'))).toEqual([]);
  expect(version()).not.toBe(before);
  expect(engine.timeline({ jobId: JOB }).map((e) => e.event)).toEqual(['Stop']);
  expect(engine.queue.list().map((t) => t.status)).toEqual(['failed']);
  expect(spawned.some((argv) => argv.includes('cc-reads-pure-unused'))).toBe(true);
});

it('a live engine does the same on its own schedule, with no read asking', async () => {
  const failed = new Promise<string>((resolve) =>
    engine.events.on('queue_updated', (t) => resolve(t.status)),
  );
  const stopped = new Promise<string | null>((resolve) =>
    engine.events.on('job_updated', (j) => resolve(j.activity)),
  );
  const live = await engine.live({ panesMs: Infinity });
  try {
    expect(await failed).toBe('failed');
    expect(await stopped).toBe('waiting');
    expect(readdirSync(engine.paths.spoolDir).filter((f) => f.endsWith('.json'))).toEqual([]);
  } finally {
    await live.stop();
  }
});
