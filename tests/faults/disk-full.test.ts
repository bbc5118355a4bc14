import { openSync, closeSync, writeSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { expectOneLine, isRoot, mount, strayTemps, taskPrompts, unmount } from './fault-world.js';

/** Fill the file system holding `dir` to the last byte. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

// A full disk needs a small file system of its own: a tmpfs, which only root may mount.
if (!isRoot)
  console.log('disk-full faults SKIPPED: mounting a small tmpfs needs root (CI runs as root)');

describe.skipIf(!isRoot)('a full disk under the home', () => {
  let h: Harness;
  let filler: string;
  beforeAll(async () => {
    h = createHarness('fault-full');
    mkdirSync(h.home, { recursive: true });
    mount('-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', h.home);
    filler = join(h.home, 'filler');
    await h.ok(['queue', 'add', 'committed one']);
    await h.ok(['queue', 'add', 'committed two']);
    fill(filler);
  });
  afterAll(() => {
    if (h) unmount(h.home);
    h?.cleanup();
  });

  it('a write gives one line: disk full, the path, what to do', async () => {
    expectOneLine(await h.cli(['queue', 'add', 'lost?']), /disk full/, h.home, /free some space/);
  });

  it('starting a job too, and no temp file is left behind', async () => {
    const work = h.tempDir('work');
    expectOneLine(
      await h.cli(['start', '--agent', 'demo', '--dir', work, '--', 'hi']),
      /disk full/,
    );
    expect(strayTemps(h.home)).toEqual([]);
  });

  it('health says the disk is full', async () => {
    const r = await h.cli(['health']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^FAIL  disk +only \\d+ KiB free under ${h.home}`, 'm'));
  });

  it('loses nothing committed once there is room again', async () => {
    rmSync(filler);
    expect(await taskPrompts(h)).toEqual(['committed one', 'committed two']);
    expect(strayTemps(h.home)).toEqual([]);
  });
});
