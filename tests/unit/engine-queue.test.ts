import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Task } from '../../src/engine/index.js';

describe('the queue in the engine', () => {
  const homes: string[] = [];
  const engines: Engine[] = [];
  afterEach(() => {
    engines.splice(0).forEach((e) => e.close());
    homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const open = (home: string, now: () => number = Date.now): Engine => {
    const e = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'unused-queue' }, now });
    engines.push(e);
    return e;
  };
  const tempHome = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'cc-queue-'));
    homes.push(d);
    return d;
  };

  it('two engines claiming at once never take the same task; claims go by priority', () => {
    const home = tempHome();
    const a = open(home);
    const b = open(home);
    const ids = [a.queue.add('p0'), a.queue.add('p9', 9), a.queue.add('p5', 5)].map((t) => t.id);
    const claimed = [
      a.queue.claim('orch'),
      b.queue.claim('orch'),
      a.queue.claim('orch'),
      b.queue.claim('orch'),
    ];
    expect(claimed.map((t) => t?.prompt)).toEqual(['p9', 'p5', 'p0', undefined]);
    expect(new Set(claimed.filter(Boolean).map((t) => (t as Task).id))).toEqual(new Set(ids));
    expect(a.queue.list('running')).toHaveLength(3);
    expect(() => a.queue.remove(ids[0] as string)).toThrow(/is running/);
  });

  it('a running task nobody reports fails after the timeout, so the queue never stalls', async () => {
    let now = 1_900_000_000_000;
    const e = open(tempHome(), () => now);
    e.settings({ key: 'queue.task_timeout_minutes', value: '5' });
    const t = e.queue.add('forgotten');
    e.queue.claim('orch');
    const events: Task[] = [];
    e.events.on('queue_updated', (x) => events.push(x));
    now += 4 * 60_000;
    await e.refresh();
    expect(e.queue.get(t.id).status).toBe('running');
    now += 2 * 60_000;
    await e.refresh();
    expect(e.queue.get(t.id)).toMatchObject({
      status: 'failed',
      error: 'timed out after 5 min without a report',
    });
    expect(events.map((x) => x.status)).toEqual(['failed']);
  });
});
