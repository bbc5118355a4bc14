import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Job } from '../../src/engine/index.js';
import { openTerminal, serveDetached } from '../helpers/serve.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { eventsOf, startDemo, turnDone, waitForStatus } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * `cc-agent serve --detach` for real: a node HTTP server on a free port over a live engine,
 * simulated agents in tmux, a WebSocket terminal typing into one of them.
 */
describe('cc-agent serve', () => {
  let h: Harness;
  let base: string;
  let token: string;
  let agent: string;

  beforeAll(async () => {
    h = createHarness('serve');
    agent = await startDemo(h, '[[say "ready"]]');
    await turnDone(h, agent, 'ready');
    ({ base, token } = await serveDetached(h));
  });
  afterAll(() => h?.cleanup());

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });

  it('keeps its token in a 0600 file and refuses requests without it', async () => {
    expect(readFileSync(join(h.home, 'server-token'), 'utf8').trim()).toBe(token);
    const { statSync } = await import('node:fs');
    expect(statSync(join(h.home, 'server-token')).mode & 0o777).toBe(0o600);
    expect((await fetch(`${base}/api/jobs`)).status).toBe(401);
    const jobs = (await (await api('/api/jobs')).json()) as Job[];
    expect(jobs.map((j) => j.id)).toContain(agent);
  });

  it('streams a job started through the API as it happens (SSE)', async () => {
    const ctl = new AbortController();
    const res = await api('/api/events', { signal: ctl.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    let seen = '';
    const started = await api('/api/actions/jobs', {
      method: 'POST',
      body: JSON.stringify({ prompt: '[[say "via the api"]]', agent: 'demo' }),
    });
    expect(started.status).toBe(201);
    const job = (await started.json()) as Job;
    while (!seen.includes(`"id":"${job.id}"`) || !seen.includes('event: job_created')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += dec.decode(value);
    }
    expect(seen).toMatch(/^event: snapshot/m);
    expect(seen).toContain('event: job_created');
    // A change another process commits (a shell's `cc-agent queue add`) arrives too.
    const task = await h.ok(['queue', 'add', 'added from a shell']);
    while (!seen.includes(`"id":"${task}"`)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += dec.decode(value);
    }
    expect(seen).toContain(`"id":"${task}"`);
    ctl.abort();
    await waitForStatus(h, job.id, 'running');
  });

  it('a WebSocket terminal shows the screen, types byte-exact, and streams the echo', async () => {
    const t = await openTerminal(base, token, agent);
    await waitFor(() => t.shown().includes('Welcome to Claude Code'), 'the screen as it is now');
    const text = 'hi "there" $(echo no) ✓';
    t.type(text);
    await waitFor(
      () => t.shown().includes('$(echo no)'),
      'the typed text echoed in the input line',
    );
    t.type('\r');
    await waitFor(
      () => t.shown().includes(`Done: ${text}`),
      "the agent's reply to exactly that text",
    );
    const events = await eventsOf(h, agent);
    expect(events.filter((e) => e.event === 'UserPromptSubmit').at(-1)?.payload['prompt']).toBe(
      text,
    );
    t.ws.close();
  });

  it('learns of a session killed behind its back at once, without polling tmux', async () => {
    // The server asks tmux about panes once a minute; the wrapper's exit file says it now.
    const victim = await startDemo(h, '[[work 60]]');
    await waitFor(async () => {
      const jobs = (await (await api('/api/jobs')).json()) as Job[];
      return jobs.find((j) => j.id === victim)?.activity === 'working';
    }, 'the victim to be working');
    expect(h.tmux(['kill-session', '-t', `=cc-agent-${victim}`]).code).toBe(0);
    const gone = await waitFor(
      async () => {
        const jobs = (await (await api('/api/jobs')).json()) as Job[];
        const j = jobs.find((x) => x.id === victim);
        return j?.status === 'failed' ? j : undefined;
      },
      'the server to see the session gone',
      5000,
    );
    expect(gone.error).toContain('disappeared');
  });

  it('refuses a WebSocket from a foreign page, and stops on request', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/terminal/${agent}`, {
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    });
    const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(err.message).toMatch(/403/);
    expect(await h.ok(['serve', 'status'])).toMatch(/^serving \(pid \d+\) on http/);
    // The task a shell queued above is left: a detached pulse takes over what serve led.
    expect(await h.ok(['serve', 'stop'])).toMatch(
      /^stopped \(pid \d+\)\nthe pulse goes on in the background \(pid \d+\): 1 queued task; stop it with cc-agent pulse stop$/,
    );
    expect(await h.ok(['serve', 'status'])).toBe('not serving');
    expect(await h.ok(['pulse', 'stop'])).toMatch(/^pulse stopped/);
  });
});
