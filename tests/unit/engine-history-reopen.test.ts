import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import { recordFinished } from '../../src/engine/store/history.js';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { jobRow } from '../helpers/job-row.js';

const T0 = Date.parse('2024-03-15T10:00:00.000Z');

/** A job that ends, is talked to again (jobs/reopen.ts) and ends again: two history rows. */
describe('job_history for a job that ends twice', () => {
  let dir: string;
  let db: Db;
  let ctx: EngineContext;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-history-'));
    db = openDb(join(dir, 'cc-agent.db'));
    ctx = { db, jobs: new JobsRepo(db), now: () => T0 } as unknown as EngineContext;
    ctx.jobs.insert(jobRow('j', { status: 'completed', started_at: T0, ended_at: T0 + 1000 }));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const end = (at: number, summary: string, output: number, cost: number, status = 'completed') =>
    db
      .prepare(
        'UPDATE jobs SET status = ?, ended_at = ?, summary = ?, output_tokens = ?, cost_usd = ? WHERE id = ?',
      )
      .run(status, at, summary, output, cost, 'j');
  const metrics = () =>
    db
      .prepare(
        'SELECT jobs_completed, jobs_failed, output_tokens, cost_usd FROM daily_metrics WHERE day = ?',
      )
      .get('2024-03-15');

  it('keeps one row per end, counts the job once and adds only what it used since', () => {
    end(T0 + 1000, 'first', 100, 0.5);
    recordFinished(ctx, 'j');
    recordFinished(ctx, 'j'); // the same end again: nothing new
    end(T0 + 5000, 'second', 160, 0.75);
    recordFinished(ctx, 'j');
    const rows = db
      .prepare('SELECT status, ended_at, data FROM job_history WHERE job_id = ? ORDER BY seq')
      .all('j') as { status: string; ended_at: number; data: string }[];
    expect(
      rows.map((r) => [r.ended_at, (JSON.parse(r.data) as { summary: string }).summary]),
    ).toEqual([
      [T0 + 1000, 'first'],
      [T0 + 5000, 'second'],
    ]);
    expect(metrics()).toEqual({
      jobs_completed: 1,
      jobs_failed: 0,
      output_tokens: 160,
      cost_usd: 0.75,
    });
  });

  it('a reopened job that fails later is still one job; its history says both ends', () => {
    end(T0 + 1000, 'done', 100, 0.5);
    recordFinished(ctx, 'j');
    end(T0 + 9000, 'done', 120, 0.5, 'failed');
    recordFinished(ctx, 'j');
    expect(db.prepare('SELECT status FROM job_history ORDER BY seq').pluck().all()).toEqual([
      'completed',
      'failed',
    ]);
    expect(metrics()).toEqual({
      jobs_completed: 1,
      jobs_failed: 0,
      output_tokens: 120,
      cost_usd: 0.5,
    });
  });
});
