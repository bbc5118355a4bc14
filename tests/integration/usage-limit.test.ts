import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, Job, Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { eventsOf, jobJson, startDemo } from '../helpers/jobs.js';
import { serveDetached } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A fleet at its plan's usage limit, end to end on real tmux: two simulated agents hit the
 * limit (screen, transcript, StopFailure), become rate_limited with their reset time, the
 * orchestrator hands out nothing meanwhile, and at the reset every agent is told "continue"
 * exactly once (two live engines run: serve's and the pulse's) and the queue moves again.
 */
describe('usage limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = createHarness('limits');
    await serveDetached(h);
  }, 60_000);
  afterAll(() => h?.cleanup());

  const activity = async (): Promise<ActivityEntry[]> =>
    JSON.parse(await h.ok(['activity', '--json'])) as ActivityEntry[];
  const task = async (id: string): Promise<Task | undefined> =>
    (JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[]).find((t) => t.id === id);

  it('pauses the fleet and the queue at the limit, and resumes both at the reset with no keypress', async () => {
    const out = await h.ok(['orchestrator', 'start', '--agent', 'demo'], { cwd: h.tempDir('w') });
    expect(out).toMatch(/^orchestrator started \(demo\)/m);
    const before = Date.now();
    const a = await startDemo(h, 'Refactor [[limit 12]] [[say "never said"]]');
    const b = await startDemo(h, 'Test [[limit 12]]');
    const limited = async (id: string): Promise<Job> =>
      waitFor(async () => {
        const j = await jobJson(h, id);
        return j.activity === 'rate_limited' ? j : undefined;
      }, `job ${id} to be rate_limited`);
    const [ja, jb] = [await limited(a), await limited(b)];
    for (const j of [ja, jb]) {
      expect(j.status).toBe('running');
      expect(j.activityDetail?.label).toMatch(/^You've hit your limit · resets \d+:\d\d:\d\dpm|am/);
      const reset = j.activityDetail?.limitResetAt ?? 0;
      expect(reset).toBeGreaterThan(before + 10_000);
      expect(reset).toBeLessThan(Date.now() + 13_000);
    }
    expect(await h.ok(['jobs'])).toMatch(new RegExp(`${a}\\s+running\\s+rate_limited`));

    // The queue gets a task while the fleet is paused: nothing is handed out.
    await h.ok([
      'queue',
      'add',
      '--id',
      'after-limit',
      '[[work 0.2]] [[bash "cc-agent queue done --result ok"]]',
    ]);
    // Claimed only after the reset (below): nothing was handed out while the fleet was paused.
    expect(await task('after-limit')).toMatchObject({ jobId: null });

    // At the reset: "continue", typed once into each, with nobody at the keyboard.
    for (const id of [a, b]) {
      const prompts = await waitFor(async () => {
        const p = (await eventsOf(h, id))
          .filter((e) => e.event === 'UserPromptSubmit')
          .map((e) => String(e.payload['prompt']));
        return p.includes('continue') ? p : undefined;
      }, `job ${id} to be told to continue`);
      expect(prompts.filter((p) => p === 'continue')).toHaveLength(1);
      const e = (await eventsOf(h, id)).find((x) => x.payload['prompt'] === 'continue');
      expect(e?.ts ?? 0).toBeGreaterThanOrEqual(ja.activityDetail?.limitResetAt ?? Infinity);
    }
    const done = await waitFor(
      async () => {
        const t = await task('after-limit');
        return t?.status === 'done' ? t : undefined;
      },
      'the queued task to run after the reset',
      60_000,
    );
    expect(Date.parse(done.startedAt ?? '')).toBeGreaterThanOrEqual(
      ja.activityDetail?.limitResetAt ?? Infinity,
    );
    const resumed = (await activity()).filter((e) => e.kind === 'limit_resumed');
    expect(resumed.map((e) => e.detail['job']).sort()).toEqual([a, b].sort());
    for (const id of [a, b]) expect((await jobJson(h, id)).activity).not.toBe('rate_limited');
    await h.ok(['orchestrator', 'stop']);
  });
});
