import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindInsight } from '../../src/engine/index.js';
import { kindOf } from '../../src/engine/insights/kinds.js';
import { recommend } from '../../src/engine/insights/insights.js';
import { taskMessage } from '../../src/engine/orchestrator/prompts.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

/**
 * Experience from history: finished jobs seeded into a real store's job_history, read back by
 * `cc-agent insights` per kind of task and setup, and the documented rule picking the setup
 * that `start --auto` and the orchestrator's task messages use.
 */
let seq = 0;
function seed(
  h: Harness,
  runs: { prompt: string; model: string; effort: string; ok: boolean; cost: number; ms: number }[],
): void {
  const db = new Database(join(h.home, 'cc-agent.db'));
  const insert = db.prepare(
    'INSERT INTO job_history (job_id, status, ended_at, duration_ms, data) VALUES (?, ?, ?, ?, ?)',
  );
  for (const r of runs) {
    const id = `h${String(++seq).padStart(7, '0')}`;
    const job = {
      id,
      kind: 'worker',
      promptPreview: r.prompt,
      sandbox: 'workspace-write',
      model: r.model,
      effort: r.effort,
      costUsd: r.cost,
      tokens: { input: 1000, output: Math.round(r.cost * 1000), cacheRead: 0, cacheCreation: 0 },
    };
    insert.run(
      id,
      r.ok ? 'completed' : 'failed',
      1_700_000_000_000 + seq,
      r.ms,
      JSON.stringify(job),
    );
  }
  db.close();
}
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('insights', () => {
  let h: Harness;
  beforeAll(async () => {
    h = createHarness('insights');
    expect(await h.ok(['insights'])).toBe(
      'no finished jobs yet: insights learn from what agents did',
    );
    seed(h, [
      // fix: opus/xhigh always lands; sonnet/high is cheaper but 25 points worse.
      ...times(4, (i) => ({
        prompt: `Fix bug ${i}`,
        model: 'opus',
        effort: 'xhigh',
        ok: true,
        cost: 1,
        ms: 60_000,
      })),
      ...times(4, (i) => ({
        prompt: `fix crash ${i}`,
        model: 'sonnet',
        effort: 'high',
        ok: i > 0,
        cost: 0.2,
        ms: 30_000,
      })),
      // test: both always land; sonnet/medium is cheaper.
      ...times(3, (i) => ({
        prompt: `Add tests for ${i}`,
        model: 'opus',
        effort: 'xhigh',
        ok: true,
        cost: 0.9,
        ms: 50_000,
      })),
      ...times(3, (i) => ({
        prompt: `Write tests ${i}`,
        model: 'sonnet',
        effort: 'medium',
        ok: true,
        cost: 0.1,
        ms: 20_000,
      })),
      // docs: too few runs to say.
      ...times(2, () => ({
        prompt: 'Update the README docs',
        model: 'haiku',
        effort: 'low',
        ok: true,
        cost: 0.05,
        ms: 5_000,
      })),
      // a label outranks the words.
      ...times(3, () => ({
        prompt: 'Fix the flaky login #security',
        model: 'opus',
        effort: 'max',
        ok: true,
        cost: 2,
        ms: 90_000,
      })),
    ]);
  });
  afterAll(() => h?.cleanup());

  it('groups by kind and sandbox, with success, time, tokens and cost per model and effort', async () => {
    const all = JSON.parse(await h.ok(['insights', '--json'])) as KindInsight[];
    const fix = all.find((k) => k.kind === 'fix');
    expect(fix).toMatchObject({
      sandbox: 'workspace-write',
      runs: 8,
      successRate: 7 / 8,
      medianMs: 45_000,
    });
    expect(fix?.setups).toEqual([
      expect.objectContaining({
        model: 'opus',
        effort: 'xhigh',
        runs: 4,
        successRate: 1,
        medianCostUsd: 1,
      }),
      expect.objectContaining({
        model: 'sonnet',
        effort: 'high',
        runs: 4,
        successRate: 0.75,
        medianCostUsd: 0.2,
        medianMs: 30_000,
        medianTokens: 1200,
      }),
    ]);
    expect(fix?.recommended).toEqual({ model: 'opus', effort: 'xhigh' });
    expect(all.find((k) => k.kind === 'test')?.recommended).toEqual({
      model: 'sonnet',
      effort: 'medium',
    });
    expect(all.find((k) => k.kind === 'docs')?.recommended).toBeNull();
    expect(all.find((k) => k.kind === 'security')?.runs).toBe(3);
    const text = await h.ok(['insights']);
    expect(text.split('\n')[0]).toMatch(
      /^KIND\s+SANDBOX\s+MODEL\/EFFORT\s+RUNS\s+SUCCESS\s+MEDIAN TIME\s+TOKENS\s+COST/,
    );
    expect(text).toMatch(
      /^fix\s+workspace-write\s+opus\/xhigh\s+4\s+100%\s+1m\S*\s+2000\s+\$1\.00\s+recommended$/m,
    );
  });

  it('start --auto takes the recommended setup; given -m/-r win; no history keeps the defaults', async () => {
    const plan = (args: string[]) =>
      h.ok(['start', '--agent', 'demo', '--auto', '--dry-run', ...args], { cwd: h.tempDir('w') });
    const fix = await plan(['--', 'Fix the parser bug']);
    expect(fix).toContain('# auto: fix tasks do best with -m opus -r xhigh (cc-agent insights)');
    expect(fix).toMatch(/"--model",\s*"opus"/);
    expect(fix).toMatch(/"--effort",\s*"xhigh"/);
    const test = await plan(['--', 'Write tests for the parser']);
    expect(test).toMatch(/"--model",\s*"sonnet"/);
    expect(test).toMatch(/"--effort",\s*"medium"/);
    const given = await plan(['-m', 'haiku', '--', 'Fix the parser bug']);
    expect(given).not.toContain('# auto:');
    expect(given).toMatch(/"--model",\s*"haiku"/);
    const none = await plan(['--', 'Ponder the universe']);
    expect(none).toContain('# auto: no history for this kind of task yet: the defaults');
  });
});

describe('the rule and the words', () => {
  it('kinds: a label, then the first word family, else other', () => {
    expect(kindOf('Fix the failing tests')).toBe('test');
    expect(kindOf('Refactor the auth module [kind:auth]')).toBe('auth');
    expect(kindOf('Audit the session code')).toBe('review');
    expect(kindOf('Implement rate limiting')).toBe('feature');
    expect(kindOf('Ponder')).toBe('other');
  });

  it('recommends nothing below 3 runs, and the cheapest within 10 points of the best', () => {
    const s = (model: string, runs: number, successRate: number, medianCostUsd: number) => ({
      model,
      effort: null,
      runs,
      successRate,
      medianMs: 1000,
      medianTokens: 1,
      medianCostUsd,
    });
    expect(recommend([s('a', 2, 1, 1)])).toBeNull();
    expect(recommend([s('a', 5, 1, 1), s('b', 5, 0.95, 0.1)])).toEqual({
      model: 'b',
      effort: null,
    });
    expect(recommend([s('a', 5, 1, 1), s('b', 5, 0.8, 0.1)])).toEqual({ model: 'a', effort: null });
  });

  it("the orchestrator's task message carries the advice", () => {
    const task = { id: 't1', priority: 0, after: [], budgetUsd: null, prompt: 'Fix it' } as never;
    expect(taskMessage(task, { kind: 'fix', model: 'opus', effort: 'xhigh' })).toContain(
      'From past fix tasks (cc-agent insights), workers for it do best with -m opus -r xhigh.',
    );
    expect(taskMessage(task)).not.toContain('insights');
  });
});
