import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

describe('queue: tasks that wait on others, through the real CLI', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('queue-deps');
  });
  afterAll(() => h.cleanup());

  const list = async (): Promise<Task[]> =>
    JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[];
  /** Refused with exit `code`, one line naming `message`, and the queue as it was. */
  const refused = async (args: string[], code: number, message: string): Promise<void> => {
    const before = await list();
    const r = await h.cli(args);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    expect(await list()).toEqual(before);
  };
  const rows = async (): Promise<string[]> => (await h.ok(['queue', 'list'])).split('\n');

  it('add --id and --after; list draws AFTER and says waiting; --json gives the lists', async () => {
    expect(await h.ok(['queue', 'add', '--id', 'schema', 'design the schema'])).toBe('schema');
    const api = await h.ok(['queue', 'add', '--after', 'schema', 'build the api']);
    expect(api).toMatch(/^[0-9a-f]{8}$/);
    const ui = JSON.parse(
      await h.ok(['queue', 'add', '--id', 'ui', '--after', 'schema', '--json', 'build the ui']),
    ) as Task;
    expect(ui).toMatchObject({ id: 'ui', after: ['schema'], waitingOn: ['schema'] });
    await h.ok(['queue', 'add', '--id', 'e2e', '--after', `${api},ui`, '--priority', '9', 'e2e']);

    const e2e = (await list()).find((t) => t.id === 'e2e');
    expect(e2e).toMatchObject({
      status: 'pending',
      after: [api, 'ui'],
      waitingOn: [api, 'ui'],
      blockedBy: [],
    });
    const table = await rows();
    expect(table[0]).toMatch(/^ID\s+STATUS\s+PRIO\s+AGENT\s+AFTER\s+TASK$/);
    expect(table).toContainEqual(
      expect.stringMatching(new RegExp(`^e2e\\s+waiting\\s+9\\s+${api},ui\\s+e2e$`)),
    );
    expect(table).toContainEqual(
      expect.stringMatching(/^schema\s+pending\s+0\s+-\s+design the schema$/),
    );
  });

  it('refuses a taken id, an unknown prerequisite and a cycle: one line, exit 1, nothing written', async () => {
    await refused(['queue', 'add', '--id', 'schema', 'again'], 1, "task id 'schema' is taken");
    await refused(['queue', 'add', '--after', 'ghost', 'x'], 1, "unknown task 'ghost' in --after");
    await refused(
      ['queue', 'add', '--id', 'loop', '--after', 'loop', 'x'],
      1,
      'cannot come after itself',
    );
    await refused(['queue', 'add', '--id', 'Not OK', 'x'], 2, "invalid --id 'Not OK'");
    await refused(['queue', 'add', '--after', 'a;b', 'x'], 2, "invalid --after 'a;b'");
    await refused(
      ['queue', 'add', '--file', 'p.json', 'x'],
      2,
      'queue add --file takes the whole plan',
    );
  });

  it('a failed prerequisite shows its dependants blocked; retry puts them back to waiting', async () => {
    await h.ok(['queue', 'fail', 'schema', '--error', 'no db']);
    const tasks = await list();
    const api = tasks.find((t) => t.prompt === 'build the api')?.id;
    expect(api).toMatch(/^[0-9a-f]{8}$/);
    // Sorted as plain strings: the api task's id is random hex, so it may sort anywhere.
    const blocked = tasks.filter((t) => t.blockedBy.length > 0).map((t) => t.id);
    expect(blocked.sort()).toEqual(['e2e', 'ui', api].sort());
    expect(await rows()).toContainEqual(
      expect.stringMatching(
        /^ui\s+blocked\s+0\s+schema\s+build the ui {2}\[blocked by schema \(failed\)\]$/,
      ),
    );
    await refused(['queue', 'remove', 'schema'], 1, 'task schema is a prerequisite of');
    expect(await h.ok(['queue', 'retry', 'schema'])).toBe('schema  pending');
    expect((await list()).every((t) => t.blockedBy.length === 0)).toBe(true);
    await refused(['queue', 'retry', 'schema'], 1, 'only a failed task is retried');
  });

  it('add --file: a whole plan, or nothing when any of it is wrong', async () => {
    const dir = h.tempDir('plan');
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return name;
    };
    const before = (await list()).length;
    const cycle = write(
      'cycle.json',
      JSON.stringify({
        tasks: [
          { id: 'p1', prompt: 'x', after: ['p2'] },
          { id: 'p2', prompt: 'y', after: ['p1'] },
        ],
      }),
    );
    const bad = write('bad.json', '{"tasks": [\n  {"id": "p1", "prompt": "x"}\n  {"id": "p2"}\n]}');
    const dup = write('dup.json', JSON.stringify({ tasks: [{ id: 'ui', prompt: 'x' }] }));
    const refusedIn = async (file: string, code: number, message: string): Promise<void> => {
      const r = await h.cli(['queue', 'add', '--file', file], { cwd: dir });
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    };
    await refusedIn(cycle, 1, 'the plan has a cycle: p1 waits on p2 waits on p1');
    await refusedIn(bad, 2, 'the plan is not valid JSON');
    await refusedIn(bad, 2, 'at line 3, column 3');
    await refusedIn(dup, 1, "task id 'ui' is taken");
    await refusedIn('missing.json', 1, 'cannot read the plan');
    expect(await list()).toHaveLength(before);

    const good = {
      tasks: [
        { id: 'p-a', prompt: 'plan a', after: ['e2e'] },
        { id: 'p-b', prompt: 'plan b', after: ['p-a'], priority: 2 },
        { id: 'p-c', prompt: 'plan c', after: ['p-a', 'p-b'] },
      ],
    };
    expect(
      await h.ok(['queue', 'add', '--file', write('good.json', JSON.stringify(good))], {
        cwd: dir,
      }),
    ).toBe('p-a\np-b\np-c');
    // The same plan from stdin, renamed: `--file -`.
    const again = JSON.stringify(good).replace(/"p-/g, '"q-');
    const added = JSON.parse(
      await h.ok(['queue', 'add', '--file', '-', '--json'], { input: again }),
    ) as Task[];
    expect(added.map((t) => [t.id, t.after])).toEqual([
      ['q-a', ['e2e']],
      ['q-b', ['q-a']],
      ['q-c', ['q-a', 'q-b']],
    ]);
    expect(await list()).toHaveLength(before + 6);
  });
});
