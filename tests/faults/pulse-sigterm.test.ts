import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  writeSync,
  readFileSync,
  rmSync,
  watch,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulseStatus } from '../../src/engine/index.js';
import { cliPath, createHarness, type Harness } from '../helpers/cli-harness.js';
import { waitFor } from '../helpers/wait-for.js';
import { gone, isRoot, mount, unmount } from './fault-world.js';

/** One SIGTERM stops the detached pulse promptly: its pidfile and its lease go with it. */
describe('cc-agent pulse and SIGTERM', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness('fault-pulse');
  });
  afterEach(() => {
    if (h && isRoot) unmount(h.home);
    h?.cleanup();
  });

  const stoppedCleanly = async (pid: number): Promise<void> => {
    await waitFor(() => gone(pid), `pulse ${pid} to exit after one SIGTERM`, 5000);
    expect(existsSync(join(h.home, 'pulse.pid'))).toBe(false);
  };

  it('sent the moment its pidfile appears (while it starts)', async () => {
    mkdirSync(h.home, { recursive: true });
    // Signalled as `pulse stop` would, as soon as the pid is there to read.
    let signalled: number | undefined;
    const w = watch(h.home, () => {
      const file = join(h.home, 'pulse.pid');
      if (signalled || !existsSync(file)) return;
      const pid = Number(readFileSync(file, 'utf8'));
      if (!pid) return;
      signalled = pid;
      process.kill(pid, 'SIGTERM');
    });
    try {
      await h.cli(['pulse', 'start']);
      await waitFor(() => signalled, 'the pidfile to appear');
    } finally {
      w.close();
    }
    await stoppedCleanly(signalled as number);
    const s = JSON.parse(await h.ok(['pulse', 'status', '--json'])) as PulseStatus;
    expect(s.leader).toBeNull();
  });

  // Its log on a full disk: every line it writes fails (ENOSPC), which once killed it on its
  // first line, leaving its pidfile. /dev/full fails every write the same way, at once.
  it('whose output cannot be written', async () => {
    mkdirSync(h.home, { recursive: true });
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [cliPath, 'pulse', 'run'], {
      env: h.env,
      stdio: ['ignore', full, full],
    });
    closeSync(full);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const file = join(h.home, 'pulse.pid');
    await waitFor(() => existsSync(file) || child.exitCode !== null, 'the pulse pidfile');
    // Past its first line ("pulse running"), which is what failed.
    await waitFor(async () => {
      const s = JSON.parse(await h.ok(['pulse', 'status', '--json'])) as PulseStatus;
      return s.leader !== null || child.exitCode !== null;
    }, 'the pulse to lead');
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    // It goes cleanly; the lost output shows in its exit code.
    expect(await exited).toBe(1);
    expect(existsSync(file)).toBe(false);
  });

  it.runIf(isRoot)('while the disk under the home is full', async () => {
    mkdirSync(h.home, { recursive: true });
    mount('-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', h.home);
    await h.ok(['pulse', 'start']);
    const pid = Number(readFileSync(join(h.home, 'pulse.pid'), 'utf8'));
    const filler = join(h.home, 'filler');
    const fd = openSync(filler, 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(64 * 1024));
    } catch {
      // full
    } finally {
      closeSync(fd);
    }
    process.kill(pid, 'SIGTERM');
    await stoppedCleanly(pid);
    rmSync(filler);
  });
});
