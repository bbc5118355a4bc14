import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';

/**
 * The pulse leader looks at cron triggers every tick (every second). Looking must write
 * nothing while no slot is due: each commit bumps every other engine's data_version, and the
 * TUI and the server reload their whole view when it moves, so a quiet cron trigger made every
 * open face reload once a second.
 */
const homes: string[] = [];
const engines: Engine[] = [];
afterEach(() => {
  engines.splice(0).forEach((e) => e.close());
  homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

it('a tick with no cron slot due commits nothing; the tick that fires one does', async () => {
  const home = mkdtempSync(join(tmpdir(), 'cc-quiet-tick-'));
  homes.push(home);
  let now = Date.parse('2026-11-25T10:00:30Z');
  const open = (): Engine => {
    const e = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'unused-quiet' }, now: () => now });
    engines.push(e);
    return e;
  };
  const leader = open();
  const face = open();
  leader.triggers.add({
    name: 'nightly',
    kind: 'cron',
    condition: '0 2 * * *',
    action: 'queue_task',
    payload: '{"prompt":"clean up"}',
  });
  const changed = face.changeWatcher();
  for (let i = 0; i < 3; i++) {
    now += 1_000;
    expect(await leader.triggers.tick()).toEqual([]);
  }
  expect(changed()).toBe(false);
  now = Date.parse('2026-11-26T02:00:01Z');
  expect(await leader.triggers.tick()).toEqual(['nightly']);
  expect(changed()).toBe(true);
  expect(face.queue.list()).toHaveLength(1);
});
