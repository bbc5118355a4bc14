import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { DOWN_MS, hostSummaries } from '../../src/engine/hosts/heartbeat.js';
import { releaseLostTasks, TASK_LEASE_MS } from '../../src/engine/hosts/take-tasks.js';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { jobRow } from '../helpers/job-row.js';
import { storeDialect, tempStore, type TempStore } from '../helpers/temp-store.js';

const T0 = 1_800_000_000_000;

/** The hosts table, command rows, and a silent host's tasks (a real store, a set clock). */
describe(`hosts and their commands (${storeDialect})`, () => {
  let t: TempStore;
  let now: number;
  let ctx: EngineContext;
  let beta: JobsRepo;
  beforeEach(() => {
    t = tempStore('store-hosts');
    now = T0;
    const jobs = new JobsRepo(t.db, undefined, { id: 'alpha', shared: true });
    beta = new JobsRepo(t.db, undefined, { id: 'beta', shared: true });
    ctx = { db: t.db, store: t.store, jobs, env: {}, now: () => now } as unknown as EngineContext;
  });
  afterEach(() => t.close());

  const beat = (id: string, at: number): void =>
    t.store.hosts.beat({ id, started_at: T0, max_agents: 4, pid: 1 }, at);

  it('a silent host keeps its tasks for TASK_LEASE_MS, then they go back to the queue', () => {
    beat('alpha', T0);
    beat('beta', T0);
    for (const id of ['t-placeholder', 't-worker', 't-mine', 't-unknown'])
      t.store.queue.insert({ id, prompt: id, priority: 0, createdAt: T0 });
    beta.insert(jobRow('b0000001'));
    ctx.jobs.insert(jobRow('a0000001'));
    // Claimed in priority-then-age order: each by whom the test says.
    expect(t.store.queue.claimNext('@beta', T0)?.id).toBe('t-placeholder');
    expect(t.store.queue.claimNext('b0000001', T0)?.id).toBe('t-worker');
    expect(t.store.queue.claimNext('a0000001', T0)?.id).toBe('t-mine');
    expect(t.store.queue.claimNext('@nowhere', T0)?.id).toBe('t-unknown');

    now = T0 + DOWN_MS + 1_000; // beta is down, but not for long
    beat('alpha', now);
    expect(hostSummaries(ctx).find((h) => h.id === 'beta')).toMatchObject({ up: false });
    expect(releaseLostTasks(ctx)).toEqual([]);

    now = T0 + TASK_LEASE_MS + 1_000;
    expect(releaseLostTasks(ctx).sort()).toEqual(['t-placeholder', 't-worker']);
    const status = (id: string) => t.store.queue.get(id)?.status;
    expect(['t-placeholder', 't-worker', 't-mine', 't-unknown'].map(status)).toEqual([
      'pending',
      'pending',
      'running',
      'running',
    ]);
  });

  it('a command runs once whoever claims it; a withdrawn one never runs; answers are kept', () => {
    const add = (id: string): void =>
      t.store.hosts.addCommand({
        id,
        host: 'beta',
        job_id: 'b0000001',
        op: 'send',
        args: '["hi"]',
        created_at: T0,
      });
    add('c1');
    add('c2');
    expect(t.store.hosts.pending('beta').map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(t.store.hosts.pending('alpha')).toEqual([]);
    expect(t.store.hosts.claim('c1')).toBe(true);
    expect(t.store.hosts.claim('c1')).toBe(false);
    expect(t.store.hosts.withdraw('c1')).toBe(false);
    t.store.hosts.finish('c1', { result: 'null' }, T0 + 5);
    expect(t.store.hosts.command('c1')).toMatchObject({ status: 'done', result: 'null' });
    expect(t.store.hosts.withdraw('c2')).toBe(true);
    expect(t.store.hosts.claim('c2')).toBe(false);
    expect(t.store.hosts.command('c2')).toMatchObject({ status: 'failed', error: 'withdrawn' });
    t.store.hosts.prune(T0 + 1);
    expect(t.store.hosts.command('c1')).toBeUndefined();
  });

  it('a stopped engine marks its host down at once, only if the beat is still its own', () => {
    beat('beta', T0);
    t.store.hosts.down('beta', 999);
    expect(t.store.hosts.get('beta')?.heartbeat_at).toBe(T0);
    t.store.hosts.down('beta', 1);
    expect(t.store.hosts.get('beta')?.heartbeat_at).toBe(0);
  });
});

describe(`the orchestrator on another host (${storeDialect})`, () => {
  let t: TempStore;
  afterEach(() => t.close());

  it("is that host's to supervise: this engine types nothing to it and starts none", async () => {
    t = tempStore('orch-elsewhere');
    const { pathsFor } = await import('../../src/engine/paths.js');
    const { superviseOnce } = await import('../../src/engine/orchestrator/supervise.js');
    const beta = new JobsRepo(t.db, undefined, { id: 'beta', shared: true });
    const jobs = new JobsRepo(t.db, undefined, { id: 'alpha', shared: true });
    const calls: string[][] = [];
    const ctx = {
      db: t.db,
      store: t.store,
      jobs,
      env: {},
      paths: pathsFor(t.dir),
      now: () => T0,
      events: t.events,
      // Any tmux call (typing a warning, a respawn) would be this engine acting on it.
      tmux: () =>
        new Proxy(
          {},
          {
            get:
              (_, name) =>
              (...args: string[]) => (calls.push([String(name), ...args]), Promise.resolve()),
          },
        ),
      saved: () => undefined,
    } as unknown as EngineContext;
    t.store.orchestrator.put(
      {
        desired: 'running',
        agent: 'demo',
        model: null,
        effort: null,
        dir: t.dir,
        started_at: T0,
        respawns: 0,
        last_respawn_at: null,
        sent_at: 0,
        phase: 'normal',
        warn_at: null,
        reported_at: 0,
      },
      'started',
    );
    // Its context is past the warning line and its turn ended: here, it would be warned.
    beta.insert(jobRow('orch', { kind: 'orchestrator', status: 'running', activity: 'waiting' }));
    beta.update('orch', { context_pct: 95, activity_at: T0 - 1000 });
    expect(await superviseOnce(ctx)).toBeUndefined();
    expect(calls).toEqual([]);
    expect(t.store.orchestrator.get()?.phase).toBe('normal');
  });
});
