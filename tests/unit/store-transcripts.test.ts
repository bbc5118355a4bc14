import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { newReaderState } from '../../src/engine/transcripts/index.js';
import { jobRow } from '../helpers/job-row.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

describe('transcripts repository (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-transcripts')));
  afterEach(() => t.close());

  it('stores, replaces and forgets a reading state, announcing nothing (its job does)', () => {
    expect(t.store.transcripts.load('j1')).toBeUndefined();
    const first = { ...newReaderState('/t/a.jsonl'), offset: 10 };
    t.store.transcripts.save('j1', first);
    expect(t.store.transcripts.load('j1')).toEqual(first);
    const next = { ...first, offset: 99, seenIds: ['m1'] };
    t.store.transcripts.save('j1', next);
    expect(t.store.transcripts.load('j1')).toEqual(next);
    t.store.transcripts.delete('j1');
    expect(t.store.transcripts.load('j1')).toBeUndefined();
    expect(t.take()).toEqual([]);
  });

  it('names the transcript of every running job, and only those', () => {
    const jobs = new JobsRepo(t.db);
    jobs.insert(jobRow('run00001', { status: 'running' }));
    jobs.insert(jobRow('run00002', { status: 'running' }));
    jobs.insert(jobRow('done0001', { status: 'completed' }));
    t.store.transcripts.save('run00001', newReaderState('/t/one.jsonl'));
    t.store.transcripts.save('done0001', newReaderState('/t/done.jsonl'));
    t.store.transcripts.save('gone0001', newReaderState('/t/gone.jsonl')); // no such job
    expect([...t.store.transcripts.runningPaths()]).toEqual([['run00001', '/t/one.jsonl']]);
  });
});
