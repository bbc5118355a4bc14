import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry, Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { eventsOf } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The simulated agent plays the orchestrator (as in orchestrator.test.ts) and the pulse hands
 * it tasks; here the tasks form a DAG added as one plan, plus a failing branch.
 */
const report = (result: string): string =>
  `[[work 0.2]] [[bash "cc-agent queue done --result ${result}"]]`;

let h: Harness;
afterEach(() => h?.cleanup());

const json = async <T>(args: string[]): Promise<T> => JSON.parse(await h.ok(args)) as T;
const tasks = () => json<Task[]>(['queue', 'list', '--json']);

describe('the orchestrator works a DAG of tasks in order', () => {
  it('diamond A→(B,C)→D: D only after B and C; a failed branch blocks its dependant', async () => {
    h = createHarness('orch-dag');
    const plan = {
      tasks: [
        // Runs first (highest priority) and fails: Y, after it, must never be handed out.
        { id: 'x', prompt: `[[bash "cc-agent queue fail --error broken"]]`, priority: 5 },
        { id: 'y', prompt: report('y'), priority: 5, after: ['x'] },
        { id: 'a', prompt: report('a') },
        { id: 'b', prompt: report('b'), after: ['a'] },
        { id: 'c', prompt: report('c'), after: ['a'] },
        // Highest priority of the diamond: it would jump the queue if it did not wait.
        { id: 'd', prompt: report('d'), priority: 9, after: ['b', 'c'] },
      ],
    };
    expect(await h.ok(['queue', 'add', '--file', '-'], { input: JSON.stringify(plan) })).toBe(
      'x\ny\na\nb\nc\nd',
    );
    const out = await h.ok(['orchestrator', 'start', '--agent', 'demo'], { cwd: h.tempDir('w') });
    expect(out).toMatch(/^orchestrator started \(demo\)/m);

    const done = await waitFor(
      async () => {
        const t = await tasks();
        const ended = t.filter((x) => x.status === 'done' || x.status === 'failed');
        return ended.length === 5 ? t : undefined;
      },
      'the diamond and the failing task to end',
      60_000,
    );
    const by = new Map(done.map((t) => [t.id, t]));
    const at = (id: string, k: 'startedAt' | 'endedAt'): number =>
      Date.parse(by.get(id)?.[k] ?? '');
    expect(by.get('x')).toMatchObject({ status: 'failed', error: 'broken' });
    expect(['a', 'b', 'c', 'd'].map((id) => by.get(id)?.result)).toEqual(['a', 'b', 'c', 'd']);
    expect(at('b', 'startedAt')).toBeGreaterThanOrEqual(at('a', 'endedAt'));
    expect(at('c', 'startedAt')).toBeGreaterThanOrEqual(at('a', 'endedAt'));
    expect(at('d', 'startedAt')).toBeGreaterThanOrEqual(
      Math.max(at('b', 'endedAt'), at('c', 'endedAt')),
    );

    const dispatched = (await json<ActivityEntry[]>(['activity', '--json']))
      .filter((a) => a.kind === 'task_dispatched')
      .map((a) => a.detail['task']);
    expect(dispatched).toEqual(['x', 'a', 'b', 'c', 'd']);
    // Y was passed over at every hand-over since X failed: shown blocked, not silently stuck.
    expect(by.get('y')).toMatchObject({ status: 'pending', blockedBy: ['x'], jobId: null });
    const table = await h.ok(['queue', 'list']);
    expect(table).toMatch(/^y\s+blocked\s+5\s+x\s+.*\[blocked by x \(failed\)\]$/m);

    // The orchestrator was told what D came after.
    const prompts = (await eventsOf(h, 'orch'))
      .filter((e) => e.event === 'UserPromptSubmit')
      .map((e) => String(e.payload['prompt']));
    expect(prompts).toContainEqual(expect.stringContaining('New task d (priority 9, after b, c)'));
    expect(await h.ok(['orchestrator', 'stop'])).toBe('orchestrator stopped');
  });
});
