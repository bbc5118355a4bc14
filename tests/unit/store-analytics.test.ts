import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFinished } from '../../src/engine/store/history.js';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import type { EngineContext } from '../../src/engine/context.js';
import { jobRow } from '../helpers/job-row.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

const DAY = 24 * 60 * 60 * 1000;
const T = Date.parse('2026-03-10T12:00:00.000Z');

describe('analytics reads (SQLite)', () => {
  let t: TempStore;
  let jobs: JobsRepo;
  beforeEach(() => {
    t = tempStore('store-analytics');
    jobs = new JobsRepo(t.db);
  });
  afterEach(() => t.close());

  const ended = (id: string, at: number, over: Parameters<typeof jobRow>[1] = {}) =>
    jobs.insert(jobRow(id, { status: 'completed', started_at: at - 5000, ended_at: at, ...over }));

  it('reads filed days, unfiled ends and runs without counting a job twice, announcing nothing', () => {
    ended('filed001', T);
    jobs.update('filed001', { input_tokens: 10, output_tokens: 5, cost_usd: 0.5 });
    const ctx = { db: t.db, jobs, now: () => T } as unknown as EngineContext;
    recordFinished(ctx, 'filed001');
    ended('loose001', T - DAY, { status: 'failed' });
    jobs.update('loose001', {
      input_tokens: 7,
      cache_read_tokens: 3,
      output_tokens: 1,
      cost_usd: 0.25,
    });
    ended('other001', T - 10 * DAY);

    expect(t.store.analytics.days('2026-03-09', '2026-03-10')).toEqual([
      { day: '2026-03-10', jobs: 1, tokens: 15, costUsd: 0.5, events: 0 },
    ]);
    expect(t.store.analytics.days('2026-03-11', '2026-03-12')).toEqual([]);
    const loose = t.store.analytics.unfiled(T - 2 * DAY, T + DAY);
    expect(loose).toEqual([{ endedAt: T - DAY, cost: 0.25, tokens: 11 }]);
    expect(t.store.analytics.unfiled(T - DAY + 1, T + DAY)).toEqual([]);
    const runs = t.store.analytics.runs(10);
    expect(runs.map((r) => [r.id, r.status, r.ms, r.backend])).toEqual([
      ['filed001', 'completed', 5000, 'demo'],
      ['loose001', 'failed', 5000, 'demo'],
      ['other001', 'completed', 5000, 'demo'],
    ]);
    expect(t.store.analytics.runs(1).map((r) => r.id)).toEqual(['filed001']);
    expect(t.take()).toEqual([]);
  });

  it('counts the tools of stored PreToolUse events, not orphans, most used first', () => {
    let n = 0;
    const use = (tool: string | null, orphan = false, event = 'PreToolUse') =>
      t.store.hookEvents.insert({
        spoolName: `${++n}.json`,
        jobId: 'j',
        ts: n,
        event,
        sessionId: null,
        toolName: tool,
        payload: {},
        orphan,
      });
    ['Bash', 'Edit', 'Bash', 'Read', 'Edit', 'Bash'].forEach((x) => use(x));
    use('Bash', true);
    use('Write', false, 'PostToolUse');
    use(null);
    use('');
    expect(t.store.analytics.tools(2)).toEqual([
      { tool: 'Bash', count: 3 },
      { tool: 'Edit', count: 2 },
    ]);
    expect(t.store.analytics.tools(10).map((x) => x.tool)).toEqual(['Bash', 'Edit', 'Read']);
  });
});
