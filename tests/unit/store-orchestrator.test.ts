import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import type { OrchestratorRecord } from '../../src/engine/store/orchestrator-types.js';
import { jobRow } from '../helpers/job-row.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

const REC: OrchestratorRecord = {
  desired: 'running',
  agent: 'demo',
  model: null,
  effort: null,
  dir: '/w',
  started_at: 1000,
  respawns: 0,
  last_respawn_at: null,
  sent_at: 1000,
  phase: 'normal',
  warn_at: null,
  reported_at: 1000,
};

describe('orchestrator repository (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-orch')));
  afterEach(() => t.close());

  it('keeps one record and announces putting it once, with the reason', () => {
    expect(t.store.orchestrator.get()).toBeUndefined();
    t.store.orchestrator.put(REC, 'started');
    expect(t.heard).toEqual([
      ['orchestrator_status_change', { status: 'running', reason: 'started' }],
    ]);
    expect(t.store.orchestrator.get()).toMatchObject(REC);
    t.store.orchestrator.put({ ...REC, agent: 'claude' }, 'again');
    expect(t.store.orchestrator.get()?.agent).toBe('claude');
    expect(t.take()).toHaveLength(2);
  });

  it('announces a patch that changes what faces show, once; bookkeeping patches stay quiet', () => {
    t.store.orchestrator.put(REC, 'started');
    t.take();
    t.store.orchestrator.patch({ sent_at: 2000, reported_at: 2000 });
    expect(t.take()).toEqual([]);
    t.store.orchestrator.patch({ phase: 'normal' }); // the same phase: no change
    expect(t.take()).toEqual([]);
    t.store.orchestrator.patch({ phase: 'warned', warn_at: 3000 });
    expect(t.heard).toEqual([
      ['orchestrator_status_change', { status: 'running', reason: 'phase warned' }],
    ]);
    t.take();
    t.store.orchestrator.patch({ desired: 'stopped' }, 'stopped');
    expect(t.heard).toEqual([
      ['orchestrator_status_change', { status: 'stopped', reason: 'stopped' }],
    ]);
    t.take();
    t.store.orchestrator.patch({ sent_at: 4000 }, 'typed to it'); // a reason announces any change
    expect(t.take()).toEqual(['orchestrator_status_change']);
    expect(t.store.orchestrator.get()).toMatchObject({
      desired: 'stopped',
      phase: 'warned',
      sent_at: 4000,
    });
    t.store.orchestrator.patch({});
    expect(t.take()).toEqual([]);
  });

  it('a patch with no record writes and announces nothing', () => {
    t.store.orchestrator.patch({ desired: 'stopped' }, 'stopped');
    expect(t.store.orchestrator.get()).toBeUndefined();
    expect(t.take()).toEqual([]);
  });

  it('finds the workers to report and those still active', () => {
    const jobs = new JobsRepo(t.db);
    const w = (id: string, over: Parameters<typeof jobRow>[1]) =>
      jobs.insert(jobRow(id, { parent_id: 'orch', ...over }));
    w('done0001', { status: 'completed', ended_at: 5000, created_at: 1 });
    w('old00001', { status: 'completed', ended_at: 500, created_at: 2 });
    w('wait0001', { status: 'running', activity: 'waiting', created_at: 3 });
    jobs.update('wait0001', { activity_at: 4000 });
    w('busy0001', { status: 'running', activity: 'working', created_at: 4 });
    jobs.insert(jobRow('other001', { status: 'completed', ended_at: 6000 }));
    const r = t.store.orchestrator.workersToReport('orch', 1000);
    expect(r.map((x) => [x.id, x.at])).toEqual([
      ['wait0001', 4000],
      ['done0001', 5000],
    ]);
    expect(r[1]).toMatchObject({ status: 'completed', summary: null });
    expect(t.store.orchestrator.activeWorkers('orch')).toEqual(['wait0001', 'busy0001']);
    expect(t.store.orchestrator.activeWorkers('nobody')).toEqual([]);
  });
});
