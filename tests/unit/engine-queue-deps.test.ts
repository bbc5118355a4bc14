import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CcAgentError, createEngine, type Engine } from '../../src/engine/index.js';

describe('the queue in the engine: --after, --id and plans', () => {
  let home: string;
  let e: Engine;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-queue-deps-'));
    e = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'unused-queue-deps' } });
  });
  afterEach(() => {
    e.close();
    rmSync(home, { recursive: true, force: true });
  });

  const ids = (): string[] => e.queue.list().map((t) => t.id);
  /** The error `fn` throws: its code and message (it must throw a CcAgentError). */
  const refusal = (fn: () => unknown): { code: string; message: string } => {
    try {
      fn();
    } catch (err) {
      if (err instanceof CcAgentError) return { code: err.code, message: err.message };
      throw err;
    }
    throw new Error('expected a refusal');
  };
  const plan = (tasks: unknown[]): string => JSON.stringify({ tasks }, null, 2);

  it('names a task, puts it after others (comma lists split, repeats once), and refuses bad ones', () => {
    const a = e.queue.add('first', 0, { id: 'a' });
    expect(a).toMatchObject({ id: 'a', after: [] });
    const b = e.queue.add('second');
    const c = e.queue.add('third', 2, { id: 'c-3', after: [`a,${b.id}`, 'a'] });
    expect(c).toMatchObject({ after: ['a', b.id], waitingOn: ['a', b.id], priority: 2 });

    expect(refusal(() => e.queue.add('x', 0, { id: 'a' }))).toEqual({
      code: 'refused',
      message: "task id 'a' is taken (see: cc-agent queue list)",
    });
    expect(refusal(() => e.queue.add('x', 0, { id: 'Bad Name' })).code).toBe('bad_input');
    expect(refusal(() => e.queue.add('x', 0, { id: 'x'.repeat(33) })).code).toBe('bad_input');
    expect(refusal(() => e.queue.add('x', 0, { after: ['nope'] }))).toEqual({
      code: 'refused',
      message: "unknown task 'nope' in --after (see: cc-agent queue list)",
    });
    expect(refusal(() => e.queue.add('x', 0, { id: 'me', after: ['me'] }))).toEqual({
      code: 'refused',
      message: "task 'me' cannot come after itself (a cycle)",
    });
    expect(ids()).toEqual(['c-3', 'a', b.id]);
  });

  it('a plan adds its whole DAG in order, after tasks already queued too', () => {
    e.queue.add('existing', 0, { id: 'base' });
    const added = e.queue.addPlan(
      plan([
        { id: 'a', prompt: 'schema', after: ['base'] },
        { id: 'b', prompt: 'api', after: ['a'], priority: 3 },
        { id: 'c', prompt: 'ui', after: ['a'] },
        { id: 'd', prompt: 'e2e', after: ['b', 'c'] },
        { prompt: 'an unnamed note' },
      ]),
    );
    expect(added.map((t) => t.id).slice(0, 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(added[4]?.id).toMatch(/^[0-9a-f]{8}$/);
    expect(e.queue.get('d')).toMatchObject({ after: ['b', 'c'], waitingOn: ['b', 'c'] });
    // Ready now: the base and the unnamed task; the rest wait.
    expect(e.queue.depth()).toBe(2);
    const order: (string | undefined)[] = [];
    for (let t = e.queue.claim('orch'); t; t = e.queue.claim('orch')) {
      order.push(t.id);
      e.queue.done(t.id);
    }
    // Each once what it comes after is done; among the ready, priority, then plan order.
    expect(order).toEqual(['base', 'a', 'b', 'c', 'd', added[4]?.id]);
  });

  it('any error in a plan adds nothing at all', () => {
    e.queue.add('existing', 0, { id: 'taken' });
    const before = e.queue.list();
    const cases: [string, string, string][] = [
      ['{"tasks": [\n  {"id": "a", "prompt": "x"},\n  }\n]}', 'bad_input', 'at line 3'],
      ['[]', 'bad_input', 'the plan has no tasks'],
      [
        plan([
          { id: 'a', prompt: 'x' },
          { id: 'a', prompt: 'y' },
        ]),
        'bad_input',
        "names task 'a' twice",
      ],
      [
        plan([
          { id: 'a', prompt: 'x', after: ['c'] },
          { id: 'b', prompt: 'y', after: ['a'] },
          { id: 'c', prompt: 'z', after: ['b'] },
        ]),
        'refused',
        'the plan has a cycle: a waits on c waits on b waits on a',
      ],
      [
        plan([
          { id: 'a', prompt: 'x' },
          { id: 'b', prompt: 'y', after: ['zz'] },
        ]),
        'refused',
        "plan task 'b' comes after unknown task 'zz'",
      ],
      [
        plan([
          { id: 'a', prompt: 'x' },
          { id: 'taken', prompt: 'y' },
        ]),
        'refused',
        "task id 'taken' is taken",
      ],
      [
        plan([{ id: 'a', prompt: 'x', afer: ['b'] }]),
        'bad_input',
        "plan task 1 'a': unknown key 'afer'",
      ],
      [
        plan([{ id: 'a', prompt: '  ' }]),
        'bad_input',
        "plan task 1 'a': prompt is missing or empty",
      ],
      [
        plan([{ id: 'a', prompt: 'x', priority: 1.5 }]),
        'bad_input',
        "plan task 1 'a': invalid priority '1.5'",
      ],
      [plan([{ id: 'A!', prompt: 'x' }]), 'bad_input', "invalid id 'A!'"],
      [
        plan([{ id: 'a', prompt: 'x', after: 'b' }]),
        'bad_input',
        'after is not a list of task ids',
      ],
    ];
    for (const [text, code, message] of cases) {
      const r = refusal(() => e.queue.addPlan(text));
      expect(r.code, text).toBe(code);
      expect(r.message, text).toContain(message);
      expect(r.message).not.toContain('\n');
      expect(e.queue.list()).toEqual(before);
    }
  });

  it('a prerequisite not done cannot be removed from under its dependants; retry only a failed task', () => {
    e.queue.add('a', 0, { id: 'a' });
    e.queue.add('b', 0, { id: 'b', after: ['a'] });
    expect(refusal(() => e.queue.remove('a')).message).toBe(
      'task a is a prerequisite of b; remove them first',
    );
    expect(refusal(() => e.queue.retry('a')).message).toBe(
      'task a is pending; only a failed task is retried',
    );
    e.queue.fail('a', 'red');
    expect(e.queue.get('b')).toMatchObject({ blockedBy: ['a'] });
    expect(e.queue.retry('a')).toMatchObject({ status: 'pending', error: null });
    expect(e.queue.get('b').blockedBy).toEqual([]);
    e.queue.remove('b');
    e.queue.remove('a');
    expect(ids()).toEqual([]);
  });
});
