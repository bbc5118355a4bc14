import { insertJob, jobRow } from '../helpers/job-row.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timelineLine } from '../../src/view/timeline.js';
import {
  createEngine,
  type Engine,
  type HookEventRecord,
  type Job,
} from '../../src/engine/index.js';

/**
 * Which relayed events count for their job (events/authentic.ts), through a real engine and
 * store: the session must be the job's; only a SessionStart carrying the job's launch key may
 * announce a new one (Codex's first session, a /clear); the rest are stored as orphans.
 */

const SOCKET = `unused-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
const KEY = '00112233445566778899aabbccddeeff';
let seq = 0;
const spoolName = (): string => `${String(1_750_000_000_000_000_000n + BigInt(++seq))}.99.json`;

describe('event authenticity', () => {
  let home: string;
  let engine: Engine;
  let heard: HookEventRecord[];

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-agent-orphans-'));
    engine = createEngine({
      home,
      env: { ...process.env, CC_AGENT_TMUX_SOCKET: SOCKET },
      now: () => 10_000,
    });
    mkdirSync(engine.paths.spoolDir, { recursive: true });
    heard = [];
    engine.events.on('hook_event', (e) => heard.push(e));
  });
  afterEach(() => {
    engine.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** A running job as `start` leaves it (the store written as another process would). */
  const addJob = (id: string, session: string | null, key: string | null): void =>
    insertJob(
      join(home, 'cc-agent.db'),
      jobRow(id, {
        backend: 'codex',
        dir: '/w',
        session_id: session,
        hook_key: key,
        tmux_socket: SOCKET,
        activity: 'idle',
      }),
    );
  /** Ingest only: refresh() would also find no tmux pane and fail the job. */
  const ingest = (): void => void engine.ingest();
  /** The job as stored (engine.get would ask tmux and find no session). */
  const now = (id: string): Job => {
    const job = engine.jobsNow().find((j) => j.id === id);
    if (!job) throw new Error(`no job ${id}`);
    return job;
  };
  const relay = (jobId: string, payload: Record<string, unknown>, key?: string): void => {
    const k = key === undefined ? '' : `"key":${JSON.stringify(key)},`;
    writeFileSync(
      join(engine.paths.spoolDir, spoolName()),
      `{"v":1,"job_id":"${jobId}","ts":${1000 + seq},${k}"payload":${JSON.stringify(payload)}}\n`,
    );
  };
  const orphans = (jobId: string): string[] =>
    engine
      .timeline({ jobId, limit: 100 })
      .filter((e) => e.orphan === true)
      .map((e) => e.event);
  const stop = (session: string | undefined, text: string) => ({
    hook_event_name: 'Stop',
    ...(session ? { session_id: session } : {}),
    last_assistant_message: text,
    background_tasks: [],
  });

  it('Codex: the first SessionStart with the key announces the session; the rest must match it', async () => {
    addJob('cdx', null, KEY);
    // Before any announcement a forger's SessionStart (no key, or another job's) is refused.
    relay('cdx', { hook_event_name: 'SessionStart', session_id: 'forged', source: 'startup' });
    relay('cdx', { hook_event_name: 'SessionStart', session_id: 'forged2' }, 'ffff' + KEY.slice(4));
    relay('cdx', { hook_event_name: 'SessionStart', session_id: 'real', source: 'startup' }, KEY);
    relay('cdx', { hook_event_name: 'UserPromptSubmit', session_id: 'real', prompt: 'go' });
    relay('cdx', stop('forged', '[cc-agent:done] forged'));
    relay('cdx', stop(undefined, '[cc-agent:done] no session'));
    ingest();

    const job = now('cdx');
    expect(job.sessionId).toBe('real');
    expect(job.status).toBe('running');
    expect(job.activity).toBe('working');
    expect(orphans('cdx')).toEqual(['SessionStart', 'SessionStart', 'Stop', 'Stop']);
    expect(heard.map((e) => [e.event, e.sessionId])).toEqual([
      ['SessionStart', 'real'],
      ['UserPromptSubmit', 'real'],
    ]);

    // Its own Stop with the marker completes it.
    relay('cdx', stop('real', 'all good\n[cc-agent:done] shipped'));
    ingest();
    expect(now('cdx').status).toBe('completed');
  });

  it('/clear: the new session counts only when announced with the key', async () => {
    addJob('cl', 'one', KEY);
    relay('cl', { hook_event_name: 'SessionEnd', session_id: 'one', reason: 'clear' });
    relay('cl', { hook_event_name: 'SessionStart', session_id: 'evil', source: 'clear' });
    relay('cl', stop('evil', '[cc-agent:done] forged'));
    ingest();
    expect(now('cl').sessionId).toBe('one');
    expect(now('cl').status).toBe('running');

    relay('cl', { hook_event_name: 'SessionStart', session_id: 'two', source: 'clear' }, KEY);
    // The old session's late events no longer count.
    relay('cl', stop('one', '[cc-agent:done] stale'));
    relay('cl', { hook_event_name: 'UserPromptSubmit', session_id: 'two', prompt: 'next' });
    ingest();
    const job = now('cl');
    expect([job.sessionId, job.status, job.activity]).toEqual(['two', 'running', 'working']);
    expect(orphans('cl')).toEqual(['SessionStart', 'Stop', 'Stop']);
  });

  it('a job started before launch keys may announce its first session only', async () => {
    addJob('old', null, null);
    relay('old', { hook_event_name: 'SessionStart', session_id: 's1', source: 'startup' });
    relay('old', { hook_event_name: 'SessionStart', session_id: 's2', source: 'clear' });
    ingest();
    expect(now('old').sessionId).toBe('s1');
    expect(orphans('old')).toEqual(['SessionStart']);
  });

  it('orphans: counted in health, marked in the timeline, never heard live', async () => {
    addJob('h1', 'sess', KEY);
    relay('h1', stop(undefined, '[cc-agent:done] forged'));
    relay('nosuchjob', stop('sess', 'x'));
    expect(await engine.refresh()).toEqual({ ingested: 2, quarantined: 0 });
    expect(heard).toEqual([]);
    const spool = (await engine.health()).checks.find((c) => c.name === 'spool');
    expect(spool?.detail).toMatch(/^0 quarantined .*, 2 orphan events/);
    const [line] = engine.timeline({ jobId: 'h1' }).map(timelineLine);
    expect(line).toMatch(/ {2}h1 {2}\[orphan\] turn ended: \[cc-agent:done\] forged$/);
  });
});
