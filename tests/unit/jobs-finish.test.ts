import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { createContext } from '../../src/engine/create-context.js';
import { finishJob } from '../../src/engine/jobs/finish.js';
import type { JobRow } from '../../src/engine/store/jobs-repo.js';
import type { Job } from '../../src/engine/store/job-types.js';
import { jobRow } from '../helpers/job-row.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
let home: string;
let ctx: EngineContext;
let now: number;
let seen: string[];
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc finish '));
  now = T0 + 60_000;
  ctx = createContext({ home, env: { ...process.env, CC_AGENT_HOME: home }, now: () => now });
  seen = [];
  ctx.events.on('job_completed', (j: Job) => seen.push(`completed:${j.id}:${j.status}`));
  ctx.events.on('job_failed', (j: Job) => seen.push(`failed:${j.id}:${j.status}`));
});
afterEach(() => {
  ctx.db.close();
  rmSync(home, { recursive: true, force: true });
});

const start = (id: string, over = {}): JobRow => {
  ctx.jobs.insert(jobRow(id, { started_at: T0, created_at: T0, ...over }));
  return ctx.jobs.get(id) as JobRow;
};
const history = (id: string) =>
  ctx.db.prepare('SELECT status, ended_at, duration_ms FROM job_history WHERE job_id = ?').all(id);

describe('finishJob', () => {
  it('exit 0 completes the job, stamps the end, records history and tells subscribers', () => {
    finishJob(ctx, start('a1'), { exitCode: 0 });
    const row = ctx.jobs.get('a1');
    expect(row).toMatchObject({
      status: 'completed',
      exit_code: 0,
      error: null,
      ended_at: now,
      activity: null,
    });
    expect(history('a1')).toEqual([{ status: 'completed', ended_at: now, duration_ms: 60_000 }]);
    expect(seen).toEqual(['completed:a1:completed']);
  });

  it('a non-zero exit, a null exit or an error is a failure', () => {
    finishJob(ctx, start('b1'), { exitCode: 3 });
    finishJob(ctx, start('b2'), { exitCode: null });
    finishJob(ctx, start('b3'), { exitCode: 0, error: 'agent vanished' });
    expect(['b1', 'b2', 'b3'].map((id) => ctx.jobs.get(id)?.status)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    expect(ctx.jobs.get('b3')).toMatchObject({ exit_code: 0, error: 'agent vanished' });
    expect(seen).toEqual(['failed:b1:failed', 'failed:b2:failed', 'failed:b3:failed']);
  });

  it('killed is neither completed nor failed: no event, still in history', () => {
    finishJob(ctx, start('k1'), { exitCode: 143, status: 'killed' });
    expect(ctx.jobs.get('k1')?.status).toBe('killed');
    expect(seen).toEqual([]);
    expect(history('k1')).toEqual([{ status: 'killed', ended_at: now, duration_ms: 60_000 }]);
  });

  it('uses the end time given (the exit file’s), not now', () => {
    finishJob(ctx, start('t1'), { exitCode: 0, at: T0 + 5_000 });
    expect(ctx.jobs.get('t1')).toMatchObject({ ended_at: T0 + 5_000, updated_at: now });
    expect(history('t1')).toEqual([
      { status: 'completed', ended_at: T0 + 5_000, duration_ms: 5_000 },
    ]);
  });

  it('a job ends once: a second finish changes nothing and tells no one', () => {
    const row = start('once');
    finishJob(ctx, row, { exitCode: 0 });
    now += 1_000;
    finishJob(ctx, row, { exitCode: 1, error: 'late' });
    expect(ctx.jobs.get('once')).toMatchObject({
      status: 'completed',
      exit_code: 0,
      error: null,
      ended_at: T0 + 60_000,
    });
    expect(seen).toEqual(['completed:once:completed']);
    expect(history('once')).toHaveLength(1);
  });

  it('a pending job can end too; one already ended in the store is left alone', () => {
    finishJob(ctx, start('p1', { status: 'pending' }), { exitCode: 2 });
    expect(ctx.jobs.get('p1')?.status).toBe('failed');
    const ended = start('e1', { status: 'completed', ended_at: T0, exit_code: 0 });
    finishJob(ctx, ended, { exitCode: 1 });
    expect(ctx.jobs.get('e1')).toMatchObject({ status: 'completed', exit_code: 0 });
    expect(history('e1')).toEqual([]);
  });
});
