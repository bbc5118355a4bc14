import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostSummary, Job, Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { userPrompts } from '../helpers/demo-transcript.js';
import { eventsOf, jobJson, startDemo, turnDone, waitForStatus } from '../helpers/jobs.js';
import { openTerminal, serveDetached } from '../helpers/serve.js';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Two hosts on one machine sharing one PostgreSQL store: two homes, two tmux sockets, two host
 * ids, each with its own engine (a detached pulse). What one asks of the other's agents goes
 * through the store and is done by the owning host.
 */
describe('many hosts, one PostgreSQL store', () => {
  let pg: PgCluster;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    pg = await startPgCluster('hosts');
    a = createHarness('host-a');
    b = createHarness('host-b');
    for (const [h, id] of [
      [a, 'alpha'],
      [b, 'beta'],
    ] as const) {
      h.env['CC_AGENT_DATABASE_URL'] = pg.url;
      h.env['CC_AGENT_HOST_ID'] = id;
    }
    await b.ok(['pulse', 'start']);
  }, 60_000);
  afterAll(async () => {
    for (const h of [a, b]) await h?.cli(['pulse', 'stop']);
    a?.cleanup();
    b?.cleanup();
    pg?.stop();
  });

  const hosts = async (h: Harness): Promise<HostSummary[]> =>
    JSON.parse(await h.ok(['hosts', '--json'])) as HostSummary[];

  it('a job carries its host; every host lists it; hosts shows who is up', async () => {
    const id = await startDemo(b, 'hello from beta');
    expect((await jobJson(b, id)).host).toBe('beta');
    const seen = JSON.parse(await a.ok(['jobs', '--json'])) as Job[];
    expect(seen.find((j) => j.id === id)?.host).toBe('beta');
    expect((await a.ok(['jobs'])).split('\n')[0]).toMatch(/^ID\s+HOST\s+STATUS/);
    await waitFor(
      async () => (await hosts(a)).find((x) => x.id === 'beta' && x.up),
      'beta to be up as alpha sees it',
    );
    const list = await hosts(a);
    expect(list.find((x) => x.id === 'alpha')).toMatchObject({ here: true });
    expect(list.find((x) => x.id === 'beta')).toMatchObject({ here: false, agents: 1 });
    // Alpha's engine does not supervise beta's agent: its tmux server has no such session,
    // and the job must not be taken for dead.
    await a.ok(['jobs']);
    expect((await jobJson(a, id)).status).toBe('running');
  });

  it("send from alpha reaches beta's agent byte for byte; kill likewise", async () => {
    const id = await startDemo(b, 'first');
    const job = await waitFor(async () => {
      const j = await jobJson(b, id);
      return j.sessionId && userPrompts(b.home, j.sessionId).length === 1 ? j : undefined;
    }, 'the first prompt');
    const text = `it's "quoted", $(not run) \`nor this\`; -leading dash; ünïcödé ✓ 狐狸`;
    await a.ok(['send', id, '--', text]);
    const prompts = await waitFor(() => {
      const p = userPrompts(b.home, job.sessionId as string);
      return p.length === 2 ? p : undefined;
    }, 'the sent text in beta agent transcript');
    expect(prompts[1]).toBe(text);
    // Its screen comes from beta on request; attach names the ssh line to beta's tmux.
    expect(await a.ok(['capture', id, '50'])).toContain('ünïcödé');
    expect(await a.ok(['attach', id])).toMatch(
      new RegExp(`^ssh -t beta tmux (-L|-S) \\S+ attach-session -t =cc-agent-${id}$`),
    );
    expect(await a.ok(['kill', id])).toBe(`killed ${id}`);
    expect((await waitForStatus(b, id, 'killed')).status).toBe('killed');
    expect(b.tmux(['has-session', '-t', `=cc-agent-${id}`]).code).not.toBe(0);
  });

  it("alpha's page terminal shows beta's agent live and types into it", async () => {
    const id = await startDemo(b, 'terminal [[say "ready"]]');
    await turnDone(b, id, 'ready');
    const served = await serveDetached(a);
    try {
      const t = await openTerminal(served.base, served.token, id);
      await waitFor(() => t.shown().includes('ready'), "beta's screen as it is now");
      const text = 'typed "from" alpha ✓';
      t.type(text);
      t.type('\r');
      // Beta's agent got exactly that, and alpha's terminal redrew with its reply.
      await waitFor(
        () => t.shown().includes(`Done: ${text}`),
        "the agent's reply, redrawn from beta",
      );
      const events = await eventsOf(b, id);
      expect(events.filter((e) => e.event === 'UserPromptSubmit').at(-1)?.payload['prompt']).toBe(
        text,
      );
      t.ws.close();
    } finally {
      await a.ok(['serve', 'stop']);
      await b.ok(['kill', id]);
    }
  });

  it('40 queued tasks: both hosts work the queue, each task runs exactly once', async () => {
    await a.ok(['settings', 'queue.agent', 'demo']);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push(await a.ok(['queue', 'add', '--', `task ${i} [[say "done ${i}"]]`]));
    // Each host takes up to 10 at a time; beta's pulse runs, alpha's starts now.
    for (const h of [a, b]) h.env['CC_AGENT_MAX_AGENTS'] = '10';
    await b.ok(['pulse', 'stop']);
    await Promise.all([a.ok(['pulse', 'start']), b.ok(['pulse', 'start'])]);
    const tasks = await waitFor(
      async () => {
        const all = JSON.parse(await a.ok(['queue', 'list', '--json'])) as Task[];
        const mine = all.filter((t) => ids.includes(t.id));
        return mine.every((t) => t.status === 'done') ? mine : undefined;
      },
      'all 40 tasks done',
      200_000,
    );
    // Each task's answer is its own, from its own worker: none ran twice, none was skipped.
    for (const [i, id] of ids.entries())
      expect(tasks.find((t) => t.id === id)?.result).toBe(`done ${i}`);
    const workers = (JSON.parse(await a.ok(['jobs', '--json'])) as Job[]).filter((j) =>
      /^task \d+ /.test(j.promptPreview),
    );
    expect(workers).toHaveLength(40);
    expect(new Set(tasks.map((t) => t.jobId)).size).toBe(40);
    const byHost = new Map<string, number>();
    for (const w of workers) byHost.set(w.host ?? '-', (byHost.get(w.host ?? '-') ?? 0) + 1);
    expect([...byHost.keys()].sort()).toEqual(['alpha', 'beta']);
    // Retired once their task was done: nothing left running.
    expect(workers.every((w) => w.status === 'completed')).toBe(true);
    await a.ok(['pulse', 'stop']);
    // Forty agents started and retired, twenty at a time, on two loaded cores.
  }, 240_000);

  it("beta's engine stopped: alpha's send fails at once with one clear line", async () => {
    const id = await startDemo(b, 'still here');
    await b.ok(['pulse', 'stop']);
    const t0 = Date.now();
    const r = await a.cli(['send', id, 'anyone?']);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`job ${id} runs on host beta, which is down`)),
    ]);
    // Shown as unknown, not failed: its agent may well go on.
    expect((await a.ok(['jobs'])).split('\n').find((l) => l.startsWith(id))).toMatch(
      /\bbeta\s+unknown\b/,
    );
  });
});
