import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/engine/store/migrations.js';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { jobRow } from '../helpers/job-row.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

describe('store info and guard (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-info')));
  afterEach(() => t.close());

  it('says what it is: integrity, jobs, schema version', () => {
    expect(t.store.info.integrity()).toBe('ok');
    expect(t.store.info.schemaVersion()).toBe(migrations.length);
    expect(t.store.info.jobCount()).toBe(0);
    new JobsRepo(t.db).insert(jobRow('a1b2c3d4'));
    expect(t.store.info.jobCount()).toBe(1);
  });

  it("its data version moves on another connection's commit, not on reads or its own writes", () => {
    const v0 = t.store.info.dataVersion();
    t.store.queue.list();
    t.store.activity.record('own', {}, 1);
    expect(t.store.info.dataVersion()).toBe(v0);
    const other = new Database(t.file);
    try {
      other.prepare("INSERT INTO settings (key, value) VALUES ('x.y', '1')").run();
    } finally {
      other.close();
    }
    expect(t.store.info.dataVersion()).not.toBe(v0);
  });

  it('its guard says deleted once the write-ahead log is removed under it', () => {
    t.store.activity.record('something', {}, 1); // the log now holds a frame
    const guard = t.store.guard();
    expect(guard.check(0)).toBe('ok');
    rmSync(`${t.file}-wal`);
    expect(guard.check(10_000)).toBe('deleted');
  });

  it('closes', () => {
    t.store.close();
    expect(t.db.open).toBe(false);
  });
});
