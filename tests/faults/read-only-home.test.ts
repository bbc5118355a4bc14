import { chmodSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { expectOneLine, isRoot, mount, strayTemps, taskPrompts, unmount } from './fault-world.js';

/**
 * A home that became read-only (a remounted disk, a backup restored read-only): every command
 * says so in one line naming the home, health says which check fails, and the store keeps
 * what was committed before.
 */
describe('a read-only home', () => {
  let h: Harness;
  const makeReadOnly = (): void => {
    if (isRoot) mount('-o', 'remount,ro', h.home);
    else chmodSync(h.home, 0o500);
  };
  const makeWritable = (): void => {
    if (isRoot) mount('-o', 'remount,rw', h.home);
    else chmodSync(h.home, 0o700);
  };

  beforeAll(async () => {
    h = createHarness('fault-ro');
    mkdirSync(h.home, { recursive: true });
    if (isRoot) mount('-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', h.home);
    else console.log('not root: a chmod 0500 home stands in for a read-only mount');
    await h.ok(['queue', 'add', 'committed one']);
    await h.ok(['queue', 'add', 'committed two']);
    makeReadOnly();
  });
  afterAll(() => {
    if (h && isRoot) unmount(h.home);
    h?.cleanup();
  });

  it('writing commands give one line naming the home and exit non-zero', async () => {
    expectOneLine(await h.cli(['queue', 'add', 'lost?']), h.home, /read-only/);
    expectOneLine(await h.cli(['start', '--agent', 'demo', '--', 'hi']), h.home, /read-only/);
  });

  it('reading commands too (the store cannot open its index)', async () => {
    expectOneLine(await h.cli(['jobs']), h.home, /read-only/);
  });

  it('health says the home is not writable', async () => {
    const r = await h.cli(['health']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^FAIL  home +${h.home} is not writable`, 'm'));
    expect(r.stdout).toMatch(/\nStatus: failed \(home[^)]*\)(, with \d+ warnings? \([^)]*\))?\n$/);
  });

  it('loses nothing committed and leaves no temp file once writable again', async () => {
    makeWritable();
    expect(await taskPrompts(h)).toEqual(['committed one', 'committed two']);
    expect(strayTemps(h.home)).toEqual([]);
  });
});
