import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analytics } from '../../src/engine/analytics.js';
import type { EngineContext } from '../../src/engine/context.js';
import { EngineEvents } from '../../src/engine/events/emitter.js';
import { openDb, type SqliteDb as Db } from '../../src/engine/store/db.js';
import { sqliteStore } from '../../src/engine/store/sqlite-store.js';
import { countEvents, recordFinished } from '../../src/engine/store/history.js';
import { JobsRepo, type JobRow, type NewJobRow } from '../../src/engine/store/jobs-repo.js';
import { jobRow } from '../helpers/job-row.js';

const NOW = Date.parse('2024-03-15T10:00:00.000Z');
const at = (iso: string): number => Date.parse(iso);

describe('analytics', () => {
  let dir: string;
  let db: Db;
  let now: number;
  let ctx: EngineContext;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-analytics-'));
    db = openDb(join(dir, 'cc-agent.db'));
    now = NOW;
    // analytics, recordFinished and countEvents only use the store and the clock.
    const store = sqliteStore(db, new EngineEvents());
    ctx = { db, jobs: new JobsRepo(db), store, now: () => now } as unknown as EngineContext;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Insert a job row; figures the hooks/transcripts would settle are set by direct SQL. */
  function job(
    id: string,
    over: Partial<NewJobRow> = {},
    figures: Partial<Pick<JobRow, 'input_tokens' | 'output_tokens' | 'cache_read_tokens'>> &
      Partial<Pick<JobRow, 'cache_creation_tokens' | 'cost_usd'>> = {},
  ): void {
    ctx.jobs.insert(
      jobRow(id, {
        model: null,
        effort: null,
        dir: '/w',
        prompt_preview: `do ${id}`,
        prompt_bytes: 5,
        tmux_socket: null,
        status: 'completed',
        activity: null,
        exit_code: 0,
        argv: '[]',
        files: '[]',
        created_at: NOW - 3_600_000,
        updated_at: NOW,
        ...over,
      }),
    );
    const cols = Object.keys(figures);
    if (cols.length > 0)
      db.prepare(
        `UPDATE jobs SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
      ).run({ ...figures, id });
  }

  function hook(event: string, tool: string | null, n = 1): void {
    const insert = db.prepare(
      `INSERT INTO hook_events (spool_name, job_id, ts, event, session_id, tool_name, payload)
       VALUES (?, 'j', ?, ?, NULL, ?, '{}')`,
    );
    for (let i = 0; i < n; i++) insert.run(`${event}-${tool}-${i}`, NOW, event, tool);
  }

  function seed(): void {
    // Filed the normal way (recordFinished): in job_history and daily_metrics.
    job(
      'a',
      { started_at: at('2024-03-15T09:00:00Z'), ended_at: at('2024-03-15T09:01:30Z') },
      {
        input_tokens: 100,
        output_tokens: 50,
        cache_read_tokens: 1000,
        cache_creation_tokens: 10,
        cost_usd: 0.5,
      },
    );
    recordFinished(ctx, 'a');
    // Never started (failed to launch): no duration; ended just before midnight UTC.
    job('b', { status: 'failed', exit_code: 1, ended_at: at('2024-03-14T23:59:59.999Z') });
    recordFinished(ctx, 'b');
    // The first day of a 14-day window, then cleaned from jobs: history keeps it.
    job(
      'c',
      {
        status: 'killed',
        started_at: at('2024-03-02T00:00:00Z'),
        ended_at: at('2024-03-02T00:00:02.400Z'),
      },
      { output_tokens: 4, cost_usd: 0.25 },
    );
    recordFinished(ctx, 'c');
    ctx.jobs.delete('c');
    // The day before the window: in durations, not in days.
    job('d', { started_at: at('2024-03-01T22:00:00Z'), ended_at: at('2024-03-01T23:00:00Z') });
    recordFinished(ctx, 'd');
    // Ended but never filed (e.g. a crash before recordFinished): only in jobs.
    job(
      'e',
      { started_at: at('2024-03-15T07:59:00Z'), ended_at: at('2024-03-15T08:00:00Z') },
      { input_tokens: 7, output_tokens: 3, cost_usd: 0.125 },
    );
    // Still running: not finished, nowhere.
    job('f', { status: 'running', started_at: NOW - 1000 }, { output_tokens: 999 });
    countEvents(ctx, 5);
    now = at('2024-03-10T12:00:00Z');
    countEvents(ctx, 2);
    now = NOW;
  }

  it('gives one row per UTC day, oldest first, zeros where nothing happened', () => {
    seed();
    const { days } = analytics(ctx);
    expect(days).toHaveLength(14);
    expect(days[0]?.day).toBe('2024-03-02');
    expect(days[13]?.day).toBe('2024-03-15');
    const busy = days.filter((d) => d.jobs > 0 || d.events > 0 || d.tokens > 0 || d.costUsd > 0);
    expect(busy).toEqual([
      { day: '2024-03-02', jobs: 1, tokens: 4, costUsd: 0.25, events: 0 },
      { day: '2024-03-10', jobs: 0, tokens: 0, costUsd: 0, events: 2 },
      { day: '2024-03-14', jobs: 1, tokens: 0, costUsd: 0, events: 0 },
      // a (filed: 100 + 1000 + 10 input, 50 output) + e (unfiled: 7 + 3)
      { day: '2024-03-15', jobs: 2, tokens: 1170, costUsd: 0.625, events: 5 },
    ]);
    expect(days.find((d) => d.day === '2024-03-05')).toEqual({
      day: '2024-03-05',
      jobs: 0,
      tokens: 0,
      costUsd: 0,
      events: 0,
    });
  });

  it('honours the number of days asked for', () => {
    seed();
    expect(analytics(ctx, 2).days.map((d) => [d.day, d.jobs])).toEqual([
      ['2024-03-14', 1],
      ['2024-03-15', 2],
    ]);
    expect(analytics(ctx, 1).days.map((d) => d.day)).toEqual(['2024-03-15']);
    expect(analytics(ctx, 0).days).toEqual([]);
  });

  it('lists finished jobs newest first with their run time, each job once', () => {
    seed();
    expect(analytics(ctx).durations).toEqual([
      { id: 'a', backend: 'demo', status: 'completed', seconds: 90, prompt: 'do a' },
      { id: 'e', backend: 'demo', status: 'completed', seconds: 60, prompt: 'do e' },
      { id: 'b', backend: 'demo', status: 'failed', seconds: 0, prompt: 'do b' },
      { id: 'c', backend: 'demo', status: 'killed', seconds: 2, prompt: 'do c' },
      { id: 'd', backend: 'demo', status: 'completed', seconds: 3600, prompt: 'do d' },
    ]);
  });

  it('does not count a job twice once it is filed late', () => {
    seed();
    const before = analytics(ctx);
    recordFinished(ctx, 'e');
    const after = analytics(ctx);
    expect(after.days).toEqual(before.days);
    expect(after.durations).toEqual(before.durations);
  });

  it('keeps only the 20 most recent finished jobs', () => {
    for (let i = 0; i < 25; i++) {
      const id = `j${String(i).padStart(2, '0')}`;
      job(id, { started_at: NOW - 100_000, ended_at: NOW - 100_000 + i * 1000 });
      recordFinished(ctx, id);
    }
    const { durations } = analytics(ctx);
    expect(durations).toHaveLength(20);
    expect(durations[0]).toMatchObject({ id: 'j24', seconds: 24 });
    expect(durations[19]).toMatchObject({ id: 'j05', seconds: 5 });
  });

  it('ranks the tools of PreToolUse events, top 10, ties by name', () => {
    hook('PreToolUse', 'Bash', 3);
    hook('PostToolUse', 'Bash', 9);
    hook('PostToolUse', 'Glob', 9);
    hook('PreToolUse', 'Read', 2);
    hook('PreToolUse', 'Edit', 2);
    hook('PreToolUse', null, 4);
    hook('Stop', null);
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']) hook('PreToolUse', t);
    expect(analytics(ctx).tools).toEqual([
      { tool: 'Bash', count: 3 },
      { tool: 'Edit', count: 2 },
      { tool: 'Read', count: 2 },
      { tool: 'T1', count: 1 },
      { tool: 'T2', count: 1 },
      { tool: 'T3', count: 1 },
      { tool: 'T4', count: 1 },
      { tool: 'T5', count: 1 },
      { tool: 'T6', count: 1 },
      { tool: 'T7', count: 1 },
    ]);
  });

  it('an empty store gives zero rows, no durations, no tools', () => {
    const a = analytics(ctx, 3);
    expect(a).toEqual({
      days: ['2024-03-13', '2024-03-14', '2024-03-15'].map((day) => ({
        day,
        jobs: 0,
        tokens: 0,
        costUsd: 0,
        events: 0,
      })),
      durations: [],
      tools: [],
    });
  });
});
