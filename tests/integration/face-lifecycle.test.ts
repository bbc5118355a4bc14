import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pulseLifecycle, serveLifecycle } from '../../src/commands/lifecycle.js';
import { pathsFor, type Paths } from '../../src/engine/paths.js';
import { alive } from '../../src/engine/run-file.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { waitFor } from '../helpers/wait-for.js';

/** A pid that ran and is gone: a child this test started and reaped. */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', '']);
  expect(r.pid).toBeGreaterThan(0);
  expect(alive(r.pid)).toBe(false);
  return r.pid;
};

/** The long-running faces' one lifecycle (commands/lifecycle.ts), on real detached children. */
describe('the lifecycle of a long-running face', () => {
  let h: Harness;
  let paths: Paths;
  let started: number[];
  beforeEach(() => {
    h = createHarness('face-life');
    mkdirSync(h.home, { recursive: true, mode: 0o700 });
    paths = pathsFor(h.home);
    started = [];
  });
  afterEach(() => {
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    h.cleanup();
  });

  it('start → status → stop: a detached pulse, its pidfile and its log', async () => {
    const life = pulseLifecycle(paths);
    expect(life.status()).toBeUndefined();
    const child = await life.start({ env: h.env, args: ['pulse', 'run'], what: 'the pulse' });
    started.push(child.pid);
    expect(child.exited).toBe(false);
    expect(life.status()).toEqual({ pid: child.pid });
    expect(readFileSync(paths.pulsePid, 'utf8')).toBe(`${child.pid}\n`);
    // Its output goes to the log, not to the terminal that started it.
    await waitFor(
      () => readFileSync(paths.pulseLog, 'utf8').includes(`pulse running (pid ${child.pid})`),
      'the pulse to say it runs, in its log',
    );
    expect(await life.stop('the pulse to stop')).toEqual({ pid: child.pid });
    // It removed its pidfile on its way out; this test's process reaps it a moment later.
    await waitFor(() => !alive(child.pid), 'the stopped pulse to be reaped');
    expect(existsSync(paths.pulsePid)).toBe(false);
    expect(life.status()).toBeUndefined();
    expect(await life.stop('nothing')).toBeUndefined();
  });

  it('start → status → stop: a detached server, its state file naming its bare URL', async () => {
    const life = serveLifecycle(paths);
    const args = ['serve', '--port', '0'];
    const child = await life.start({ env: h.env, args, what: 'the server' });
    started.push(child.pid);
    const s = life.status();
    expect(s?.pid).toBe(child.pid);
    expect(s?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await life.stop('the server to stop')).toEqual(s);
    expect(existsSync(paths.serveState)).toBe(false);
  });

  it('a child that ends as it starts is reported as ended, not as up', async () => {
    // `pulse run` refuses a tick under 50 ms and exits 2 before writing its pidfile.
    const life = pulseLifecycle(paths);
    const args = ['pulse', 'run', '--tick-ms', '1'];
    const child = await life.start({ env: h.env, args, what: 'the pulse' });
    expect(child.exited).toBe(true);
    expect(life.status()).toBeUndefined();
    expect(readFileSync(paths.pulseLog, 'utf8')).toContain("invalid --tick-ms '1'");
  });

  it('a pidfile whose process is gone reads as stopped and is removed', () => {
    writeFileSync(paths.pulsePid, `${deadPid()}\n`);
    expect(pulseLifecycle(paths).status()).toBeUndefined();
    expect(existsSync(paths.pulsePid)).toBe(false);
  });

  it('a state file whose server is gone reads as stopped and is removed', () => {
    const url = 'http://127.0.0.1:1/';
    writeFileSync(paths.serveState, JSON.stringify({ pid: deadPid(), url }));
    expect(serveLifecycle(paths).status()).toBeUndefined();
    expect(existsSync(paths.serveState)).toBe(false);
  });

  it('a run file naming a live process stays; one with no pid yet (being written) is left alone', () => {
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)']);
    started.push(live.pid as number);
    writeFileSync(paths.pulsePid, `${live.pid}\n`);
    expect(pulseLifecycle(paths).status()).toEqual({ pid: live.pid });
    expect(existsSync(paths.pulsePid)).toBe(true);
    writeFileSync(paths.serveState, '');
    expect(serveLifecycle(paths).status()).toBeUndefined();
    expect(readFileSync(paths.serveState, 'utf8')).toBe('');
    // Not for the harness's clean-up to read (it kills what run files name).
    rmSync(paths.pulsePid);
    rmSync(paths.serveState);
  });
});
