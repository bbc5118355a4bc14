import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine, type Engine, type Job } from '../../src/engine/index.js';

/**
 * Every write to a job reaches the faces (job_updated), whether or not the code that wrote it
 * announced it: a hook event that moves no state but brings the transcript's new figures
 * (tokens, cost, context) used to change the row silently, and a live face kept the old ones.
 */
const JOB = 'f1a2b3c4';
const SESSION = 's-announce';

let home: string;
let engine: Engine;
let updated: Job[];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-agent-announce-'));
  engine = createEngine({
    home,
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-announce-unused' },
  });
  mkdirSync(engine.paths.spoolDir, { recursive: true });
  // A working agent, inserted as another process would.
  const db = new Database(engine.paths.db);
  const now = Date.now();
  db.prepare(
    `INSERT INTO jobs (id, backend, sandbox, dir, prompt_preview, prompt_bytes, session_id,
       tmux_session, tmux_socket, status, activity, argv, created_at, started_at, updated_at)
     VALUES (?, 'demo', 'workspace-write', '/w', 'p', 1, ?, ?, 'cc-announce-unused', 'running',
       'working', '[]', ?, ?, ?)`,
  ).run(JOB, SESSION, `cc-agent-${JOB}`, now, now, now);
  db.close();
  updated = [];
  engine.events.on('job_updated', (j) => updated.push(j));
});
afterEach(() => {
  engine.close();
  rmSync(home, { recursive: true, force: true });
});

let n = 0;
/** A hook event in the spool, as the relay leaves it. */
function relay(payload: Record<string, unknown>): void {
  const name = `${String(1_750_000_000_000_000_000n + BigInt(++n))}.4242.json`;
  writeFileSync(
    join(engine.paths.spoolDir, name),
    JSON.stringify({
      v: 1,
      job_id: JOB,
      ts: Date.now(),
      payload: { session_id: SESSION, ...payload },
    }),
  );
}

/** What the engine announces by the time the current piece of work has ended. */
const settled = (): Promise<void> => new Promise((r) => setImmediate(r));

it('announces new transcript figures that came with an event moving no state', async () => {
  const transcript = join(home, 'transcript.jsonl');
  writeFileSync(
    transcript,
    `${JSON.stringify({
      type: 'assistant',
      message: {
        id: 'm1',
        model: 'claude-opus-4-5-20251101',
        role: 'assistant',
        content: [{ type: 'text', text: 'working on it' }],
        usage: {
          input_tokens: 1234,
          output_tokens: 56,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    })}\n`,
  );
  relay({ hook_event_name: 'SubagentStart', agent_type: 'explore', transcript_path: transcript });
  engine.ingest(); // as the live engine does when the relay spools an event
  await settled();
  expect(engine.jobsNow()[0]?.tokens.input).toBe(1234);
  expect(updated.map((j) => [j.id, j.activity, j.tokens.input])).toEqual([[JOB, 'working', 1234]]);
});

it('does not announce an event that changed nothing a face shows', async () => {
  relay({ hook_event_name: 'SubagentStart', agent_type: 'explore' });
  engine.ingest();
  await settled();
  expect(updated).toEqual([]);
});

it('announces a state change once, not once per write', async () => {
  relay({ hook_event_name: 'Stop', last_assistant_message: 'all done here' });
  engine.ingest();
  await settled();
  expect(updated.map((j) => [j.id, j.activity])).toEqual([[JOB, 'waiting']]);
});
