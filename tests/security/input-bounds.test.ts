import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type CliResult, type Harness } from '../helpers/cli-harness.js';

/** One clear line on stderr, a non-zero exit, nothing on stdout. */
function oneLine(r: CliResult, text: string): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(text);
  expect(r.stdout).toBe('');
}

describe('input the engine used to take silently (issue 13, item 8)', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('bounds');
  });
  afterAll(() => h.cleanup());

  it('a NUL in a prompt, a message or a task is refused, not dropped', async () => {
    const nul = 'look here\0and here';
    oneLine(
      await h.cli(['start', '--agent', 'demo', '-'], { input: nul }),
      'the prompt contains a NUL byte (at character 9)',
    );
    oneLine(await h.cli(['queue', 'add', '-'], { input: nul }), 'contains a NUL byte');
    oneLine(await h.cli(['send', 'deadbeef', '-'], { input: nul }), 'contains a NUL byte');
    expect(JSON.parse(await h.ok(['jobs', '--json']))).toEqual([]);
    expect(JSON.parse(await h.ok(['queue', 'list', '--json']))).toEqual([]);
  });

  it('queue priorities are bounded', async () => {
    oneLine(await h.cli(['queue', 'add', 'x', '--priority=-1e20']), 'invalid priority');
    oneLine(await h.cli(['queue', 'add', 'x', '--priority=1000001']), 'invalid priority');
    const id = await h.ok(['queue', 'add', 'x', '--priority=-1000000']);
    const [task] = JSON.parse(await h.ok(['queue', 'list', '--json'])) as {
      id: string;
      priority: number;
    }[];
    expect(task).toMatchObject({ id, priority: -1_000_000 });
    await h.ok(['queue', 'remove', id]);
  });

  it('a start_agent payload is checked at `trigger add` as `start` checks its flags', async () => {
    const add = (payload: object, cwd?: string): Promise<CliResult> =>
      h.cli(
        [
          'trigger',
          'add',
          't1',
          'event',
          'job_failed',
          'start_agent',
          '--payload',
          JSON.stringify(payload),
        ],
        { cwd },
      );
    oneLine(await add({ prompt: 'x', agent: '$(id)' }), "unknown agent '$(id)'");
    oneLine(
      await add({ prompt: 'x', agent: 'demo', sandbox: 'bogus' }),
      "invalid --sandbox 'bogus'",
    );
    oneLine(await add({ prompt: 'x', agent: 'demo', dir: '/no/such/dir' }), 'does not exist');
    oneLine(
      await add({ prompt: 'x', agent: 'demo', reasoning: 'extreme' }),
      "invalid --reasoning 'extreme'",
    );
    oneLine(await add({ prompt: 'x', agent: 'demo', model: '-rf' }), "invalid --model '-rf'");
    oneLine(await add({ prompt: 'x', agnet: 'demo' }), 'unknown key "agnet"');
    oneLine(await add({ prompt: 'x', agent: 5 }), '"agent" must be a string');
    oneLine(await add({ agent: 'demo' }), 'start_agent needs a --payload with "prompt"');
    oneLine(await add({ prompt: 'a\0b', agent: 'demo' }), 'contains a NUL byte');
    expect(JSON.parse(await h.ok(['trigger', 'list', '--json']))).toEqual([]);
    // A relative dir is kept absolute: the pulse that fires it later runs elsewhere.
    const base = h.tempDir('trig');
    mkdirSync(join(base, 'sub dir'));
    expect((await add({ prompt: 'x', agent: 'demo', dir: 'sub dir' }, base)).code).toBe(0);
    const [t] = JSON.parse(await h.ok(['trigger', 'list', '--json'])) as {
      payload: Record<string, string>;
    }[];
    expect(t?.payload).toEqual({ prompt: 'x', agent: 'demo', dir: join(base, 'sub dir') });
  });

  it('other actions: queue_task priority bounded, inject_prompt needs a prompt', async () => {
    const add = (name: string, action: string, payload: object): Promise<CliResult> =>
      h.cli([
        'trigger',
        'add',
        name,
        'event',
        'job_failed',
        action,
        '--payload',
        JSON.stringify(payload),
      ]);
    oneLine(await add('q', 'queue_task', { prompt: 'x', priority: -1e20 }), 'invalid priority');
    oneLine(await add('i', 'inject_prompt', { job: 'x' }), 'needs a --payload with "prompt"');
    oneLine(await add('i', 'inject_prompt', { prompt: 'x', job: '$(id)' }), 'is not a job id');
    oneLine(await add('n', 'notify', { message: 1 }), '"message" must be a string');
  });
});
