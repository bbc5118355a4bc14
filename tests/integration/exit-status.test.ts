import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { READY, jobJson, startDemo, waitForScreen, waitForStatus } from '../helpers/jobs.js';

describe('how an agent ends is recorded', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('exit');
  });
  afterAll(() => h.cleanup());

  it('an agent that crashes becomes failed with its exit code', async () => {
    const id = await startDemo(h, 'about to crash [[exit 3]]');
    const job = await waitForStatus(h, id, 'failed');
    expect(job.exitCode).toBe(3);
    expect(job.error).toContain('status 3');
    // Its pane is kept so the last screen can still be read.
    const cap = await h.ok(['capture', id, '20']);
    expect(cap.length).toBeGreaterThan(0);
  });

  it('a clean exit (/exit) becomes completed with code 0', async () => {
    const id = await startDemo(h, '[[say "ready"]]');
    await waitForScreen(h, id, READY);
    await h.ok(['send', id, '/exit']);
    const job = await waitForStatus(h, id, 'completed');
    expect(job.exitCode).toBe(0);
    expect(job.error).toBeNull();
  });

  it('a session killed behind our back becomes failed, not running forever', async () => {
    const id = await startDemo(h, '[[work 30]]');
    expect(h.tmux(['kill-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
    const job = await jobJson(h, id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('disappeared');
  });

  it('send to an agent that vanished (store not yet told) says how the job ended', async () => {
    const id = await startDemo(h, '[[work 30]]');
    await waitForScreen(h, id, 'esc to interrupt');
    expect(h.tmux(['kill-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
    const r = await h.cli(['send', id, 'anyone there?']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `cc-agent: job ${id} is not running (failed) and its session is gone (cc-agent resume ${id})`,
    );
  });

  it('watch streams output until the job ends, then reports how', async () => {
    const id = await startDemo(h, '[[say "streaming-marker-1"]] [[work 1]] [[exit 4]]');
    const r = await h.cli(['watch', id, '--strip-ansi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('streaming-marker-1');
    expect(r.stderr).toContain(`job ${id} failed (exit 4)`);
  });

  it('kill --completed removes the kept panes of ended jobs only', async () => {
    const running = await startDemo(h, '[[work 30]]');
    const ended = await startDemo(h, '[[exit 0]]');
    await waitForStatus(h, ended, 'completed');
    expect(h.tmux(['has-session', '-t', `=cc-agent-${ended}`]).code).toBe(0);
    await h.ok(['kill', '--completed']);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${ended}`]).code).not.toBe(0);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${running}`]).code).toBe(0);
    expect((await jobJson(h, running)).status).toBe('running');
  });

  it('clean --older-than forgets ended jobs and keeps running ones', async () => {
    const before = JSON.parse(await h.ok(['jobs', '--json'])) as { id: string; status: string }[];
    const ended = before.filter((j) => j.status !== 'running').map((j) => j.id);
    expect(ended.length).toBeGreaterThan(0);
    const out = JSON.parse(await h.ok(['clean', '--older-than', '0s', '--json'])) as {
      removed: string[];
    };
    expect(out.removed.sort()).toEqual(ended.sort());
    const after = JSON.parse(await h.ok(['jobs', '--json'])) as { status: string }[];
    expect(after.every((j) => j.status === 'running')).toBe(true);
    expect(after.length).toBe(before.length - ended.length);
  });
});
