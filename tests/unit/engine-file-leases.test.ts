import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  type Engine,
  type FileConflict,
  type JobStatus,
} from '../../src/engine/index.js';
import { insertJob, jobRow } from '../helpers/job-row.js';

/**
 * What the engine makes of the relay's lease verdicts, through a real engine and store: the
 * leases and conflicts it mirrors, one file_conflict per episode, stale leases of ended jobs
 * cleared rather than reported, and forged or broken verdicts ignored without losing the event.
 */
const SOCKET = `unused-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
const SESSION = 'sess-1';
let seq = 0;
const spoolName = (): string => `${String(1_760_000_000_000_000_000n + BigInt(++seq))}.77.json`;

describe('file leases in the engine', () => {
  let home: string;
  let engine: Engine;
  let opened: FileConflict[];
  let clock: number;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-agent-leases-engine-'));
    clock = 50_000;
    engine = createEngine({
      home,
      env: { ...process.env, CC_AGENT_TMUX_SOCKET: SOCKET },
      now: () => clock,
    });
    mkdirSync(engine.paths.spoolDir, { recursive: true });
    opened = [];
    engine.events.on('file_conflict', (c) => opened.push(c));
  });
  afterEach(() => {
    engine.close();
    rmSync(home, { recursive: true, force: true });
  });

  const addJob = (id: string, status: JobStatus = 'running'): void =>
    insertJob(
      join(home, 'cc-agent.db'),
      jobRow(id, { dir: '/w', session_id: SESSION, tmux_socket: SOCKET, status, activity: 'idle' }),
    );
  /** The relay's lease directory for a verdict, as it would have made it. */
  const leaseDir = (dir: string, owner: string): void => {
    mkdirSync(join(engine.paths.fileLeases, dir), { recursive: true });
    writeFileSync(join(engine.paths.fileLeases, dir, 'owner'), `${owner} 1 warn /w/a.ts\n`);
  };
  const relayed = (job: string, leases: unknown, ts = ++clock): void => {
    const payload = {
      session_id: SESSION,
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: '/w/a.ts' },
    };
    writeFileSync(
      join(engine.paths.spoolDir, spoolName()),
      `${JSON.stringify({ v: 1, job_id: job, ts, payload, leases })}\n`,
    );
  };
  const verdict = (holder: string, outcome: string, dir = '11-4') => [
    { dir, key: '/w/a.ts', path: '/w/a.ts', holder, outcome, mode: 'warn' },
  ];

  it('mirrors a lease, opens one conflict per episode, counts the attempts', () => {
    addJob('a');
    addJob('b');
    relayed('a', verdict('a', 'took'));
    engine.ingest();
    expect(engine.conflicts.open()).toEqual([]);
    relayed('b', verdict('a', 'conflict'));
    relayed('b', verdict('a', 'denied'));
    engine.ingest();
    expect(opened).toHaveLength(1);
    expect(engine.conflicts.open()).toEqual([
      expect.objectContaining({ holder: 'a', jobId: 'b', attempts: 2, refused: 1, endedAt: null }),
    ]);
    // Released: the episode ends; the next attempt is a new one.
    leaseDir('11-4', 'a');
    expect(engine.conflicts.release({ job: 'a' })).toBe(1);
    expect(existsSync(join(engine.paths.fileLeases, '11-4'))).toBe(false);
    expect(engine.conflicts.open()).toEqual([]);
  });

  it("clears an ended job's lease instead of reporting it, and only while it still names that job", () => {
    addJob('gone', 'completed');
    addJob('b');
    leaseDir('11-4', 'gone');
    relayed('b', verdict('gone', 'conflict'));
    engine.ingest();
    expect(opened).toEqual([]);
    expect(existsSync(join(engine.paths.fileLeases, '11-4'))).toBe(false);
    // A directory another job took since is not touched.
    leaseDir('22-4', 'b');
    relayed('b', verdict('gone', 'conflict', '22-4'));
    engine.ingest();
    expect(existsSync(join(engine.paths.fileLeases, '22-4'))).toBe(true);
  });

  it('ignores forged or broken verdicts and keeps the event; an unknown holder is no conflict', () => {
    addJob('a');
    addJob('b');
    leaseDir('11-4', 'a');
    relayed('b', [
      {
        dir: '../../etc',
        key: 'k',
        path: '/etc/passwd',
        holder: 'a',
        outcome: 'took',
        mode: 'warn',
      },
    ]);
    relayed('b', 'not a list');
    relayed('b', verdict('unknown', 'conflict'));
    const r = engine.ingest();
    expect(r).toEqual({ ingested: 3, quarantined: 0 });
    expect(opened).toEqual([]);
    expect(existsSync(join(engine.paths.fileLeases, '11-4'))).toBe(true);
    expect(engine.timeline({ jobId: 'b' })).toHaveLength(3);
  });

  it('a job that ends lets go of its leases and its conflicts end (refresh)', async () => {
    addJob('a');
    addJob('b');
    relayed('a', verdict('a', 'took'));
    relayed('b', verdict('a', 'conflict'));
    engine.ingest();
    leaseDir('11-4', 'a');
    expect(engine.conflicts.open()).toHaveLength(1);
    // No tmux server behind SOCKET: refresh finds both sessions gone and ends the jobs.
    await engine.refresh();
    const r = await engine.conflicts.report({ all: true });
    expect(r.leases).toEqual([]);
    expect(r.conflicts[0]?.endedAt).not.toBeNull();
    expect(existsSync(join(engine.paths.fileLeases, '11-4'))).toBe(false);
  });
});
