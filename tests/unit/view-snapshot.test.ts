import { describe, expect, it } from 'vitest';
import { ENGINE_EVENTS, type Approval, type TaskPreview } from '../../src/engine/index.js';
import { assembleSnapshot, CHANGES, SNAPSHOT_LIMITS } from '../../src/view/snapshot.js';
import { fakeJob, iso, T0 } from '../helpers/job-fixture.js';

/** The world snapshot's rules, shared by the server's stream and the TUI. */
const job = (i: number, status: 'running' | 'completed' = 'completed') =>
  fakeJob(`j${String(i).padStart(4, '0')}`, { status, createdAt: iso(T0 + i * 1000) });

describe('the world snapshot', () => {
  it('keeps the newest jobs up to the limit, and every older one still running', () => {
    const n = SNAPSHOT_LIMITS.jobs + 20;
    const jobs = Array.from({ length: n }, (_, i) => job(i, i === 3 ? 'running' : 'completed'));
    const s = assembleSnapshot({
      jobs,
      queue: { tasks: [], total: 0 },
      approvals: [],
      triggers: [],
      orchestrator: null,
      conflicts: [],
      budget: { day: '2026-12-06', limitUsd: null, spentUsd: 0, reached: false },
      hosts: [],
    });
    expect(s.jobs).toHaveLength(SNAPSHOT_LIMITS.jobs + 1);
    expect(s.jobs[0]?.id).toBe(`j0${n - 1}`);
    expect(s.jobs.at(-1)?.id).toBe('j0003');
    expect(s.more.jobs).toBe(20);
    expect(s.limits).toEqual(SNAPSHOT_LIMITS);
  });

  it("counts what the queue's page and the approvals left out", () => {
    const tasks = [{ id: 't1' }, { id: 't2' }] as TaskPreview[];
    const approvals = Array.from({ length: SNAPSHOT_LIMITS.approvals + 5 }, (_, i) => ({
      id: `a${i}`,
    })) as Approval[];
    const s = assembleSnapshot({
      jobs: [],
      queue: { tasks, total: 7 },
      approvals,
      triggers: [],
      orchestrator: null,
      conflicts: [],
      budget: { day: '2026-12-06', limitUsd: null, spentUsd: 0, reached: false },
      hosts: [],
    });
    expect(s.more).toEqual({ jobs: 0, tasks: 5, approvals: 5 });
    expect(s.approvals).toHaveLength(SNAPSHOT_LIMITS.approvals);
  });

  it('says for every engine event what it changes; hook events and ticks change nothing', () => {
    expect(Object.keys(CHANGES).sort()).toEqual([...ENGINE_EVENTS].sort());
    const none = ENGINE_EVENTS.filter((e) => CHANGES[e].length === 0);
    expect(none.sort()).toEqual(
      [
        'hook_event',
        'lease_updated',
        'notification',
        'orchestrator_context_warn',
        'pulse_tick',
      ].sort(),
    );
    expect(CHANGES.job_completed).toEqual(['jobs', 'orchestrator']);
  });
});
