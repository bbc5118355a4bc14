import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { jobRow } from '../helpers/job-row.js';
import { storeDialect, tempStore, type TempStore } from '../helpers/temp-store.js';
import { waitFor } from '../helpers/wait-for.js';

describe(`store info (${storeDialect})`, () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-info')));
  afterEach(() => t.close());

  it('says what it is: integrity, jobs, schema version', () => {
    expect(t.store.info.integrity()).toBe('ok');
    expect(t.store.info.schemaVersion()).toBe(t.latestVersion);
    expect(t.store.info.jobCount()).toBe(0);
    new JobsRepo(t.db).insert(jobRow('a1b2c3d4'));
    expect(t.store.info.jobCount()).toBe(1);
  });

  it("its data version moves on another connection's commit, not on reads or its own writes", async () => {
    const v0 = t.store.info.dataVersion();
    t.store.queue.list();
    t.store.activity.record('own', {}, 1);
    // PostgreSQL's notices arrive on their own: a notice of its own write would have by now.
    t.another().prepare('SELECT 1').get();
    expect(t.store.info.dataVersion()).toBe(v0);
    t.another().prepare("INSERT INTO settings (key, value) VALUES ('x.y', '1')").run();
    await waitFor(() => t.store.info.dataVersion() !== v0, 'the data version to move');
  });

  it('closes', () => {
    t.store.close();
    expect(t.db.open).toBe(false);
  });
});
