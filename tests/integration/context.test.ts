import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { userPrompts } from '../helpers/demo-transcript.js';
import { READY, jobJson, startDemo, waitForScreen } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

describe('context commands wait for the agent, not for the clock', () => {
  let h: Harness;
  let id: string;
  beforeAll(async () => {
    h = createHarness('ctx');
    id = await startDemo(h, 'first task');
    await waitForScreen(h, id, READY);
  });
  afterAll(() => h.cleanup());

  it('clear starts a new session and the job follows it', async () => {
    const before = await jobJson(h, id);
    const newSession = await h.ok(['clear', id]);
    expect(newSession).toMatch(/^[0-9a-f-]{36}$/);
    expect(newSession).not.toBe(before.sessionId);
    expect((await jobJson(h, id)).sessionId).toBe(newSession);
  });

  it('clear interrupts a running turn first', async () => {
    await h.ok(['send', id, '[[work 60]]']);
    await waitForScreen(h, id, 'esc to interrupt');
    const session = await h.ok(['clear', id]);
    expect((await jobJson(h, id)).sessionId).toBe(session);
    const screen = await h.ok(['capture', id, '50']);
    expect(screen).toMatch(READY);
  });

  it('usage opens the usage view, prints its figures and closes it', async () => {
    const out = await h.ok(['usage', id]);
    expect(out).toMatch(/^context +\d+% of [\d,]+ tokens$/m);
    await waitForScreen(h, id, READY);
  });

  it('reuse clears and hands over a new task in the new session', async () => {
    const old = (await jobJson(h, id)).sessionId;
    await h.ok(['reuse', id, '--', '-new task with "quotes"']);
    const job = await jobJson(h, id);
    expect(job.sessionId).not.toBe(old);
    expect(job.promptPreview).toBe('-new task with "quotes"');
    const prompts = await waitFor(() => {
      const p = userPrompts(h.home, job.sessionId as string);
      return p.length > 0 ? p : undefined;
    }, 'the reused task in the new transcript');
    expect(prompts).toEqual(['-new task with "quotes"']);
  });

  it('send refuses while a permission dialog is up instead of typing into it', async () => {
    const ask = await startDemo(
      h,
      '[[bash "curl -s --max-time 1 http://127.0.0.1:9/needs-permission || true"]]',
    );
    await waitForScreen(h, ask, 'Do you want to proceed?');
    const r = await h.cli(['send', ask, 'hello']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('permission dialog');
  });
});
