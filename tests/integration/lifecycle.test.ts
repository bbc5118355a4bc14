import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { userPrompts } from '../helpers/demo-transcript.js';
import { READY, jobJson, startDemo, waitForScreen, waitForStatus } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/** Text that breaks anything that goes near a shell or treats words as tmux key names. */
const NASTY = `-dash first "double" 'single' $(touch /tmp/pwned) \`uname\` ; && | > x Enter Space C-c
second line\ttab \\ backslash 🎉 emoji 中文 日本語 ${'é'.repeat(3)}`;

describe('agent lifecycle on real tmux with the simulated agent', () => {
  let h: Harness;
  let id: string;
  beforeAll(() => {
    h = createHarness('life');
  });
  afterAll(() => h.cleanup());

  it('start returns the id, creates the session, prompt file and JSON mirror', async () => {
    const dir = h.tempDir('work dir with spaces');
    id = await startDemo(h, NASTY, ['-d', dir, '-m', 'sonnet', '-r', 'high']);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
    expect(readFileSync(`${h.home}/jobs/${id}.prompt`, 'utf8')).toBe(NASTY);
    const mirror = JSON.parse(readFileSync(`${h.home}/jobs/${id}.json`, 'utf8')) as Job;
    expect(mirror).toMatchObject({
      id,
      status: 'running',
      backend: 'demo',
      model: 'sonnet',
      effort: 'high',
      dir,
    });
    expect(mirror.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the prompt reaches the agent byte-for-byte as one prompt', async () => {
    await waitForScreen(h, id, READY);
    const job = await jobJson(h, id);
    const prompts = await waitFor(() => {
      const p = userPrompts(h.home, job.sessionId as string);
      return p.length > 0 ? p : undefined;
    }, 'the first prompt in the transcript');
    expect(prompts).toEqual([NASTY]);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it('send delivers nasty text as exactly one more prompt', async () => {
    const job = await jobJson(h, id);
    await h.ok(['send', id, '--', NASTY]);
    const prompts = await waitFor(() => {
      const p = userPrompts(h.home, job.sessionId as string);
      return p.length >= 2 ? p : undefined;
    }, 'the sent message in the transcript');
    expect(prompts).toEqual([NASTY, NASTY]);
  });

  it('send reads the message from stdin with -', async () => {
    const job = await jobJson(h, id);
    await waitForScreen(h, id, READY);
    await h.ok(['send', id, '-'], { input: 'from stdin\nline two' });
    const prompts = await waitFor(() => {
      const p = userPrompts(h.home, job.sessionId as string);
      return p.length >= 3 ? p : undefined;
    }, 'the stdin message in the transcript');
    expect(prompts[2]).toBe('from stdin\nline two');
  });

  it('jobs lists it as running, in JSON and as a table', async () => {
    const list = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    expect(list.map((j) => [j.id, j.status])).toEqual([[id, 'running']]);
    const table = await h.ok(['jobs']);
    expect(table).toMatch(new RegExp(`^${id}\\s+running`, 'm'));
  });

  it('capture prints the rendered screen, last N lines, no trailing blank rows', async () => {
    await waitForScreen(h, id, READY);
    const out = await h.ok(['capture', id, '5']);
    const lines = out.split('\n');
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines.at(-1)?.trim()).not.toBe('');
    expect(out).toContain('shift+tab to cycle');
    expect(out).not.toContain('\x1b[');
  });

  it('output returns the pipe-pane log; --strip-ansi removes escapes', async () => {
    const raw = await h.ok(['output', id]);
    expect(raw).toContain('\x1b[');
    const plain = await h.ok(['output', id, '--strip-ansi']);
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain('shift+tab to cycle');
  });

  it('attach prints the tmux command for this socket', async () => {
    const out = await h.ok(['attach', id]);
    expect(out).toBe(`tmux -L ${h.socket} attach-session -t =cc-agent-${id}`);
  });

  it('kill stops a running agent; killing it again is a no-op with a clear note', async () => {
    expect(await h.ok(['kill', id])).toBe(`killed ${id}`);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${id}`]).code).not.toBe(0);
    const job = await waitForStatus(h, id, 'killed');
    expect(job.endedAt).not.toBeNull();
    const again = await h.cli(['kill', id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already ended (killed)');
  });

  it('send to an ended job fails with one clear line', async () => {
    const r = await h.cli(['send', id, 'hello']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      `cc-agent: job ${id} is not running (killed) and its session is gone (cc-agent resume ${id})`,
    ]);
  });

  it('delete removes the job, its session and its files', async () => {
    expect(await h.ok(['delete', id])).toBe(`deleted ${id}`);
    for (const ext of ['prompt', 'json', 'log', 'settings.json']) {
      expect(existsSync(`${h.home}/jobs/${id}.${ext}`)).toBe(false);
    }
    const r = await h.cli(['status', id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no job with id '${id}'`);
  });
});
