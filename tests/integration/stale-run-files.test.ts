import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

/** A pid that ran and is gone: a child this test started and reaped. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;

/** A pulse or server killed outright (SIGKILL, a reboot) leaves its run file behind. */
describe('run files left by a face that is gone', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('stale-run');
    mkdirSync(h.home, { recursive: true, mode: 0o700 });
  });
  afterAll(() => h.cleanup());

  it('pulse status: not running, and the stale pulse.pid is removed', async () => {
    const file = join(h.home, 'pulse.pid');
    writeFileSync(file, `${deadPid()}\n`);
    expect(await h.ok(['pulse', 'status'])).toBe('pulse not running\nleader: none');
    expect(existsSync(file)).toBe(false);
  });

  it('pulse stop: not running, and the stale pulse.pid is removed', async () => {
    const file = join(h.home, 'pulse.pid');
    writeFileSync(file, `${deadPid()}\n`);
    expect(await h.ok(['pulse', 'stop'])).toBe('pulse not running');
    expect(existsSync(file)).toBe(false);
  });

  it('serve status: not serving, and the stale serve.json is removed', async () => {
    const file = join(h.home, 'serve.json');
    writeFileSync(file, JSON.stringify({ pid: deadPid(), url: 'http://127.0.0.1:1/' }));
    expect(await h.ok(['serve', 'status'])).toBe('not serving');
    expect(existsSync(file)).toBe(false);
  });
});
