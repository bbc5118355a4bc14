import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CcAgentError, createEngine, type Engine } from '../../src/engine/index.js';

/** What an engine call threw, as a CcAgentError (anything else fails the test). */
async function thrown(fn: () => unknown): Promise<CcAgentError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof CcAgentError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

/**
 * Each of these keeps the words the CLI has always printed (its message) and carries the field
 * it is about, so the API and the page can name it their way.
 */
describe('payload, base, priority and settings errors carry their field', () => {
  let home: string;
  let engine: Engine;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-field-inputs-'));
    engine = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'unused-field-inputs' } });
  });
  afterAll(() => {
    engine.close();
    rmSync(home, { recursive: true, force: true });
  });

  const trigger = (action: string, payload: string): Promise<CcAgentError> =>
    thrown(() =>
      engine.triggers.add({
        name: 't',
        kind: 'event',
        condition: 'job_failed',
        action,
        payload,
        cwd: home,
      }),
    );

  it('--payload: JSON, object, keys, types, what an action needs', async () => {
    const cases: [string, string, string, string][] = [
      ['notify', '{', 'invalid --payload JSON: ', 'invalid payload JSON: '],
      ['notify', '[1]', 'invalid --payload: expected a JSON object', 'invalid payload: expected'],
      [
        'notify',
        '{"mesage":"x"}',
        '--payload for notify has an unknown key "mesage"',
        'payload for',
      ],
      ['notify', '{"message":1}', '--payload "message" must be a string', 'payload "message"'],
      ['queue_task', '{"prompt":" "}', '--payload "prompt" is empty', 'payload "prompt" is'],
      [
        'queue_task',
        '{"prompt":"x","priority":"9"}',
        '--payload "priority" must be a whole number',
        'payload "priority"',
      ],
      [
        'inject_prompt',
        '{"prompt":"x","job":"$(id)"}',
        '--payload "job" is not a job id',
        'payload "job"',
      ],
      [
        'inject_prompt',
        '{"job":"abc"}',
        'inject_prompt needs a --payload with "prompt"',
        'needs a payload',
      ],
    ];
    for (const [action, payload, cli, api] of cases) {
      const e = await trigger(action, payload);
      expect(e).toMatchObject({ code: 'bad_input', field: 'payload' });
      expect(e.message).toContain(cli);
      expect(e.naming('payload')).toContain(api);
    }
  });

  it("priority: a task's, and a queue_task payload's, beyond the bound", async () => {
    const task = await thrown(() => engine.queue.add('x', 1e20));
    expect(task).toMatchObject({ code: 'bad_input', field: 'priority' });
    expect(task.message).toMatch(/^invalid priority '\d+' \(a whole number from /);
    const payload = await trigger('queue_task', '{"prompt":"x","priority":-1e20}');
    expect(payload).toMatchObject({ field: 'priority' });
    expect(payload.message).toMatch(/^invalid priority '-\d+' \(a whole number from /);
  });

  it('--base: only with a worktree, and never an option or empty', async () => {
    const alone = await thrown(() => engine.plan({ prompt: 'x', cwd: home, base: 'main' }));
    expect(alone).toMatchObject({ code: 'bad_input', field: 'base' });
    expect(alone.message).toBe('--base needs --worktree');
    const dash = await thrown(() =>
      engine.plan({ prompt: 'x', cwd: home, worktree: true, base: '-x' }),
    );
    expect(dash).toMatchObject({ code: 'bad_input', field: 'base' });
    expect(dash.message).toBe("invalid --base '-x'");
    expect(dash.naming('Base')).toBe("invalid Base '-x'");
  });

  it('a retention setting: its key is the field; an unknown key is about the setting', async () => {
    const key = 'retention.hook_events_days';
    const zero = await thrown(() => engine.settings({ key, value: '0' }));
    expect(zero).toMatchObject({ code: 'bad_input', field: key });
    expect(zero.message).toBe(`invalid ${key} '0' (a whole number, at least 1)`);
    const unknown = await thrown(() => engine.settings({ key: 'retention.forever', value: '1' }));
    expect(unknown).toMatchObject({ code: 'bad_input', field: 'setting' });
    expect(unknown.message).toMatch(/^unknown setting 'retention.forever' \(known: /);
  });
});
