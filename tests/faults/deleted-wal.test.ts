import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { waitFor } from '../helpers/wait-for.js';
import { expectOneLine, gone, taskPrompts } from './fault-world.js';

/**
 * Someone deletes cc-agent.db-wal (a cleanup script, a careless `rm *-wal`). Committed changes
 * that only the log held must not be lost, and no command may say `disk I/O error`.
 */
describe('a deleted write-ahead log', () => {
  let h: Harness;
  let db: string;
  beforeEach(() => {
    h = createHarness('fault-wal');
    db = join(h.home, 'cc-agent.db');
  });
  afterEach(() => h?.cleanup());

  const pulsePid = (): number => Number(readFileSync(join(h.home, 'pulse.pid'), 'utf8'));

  /** What the store file alone holds (a copy, opened without any log). */
  const inStoreFile = (): string[] => {
    const copy = join(h.tempDir('copy'), 'alone.db');
    copyFileSync(db, copy);
    const d = new Database(copy, { readonly: true });
    try {
      return d.prepare('SELECT prompt FROM queue ORDER BY prompt').pluck().all() as string[];
    } finally {
      d.close();
    }
  };

  it('while a live engine holds it: one line, health says so, the engine writes back and stops', async () => {
    await h.ok(['queue', 'add', 'before the pulse']);
    await h.ok(['pulse', 'start']);
    const pid = pulsePid();
    await h.ok(['queue', 'add', 'while the pulse runs']);
    // Held still while the log goes and others try the store: it would notice within a tick.
    process.kill(pid, 'SIGSTOP');
    rmSync(`${db}-wal`);
    try {
      expectOneLine(
        await h.cli(['queue', 'list']),
        `${db}-wal`,
        /was deleted/,
        /run the command again/,
      );
      const health = await h.cli(['health']);
      expect(health.code).toBe(1);
      expect(health.stdout).toMatch(new RegExp(`^FAIL  store +${db}-wal was deleted`, 'm'));
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    await waitFor(() => gone(pid) && !existsSync(join(h.home, 'pulse.pid')), 'the pulse to stop');
    expect(readFileSync(join(h.home, 'pulse.log'), 'utf8')).toMatch(
      /cc-agent pulse: the store's write-ahead log .* was deleted under this engine/,
    );
    expect(await taskPrompts(h)).toEqual(['before the pulse', 'while the pulse runs']);
    await h.ok(['queue', 'add', 'after']);
    expect(await h.ok(['health'])).toMatch(/^ok {4}store .*integrity ok\)$/m);
  });

  it('left behind by a killed engine, then deleted: nothing committed is lost', async () => {
    await h.ok(['pulse', 'start']);
    const pid = pulsePid();
    await h.ok(['queue', 'add', 'one']);
    await h.ok(['queue', 'add', 'two']);
    // The live engine copies the log into the store file within a tick or two.
    await waitFor(() => inStoreFile().length === 2, 'the log to be written back to the store file');
    process.kill(pid, 'SIGKILL');
    await waitFor(() => gone(pid), 'the pulse to die');
    expect(existsSync(`${db}-wal`)).toBe(true);
    rmSync(`${db}-wal`);
    expect(await taskPrompts(h)).toEqual(['one', 'two']);
  });
});
