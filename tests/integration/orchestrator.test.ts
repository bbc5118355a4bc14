import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ActivityEntry,
  HookEventRecord,
  Job,
  OrchestratorState,
  OrchestratorStatus,
  Task,
} from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { eventsOf } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The simulated agent plays the orchestrator: task prompts carry its script, and its Bash tool
 * runs the real `cc-agent` (the shim first on its PATH) against the same home and tmux server.
 */
const report = (result: string): string => `[[bash "cc-agent queue done --result ${result}"]]`;

let h: Harness;
afterEach(() => h?.cleanup());

const json = async <T>(args: string[]): Promise<T> => JSON.parse(await h.ok(args)) as T;
const tasks = () => json<Task[]>(['queue', 'list', '--json']);
const activity = () => json<ActivityEntry[]>(['activity', '--json']);
const status = () => json<OrchestratorStatus>(['orchestrator', 'status', '--json']);
const orchEvents = (): Promise<HookEventRecord[]> => eventsOf(h, 'orch');

async function allDone(count: number): Promise<Task[]> {
  return waitFor(
    async () => {
      const t = await tasks();
      return t.length === count && t.every((x) => x.status === 'done') ? t : undefined;
    },
    `all ${count} tasks to be reported done`,
    30_000,
  );
}

async function startOrchestrator(): Promise<void> {
  const out = await h.ok(['orchestrator', 'start', '--agent', 'demo'], { cwd: h.tempDir('work') });
  expect(out).toMatch(/^orchestrator started \(demo\) in .*; session cc-agent-orch$/m);
}

describe('the orchestrator works the queue', () => {
  it('three queued tasks, in priority order, with no stall', async () => {
    h = createHarness('orch-queue');
    const low = await h.ok(['queue', 'add', '--priority', '1', `[[work 0.3]] ${report('low')}`]);
    const high = await h.ok(['queue', 'add', '--priority', '10', `[[work 0.3]] ${report('high')}`]);
    const mid = await h.ok(['queue', 'add', '--priority', '5', `[[work 0.3]] ${report('mid')}`]);
    await startOrchestrator();
    // No window open: `orchestrator start` started the background pulse that feeds it.
    expect((await status()).pulse.pid).toBeGreaterThan(0);

    const done = await allDone(3);
    const byId = new Map(done.map((t) => [t.id, t]));
    const started = (id: string) => Date.parse(byId.get(id)?.startedAt ?? '');
    expect(started(high)).toBeLessThan(started(mid));
    expect(started(mid)).toBeLessThan(started(low));
    expect([high, mid, low].map((id) => byId.get(id)?.result)).toEqual(['high', 'mid', 'low']);
    // Each task was handed over only after the previous one was reported.
    const ended = (id: string) => Date.parse(byId.get(id)?.endedAt ?? '');
    expect(started(mid)).toBeGreaterThanOrEqual(ended(high));
    expect(started(low)).toBeGreaterThanOrEqual(ended(mid));
    const dispatched = (await activity()).filter((a) => a.kind === 'task_dispatched');
    expect(dispatched.map((a) => a.detail['task'])).toEqual([high, mid, low]);

    // The state file tells a cleared or respawned orchestrator where things stand.
    const state = await waitFor(async () => {
      const s = await json<OrchestratorState>(['orchestrator', 'state']);
      return s.completed_tasks.length === 3 ? s : undefined;
    }, 'the state file to list the three tasks');
    expect(state.current_task).toBeNull();
    expect(state.completed_tasks.map((t) => t.result)).toEqual(['low', 'mid', 'high']);

    // Stopped for good: not respawned, and a later task stays queued for the next start.
    expect(await h.ok(['orchestrator', 'stop'])).toBe('orchestrator stopped');
    const s = await status();
    expect(s.state).toBe('stopped');
    expect(s.job?.status).toBe('killed');
  });

  it("reports its workers' results back to it", async () => {
    h = createHarness('orch-workers');
    // The directive's \" unescapes to ", so the worker's prompt gets a quoted summary.
    const worker = `cc-agent start --agent demo '[[work 0.2]] [[done \\"built the parser\\"]]'`;
    const task = await h.ok(['queue', 'add', `[[bash "${worker}"]]`]);
    await startOrchestrator();
    const reported = await waitFor(
      async () => (await activity()).find((a) => a.kind === 'workers_reported'),
      'the finished worker to be reported to the orchestrator',
    );
    const [workerId] = reported.detail['workers'] as string[];
    const job = await json<Job>(['status', workerId as string, '--json']);
    expect(job.parentId).toBe('orch');
    expect(job.status).toBe('completed');
    // The report reached the orchestrator as a prompt, with the worker's summary.
    const prompt = await waitFor(async () => {
      const e = (await orchEvents()).find(
        (x) => x.event === 'UserPromptSubmit' && String(x.payload['prompt']).includes(job.id),
      );
      return e ? String(e.payload['prompt']) : undefined;
    }, 'the worker report to reach the orchestrator');
    expect(prompt).toContain(`${job.id}  completed: built the parser`);
    // The task it holds is still its own to report; nothing else was handed over meanwhile.
    expect((await tasks()).find((t) => t.id === task)?.status).toBe('running');
  });
});

describe('self-healing', () => {
  it('a killed orchestrator session is respawned and resumes its task', async () => {
    h = createHarness('orch-respawn');
    const task = await h.ok(['queue', 'add', `[[work 8]] ${report('resumed')}`]);
    await startOrchestrator();
    await waitFor(async () => {
      const s = await status();
      return s.currentTask?.id === task && s.job?.activity === 'working';
    }, 'the orchestrator to be working on the task');

    const killedAt = Date.now();
    expect(h.tmux(['kill-session', '-t', '=cc-agent-orch']).code).toBe(0);
    const respawned = await waitFor(
      async () => (await activity()).find((a) => a.kind === 'orchestrator_respawned'),
      'the orchestrator to be respawned',
    );
    expect(Date.parse(respawned.ts) - killedAt).toBeLessThan(10_000);
    expect(respawned.detail).toMatchObject({ respawns: 1, current_task: task });

    // Told to resume (with its task), it finishes and reports the task it held.
    const [done] = await allDone(1);
    expect(done?.result).toBe('resumed');
    const resumed = (await orchEvents()).find(
      (e) =>
        e.event === 'UserPromptSubmit' &&
        String(e.payload['prompt']).includes('You were respawned after a crash'),
    );
    expect(String(resumed?.payload['prompt'])).toContain(`You were working on task ${task}`);

    // A second crash within the guard's minute waits it out instead of respawning at once.
    await h.ok(['orchestrator', 'inject', '[[exit 3]]']);
    const down = await waitFor(async () => {
      const s = await status();
      return s.state === 'down' ? s : undefined;
    }, 'the orchestrator to be down after its crash');
    expect(down.job?.exitCode).toBe(3);
    expect(down.respawnInMs).toBeGreaterThan(0);
    expect(down.respawns).toBe(1);
  });
});

describe('context lifecycle', () => {
  it('warn at 70%, then at 80% clear and resume — never right after a task was handed over', async () => {
    h = createHarness('orch-context');
    const notes = `[[bash "cc-agent orchestrator save --notes 'midway through t2'"]]`;
    const t1 = await h.ok(['queue', 'add', '--priority', '3', `[[context 75]] ${report('t1')}`]);
    const t2 = await h.ok([
      'queue',
      'add',
      '--priority',
      '2',
      `[[context 85]] ${notes} ${report('t2')}`,
    ]);
    const t3 = await h.ok(['queue', 'add', '--priority', '1', report('t3')]);
    await startOrchestrator();
    await allDone(3);
    const kinds = await waitFor(async () => {
      const a = (await activity()).filter((x) => /^(task_dispatched|context_)/.test(x.kind));
      return a.length >= 6 ? a : undefined;
    }, 'the orchestrator to be resumed after its clear');
    expect(kinds.map((a) => [a.kind, a.detail['task'] ?? a.detail['pct'] ?? null])).toEqual([
      ['task_dispatched', t1],
      ['context_warn', 75],
      ['task_dispatched', t2],
      ['context_clear', 85],
      ['context_resumed', null],
      ['task_dispatched', t3],
    ]);

    const events = await orchEvents();
    const at = (kind: string) => Date.parse(kinds.find((a) => a.kind === kind)?.ts ?? '');
    // The clear came after t2's turn had ended, not on the heels of its hand-over.
    const t2Sent = Date.parse(kinds[2]?.ts ?? '');
    const stops = events.filter((e) => e.event === 'Stop').map((e) => e.ts);
    expect(stops.some((t) => t > t2Sent && t < at('context_clear'))).toBe(true);
    // /clear ran (a new session), then the resume message was its first prompt.
    const clearIdx = events.findIndex(
      (e) => e.event === 'SessionStart' && e.payload['source'] === 'clear',
    );
    expect(clearIdx).toBeGreaterThan(-1);
    const next = events.slice(clearIdx + 1).find((e) => e.event === 'UserPromptSubmit');
    expect(String(next?.payload['prompt'])).toMatch(/^SYSTEM: Your context was cleared/);
    // What it saved before the clear survived it.
    const state = JSON.parse(
      readFileSync(join(h.home, 'orchestrator-state.json'), 'utf8'),
    ) as OrchestratorState;
    expect(state.notes).toBe('midway through t2');
    // The old transcript's 85% is gone: no second clear.
    expect((await status()).contextPct ?? 0).toBeLessThan(70);
  });
});

describe('start_orchestrator trigger and bad input', () => {
  it('a threshold trigger starts the orchestrator when work piles up', async () => {
    h = createHarness('orch-trigger');
    const dir = h.tempDir('work');
    await h.ok([
      'trigger',
      'add',
      'auto-orch',
      'threshold',
      'queue_depth >= 1',
      'start_orchestrator',
      '--payload',
      JSON.stringify({ agent: 'demo', dir }),
      '--cooldown',
      '300',
    ]);
    await h.ok(['pulse', 'start']);
    await h.ok(['queue', 'add', report('by-trigger')]);
    const [done] = await allDone(1);
    expect(done?.result).toBe('by-trigger');
    const s = await status();
    expect(s.job?.dir).toBe(dir);
    expect(s.job?.backend).toBe('demo');
  });

  it('rejects bad input with one line and a non-zero exit, changing nothing', async () => {
    h = createHarness('orch-bad');
    const fails = async (args: string[], message: RegExp): Promise<void> => {
      const r = await h.cli(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    };
    await fails(['orchestrator', 'frob'], /unknown orchestrator subcommand 'frob'/);
    await fails(['orchestrator', 'inject', 'hello'], /the orchestrator is not running/);
    await fails(['orchestrator', 'start', '--agent', 'nope'], /unknown agent 'nope'/);
    await fails(
      ['orchestrator', 'start', '--agent', 'demo', '-d', '/no/such/dir'],
      /does not exist/,
    );
    await fails(['queue', 'done'], /missing task id/);
    expect((await status()).state).toBe('not started');
    expect(await h.ok(['jobs', '--json'])).toBe('[]');

    await startOrchestrator();
    await fails(['orchestrator', 'start', '--agent', 'demo'], /already running/);
    await fails(['orchestrator', 'inject', ''], /empty/);
    expect((await json<Job[]>(['jobs', '--json'])).map((j) => j.id)).toEqual(['orch']);
  });
});
