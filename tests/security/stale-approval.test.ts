import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';

/** A confirm threshold trigger that queues a task when the queue is deep, and one approval. */
async function pendingApproval(e: Engine) {
  e.triggers.add({
    name: 'deep',
    kind: 'threshold',
    condition: 'queue_depth >= 2',
    action: 'notify',
    payload: '{"message":"queue is deep"}',
    autonomy: 'confirm',
  });
  const tasks = [e.queue.add('one'), e.queue.add('two')];
  await e.triggers.tick();
  const [a] = e.triggers.approvals();
  expect(a).toMatchObject({ status: 'pending', triggerName: 'deep' });
  return { id: a?.id as string, tasks };
}

describe('approving a stale approval (issue 13, item 8)', () => {
  const homes: string[] = [];
  const engines: Engine[] = [];
  afterEach(() => {
    engines.splice(0).forEach((e) => e.close());
    homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const open = (): Engine => {
    const home = mkdtempSync(join(tmpdir(), 'cc-stale-'));
    homes.push(home);
    const e = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'unused-stale' } });
    engines.push(e);
    return e;
  };
  const notified = (e: Engine) => e.triggers.activity().filter((x) => x.kind === 'action_executed');

  it('re-checks the threshold when approved: no longer true, not run, and it says why', async () => {
    const e = open();
    const { id, tasks } = await pendingApproval(e);
    for (const t of tasks) e.queue.remove(t.id);
    const a = await e.triggers.approve(id);
    expect(a.status).toBe('expired');
    expect(a.result).toBe("not run: 'queue_depth >= 2' no longer holds (now 0)");
    expect(notified(e)).toEqual([]);
    expect(e.triggers.activity().map((x) => x.kind)).toContain('approval_stale');
  });

  it('still true: the action runs', async () => {
    const e = open();
    const { id } = await pendingApproval(e);
    const a = await e.triggers.approve(id);
    expect(a.status).toBe('approved');
    expect(notified(e)).toHaveLength(1);
  });
});
