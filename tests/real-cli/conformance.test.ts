import { claudeWorld } from '../helpers/claude-world.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASYNC_HOOK_EVENTS } from '../../src/engine/agents/claude-flags.js';
import type { HookEventRecord, Job } from '../../src/engine/index.js';
import type { Harness } from '../helpers/cli-harness.js';
import type { StubApi } from '../helpers/stub-api.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * One scenario list, run against the real Claude Code (through the stub API) and against the
 * simulated agent: cc-agent must see the same events and move through the same states. This
 * is what lets every other test trust the simulated agent.
 */
interface Scenario {
  name: string;
  prompt: string;
  /** Answer a permission question when it shows. */
  answer?: 'yes' | 'no';
  /** The state that ends the scenario. */
  settled: (j: Job) => boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'plain reply',
    prompt: 'hello [[say "hi there"]]',
    settled: (j) => j.summary === 'hi there',
  },
  {
    name: 'an edit tool, accepted by the mode',
    prompt: '[[write "conf-a.txt" "a"]] [[say "wrote"]]',
    settled: (j) => j.summary === 'wrote',
  },
  {
    name: 'a file-making command the mode runs unasked',
    prompt: '[[bash "mkdir -p conf-dir && touch conf-dir/b.txt"]] [[say "made"]]',
    settled: (j) => j.summary === 'made',
  },
  {
    name: 'a command outside the folder asks, answered yes',
    prompt: '[[bash "ls /tmp/cc-agent-conformance-outside || true"]] [[say "ran"]]',
    answer: 'yes',
    settled: (j) => j.summary === 'ran',
  },
  {
    name: 'a network command asks',
    prompt: '[[bash "curl -s --max-time 1 http://127.0.0.1:9/ || true"]] [[say "redirected"]]',
    answer: 'yes',
    settled: (j) => j.summary === 'redirected',
  },
  {
    name: 'the done marker completes the job',
    prompt: 'finish [[done "all finished"]]',
    settled: (j) => j.status === 'completed',
  },
];

/** What cc-agent saw: the hook events (name and tool) and every activity it passed through. */
interface Trace {
  events: { ordered: string[]; background: string[] };
  activities: string[];
  final: { status: string; activity: string | null; summary: string | null };
}

describe('conformance: the simulated agent behaves as the real Claude Code', () => {
  let h: Harness;
  let stub: StubApi;
  let claude: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    ({ h, stub, env: claude, dir } = await claudeWorld('conform'));
  }, 600_000);
  afterAll(async () => {
    h.cleanup();
    await stub.close();
  });

  async function run(
    agent: 'claude' | 'demo',
    s: Scenario,
    env: NodeJS.ProcessEnv = {},
  ): Promise<Trace> {
    const opts = { env: { ...claude, ...env } };
    const id = await h.ok(['start', '--agent', agent, '-d', dir, '--', s.prompt], opts);
    const activities: string[] = [];
    const job = await waitFor(
      async () => {
        const j = JSON.parse(await h.ok(['status', id, '--json'], opts)) as Job;
        const a = j.activity ?? j.status;
        if (activities.at(-1) !== a) activities.push(a);
        if (j.activity === 'needs_permission' && s.answer)
          await h.ok(['answer', id, s.answer], opts);
        return s.settled(j) ? j : undefined;
      },
      `${agent}: ${s.name}`,
      30_000,
      20,
    );
    const out = await h.ok(['events', '--job', id, '--json'], opts);
    const all = out
      .split('\n')
      .map((l) => JSON.parse(l) as HookEventRecord)
      .filter((e) => e.event !== 'Notification'); // timing-dependent (idle/permission reminders)
    const label = (e: HookEventRecord): string =>
      e.toolName ? `${e.event}:${e.toolName}` : e.event;
    // Synchronous relays keep their order; background (async) ones may land a moment later
    // than the next event in either agent, so they are compared as a set.
    const events = {
      ordered: all.filter((e) => !ASYNC_HOOK_EVENTS.has(e.event)).map(label),
      background: all
        .filter((e) => ASYNC_HOOK_EVENTS.has(e.event))
        .map(label)
        .sort(),
    };
    await h.ok(['kill', id], opts);
    return {
      events,
      // Fast transitions may be missed by polling; the order of what was seen must agree.
      activities,
      final: { status: job.status, activity: job.activity, summary: job.summary },
    };
  }

  for (const s of SCENARIOS) {
    it(`${s.name}: same events and states`, async () => {
      const real = await run('claude', s);
      const sim = await run('demo', s);
      expect(sim.events).toEqual(real.events);
      expect(sim.final).toEqual(real.final);
      expect(real.activities.at(-1)).toBe(sim.activities.at(-1));
    });
  }

  it('a deliberately broken simulated agent (Stop before PostToolUse) is caught', async () => {
    const s = SCENARIOS[1] as Scenario;
    const real = await run('claude', s);
    const broken = await run('demo', s, { CC_DEMO_BREAK: 'stop-before-post' });
    expect(broken.events).not.toEqual(real.events);
  });
});
