import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { jobJson, startDemo, waitForScreen } from '../helpers/jobs.js';
import { serveDetached } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait-for.js';

interface Note {
  kind: string;
  title: string;
  job: string | null;
}

/**
 * Budgets end to end on real tmux: a simulated agent that spends past `--budget` is stopped by
 * the live engine (serve's) through its pane, and told why; the daily budget refuses starts and
 * pauses the orchestrator's queue until the setting is raised.
 */
describe('budgets', () => {
  let h: Harness;
  let out: string;

  beforeAll(async () => {
    h = createHarness('budget');
    const dir = h.tempDir('notifier');
    out = join(dir, 'notifications.jsonl');
    writeFileSync(
      join(dir, 'record.mjs'),
      `import { appendFileSync } from 'node:fs';
let s = '';
process.stdin.on('data', (b) => (s += b)).on('end', () => appendFileSync(process.argv[2], s));
`,
    );
    await h.ok([
      'settings',
      'notify.command',
      JSON.stringify([process.execPath, join(dir, 'record.mjs'), out]),
    ]);
    await serveDetached(h);
  }, 60_000);
  afterAll(() => h?.cleanup());

  const notes = (): Note[] =>
    existsSync(out)
      ? readFileSync(out, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Note)
      : [];

  it('refuses a bad --budget in one line naming it', async () => {
    for (const bad of ['abc', '0', '-1']) {
      const r = await h.cli(['start', '--agent', 'demo', '--budget', bad, 'hello']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--budget');
    }
    const q = await h.cli(['queue', 'add', '--budget', 'lots', 'a task']);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('--budget');
  });

  it('stops a job at its budget once: Escape, the line typed, marked, one notification', async () => {
    const id = await startDemo(h, '[[spend 0.3]] [[read notes.txt]] [[work 120]] [[say "never"]]', [
      '--budget',
      '0.2',
    ]);
    const screen = await waitForScreen(h, id, 'cc-agent: budget of $0.20 reached; stopping');
    expect(screen).toContain('Interrupted');
    expect(screen).not.toContain('● never');
    const job = await waitFor(async () => {
      const j = await jobJson(h, id);
      return j.budgetReachedAt ? j : undefined;
    }, 'the job marked at its budget');
    expect(job.budgetUsd).toBe(0.2);
    expect(job.costUsd).toBeGreaterThanOrEqual(0.2);
    expect(job.error).toMatch(/^budget reached: \$0\.\d\d of \$0\.20$/);
    expect(await h.ok(['status', id])).toMatch(/budget\s+\$0\.20 · reached .*: stopped/);
    const listed = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    expect(listed.find((j) => j.id === id)?.budgetUsd).toBe(0.2);
    await waitFor(() => notes().some((n) => n.kind === 'budget' && n.job === id), 'a notification');
    // The typed line was answered: its turn ended; still exactly one budget notification.
    await waitForScreen(h, id, 'Done: cc-agent: budget of $0.20 reached');
    expect(notes().filter((n) => n.kind === 'budget' && n.job === id)).toHaveLength(1);
  }, 60_000);

  it('at the daily budget refuses starts and pauses the queue; raising it lifts both', async () => {
    await h.ok(['settings', 'budget.daily_usd', '0.25']);
    const r = await h.cli(['start', '--agent', 'demo', 'hello']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('daily budget reached');
    await waitFor(
      () => notes().some((n) => n.kind === 'budget' && n.job === null),
      'the daily budget notification',
    );
    await h.ok(['orchestrator', 'start', '--agent', 'demo'], { cwd: h.tempDir('work') });
    const task = await h.ok(['queue', 'add', '--budget', '1', '[[say "task ran"]]']);
    // The orchestrator's first turn ends (it would be handed the task then) and a pulse passes.
    await waitFor(async () => {
      const o = await jobJson(h, 'orch');
      return o.activity === 'waiting' || o.activity === 'idle';
    }, 'the orchestrator at its prompt');
    const pending = async (): Promise<Task | undefined> =>
      (JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[]).find((t) => t.id === task);
    expect((await pending())?.status).toBe('pending');
    expect((await pending())?.budgetUsd).toBe(1);
    await h.ok(['settings', 'budget.daily_usd', '100']);
    await waitFor(
      async () => ((await pending())?.status !== 'pending' ? true : undefined),
      'the task dispatched once the budget was raised',
      30_000,
    );
    expect(notes().filter((n) => n.kind === 'budget' && n.job === null)).toHaveLength(1);
    expect((await h.cli(['start', '--agent', 'demo', 'hello'])).code).toBe(0);
  }, 90_000);
});
