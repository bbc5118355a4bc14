import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

/** SQLite's own: its write-ahead log is a file that can be deleted under a live engine. */
describe('the SQLite store guard', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('wal-guard')));
  afterEach(() => t.close());

  it('says deleted once the write-ahead log is removed under it', () => {
    t.store.activity.record('something', {}, 1); // the log now holds a frame
    const guard = t.store.guard();
    expect(guard.check(0)).toBe('ok');
    rmSync(`${t.file}-wal`);
    expect(guard.check(10_000)).toBe('deleted');
  });
});
