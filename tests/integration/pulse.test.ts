import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, PulseStatus } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { waitFor } from '../helpers/wait-for.js';

describe('the detached pulse runs triggers with no window open', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('pulse');
  });
  afterAll(() => {
    h.cleanup();
  });

  const status = async (): Promise<PulseStatus> =>
    JSON.parse(await h.ok(['pulse', 'status', '--json'])) as PulseStatus;

  it('start, act on a threshold, stop', async () => {
    const started = await h.ok(['pulse', 'start']);
    expect(started).toMatch(/^pulse started \(pid \d+\); log: /);
    const s = await status();
    expect(s.pid).toBeGreaterThan(0);
    expect(s.leader).toContain(`:${s.pid}:`);
    expect(await h.ok(['pulse', 'start'])).toBe(`pulse already running (pid ${s.pid})`);

    await h.ok([
      'trigger',
      'add',
      'busy',
      'threshold',
      'queue_depth >= 1',
      'notify',
      '--payload',
      '{"message":"work waiting"}',
    ]);
    await h.ok(['queue', 'add', 'something to do']);
    const fired = await waitFor(async () => {
      const a = JSON.parse(await h.ok(['activity', '--json'])) as ActivityEntry[];
      return a.find((x) => x.kind === 'trigger_fired');
    }, 'the background pulse to fire the trigger');
    expect(fired.detail).toMatchObject({ trigger: 'busy', action: 'notify' });

    expect(await h.ok(['pulse', 'stop'])).toBe(`pulse stopped (pid ${s.pid})`);
    expect((await status()).pid).toBeNull();
    expect(existsSync(join(h.home, 'pulse.pid'))).toBe(false);
    expect(await h.ok(['pulse', 'stop'])).toBe('pulse not running');
  });

  it('bad input', async () => {
    const r = await h.cli(['pulse', 'jog']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "cc-agent: unknown pulse subcommand 'jog' (expected one of: start, stop, status, run)",
    );
  });
});
