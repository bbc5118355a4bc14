import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

describe('queue: priority first, then age; every bad input refused with the store unchanged', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('queue');
  });
  afterAll(() => h.cleanup());

  const list = async (...extra: string[]): Promise<Task[]> =>
    JSON.parse(await h.ok(['queue', 'list', '--json', ...extra])) as Task[];
  const refused = async (args: string[], message: string): Promise<void> => {
    const before = await list();
    const r = await h.cli(args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    expect(await list()).toEqual(before);
  };

  it('add and list: higher priority first, then the older', async () => {
    const low = await h.ok(['queue', 'add', 'low and old']);
    const high = await h.ok([
      'queue',
      'add',
      '--priority',
      '5',
      '--',
      '-high $(touch /tmp/x) "q"\nline 2',
    ]);
    const low2 = await h.ok(['queue', 'add', 'low and new']);
    const tasks = await list();
    expect(tasks.map((t) => t.id)).toEqual([high, low, low2]);
    expect(tasks[0]).toMatchObject({
      prompt: '-high $(touch /tmp/x) "q"\nline 2',
      priority: 5,
      status: 'pending',
    });
    const table = await h.ok(['queue', 'list']);
    expect(table.split('\n')[1]).toMatch(new RegExp(`^${high}\\s+pending\\s+5`));
  });

  it('done, fail and remove; a finished task cannot be reported again', async () => {
    const [first, second, third] = (await list()).map((t) => t.id) as [string, string, string];
    expect(
      JSON.parse(await h.ok(['queue', 'done', first, '--result', 'shipped', '--json'])),
    ).toMatchObject({
      status: 'done',
      result: 'shipped',
    });
    expect(await h.ok(['queue', 'fail', second, '--error', 'tests red'])).toBe(`${second}  failed`);
    await refused(['queue', 'done', first], `task ${first} is already done`);
    expect(await h.ok(['queue', 'remove', third])).toBe(`removed ${third}`);
    expect((await list('--status', 'pending')).map((t) => t.id)).toEqual([]);
  });

  it('bad input: unknown ids, subcommands, priorities and statuses', async () => {
    await refused(['queue', 'done', 'deadbeef'], "no queued task with id 'deadbeef'");
    await refused(['queue', 'remove', 'deadbeef'], "no queued task with id 'deadbeef'");
    await refused(['queue', 'shuffle'], "unknown queue subcommand 'shuffle'");
    await refused(['queue', 'add', '--priority', '1.5', 'x'], "invalid --priority '1.5'");
    await refused(['queue', 'add', '   '], 'the task prompt is empty');
    await refused(['queue', 'list', '--status', 'lost'], "invalid --status 'lost'");
  });
});
