import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewApproval } from '../../src/engine/store/approvals-repo.js';
import { tempStores, type OpenStore } from '../helpers/automation-store.js';

const filed = (over: Partial<NewApproval> = {}): NewApproval => ({
  id: 'ap1',
  triggerId: 't1',
  triggerName: 'nightly',
  action: 'queue_task',
  payload: { prompt: 'clean up' },
  reason: 'cron slot',
  createdAt: Date.parse('2026-01-01T00:00:00Z'),
  ...over,
});

describe('the approvals repository (real SQLite file)', () => {
  let stores: ReturnType<typeof tempStores>;
  let a: OpenStore;
  beforeEach(() => {
    stores = tempStores();
    a = stores.open();
  });
  afterEach(() => stores.close());

  it('files a pending approval and gives it back, announced once as pending', () => {
    a.store.approvals.insert(filed());
    expect(a.store.approvals.get('ap1')).toEqual({
      id: 'ap1',
      triggerId: 't1',
      triggerName: 'nightly',
      action: 'queue_task',
      payload: { prompt: 'clean up' },
      reason: 'cron slot',
      status: 'pending',
      createdAt: '2026-01-01T00:00:00.000Z',
      decidedAt: null,
      result: null,
    });
    expect(a.store.approvals.get('nope')).toBeUndefined();
    expect(a.heard).toEqual([['approval', { id: 'ap1', status: 'pending' }]]);
  });

  it('lists pending ones first, then newest first', () => {
    a.store.approvals.insert(filed({ id: 'old', createdAt: 1 }));
    a.store.approvals.insert(filed({ id: 'mid', createdAt: 2, payload: null }));
    a.store.approvals.insert(filed({ id: 'new', createdAt: 3, triggerId: null }));
    a.store.approvals.decide('new', 'rejected', 4);
    expect(a.store.approvals.list().map((x) => x.id)).toEqual(['mid', 'old', 'new']);
    expect(a.store.approvals.get('mid')?.payload).toBeNull();
  });

  it('is decided exactly once, whichever of two engines asks first; the loser hears nothing', () => {
    const b = stores.open();
    a.store.approvals.insert(filed());
    a.heard.length = 0;
    expect(b.store.approvals.decide('ap1', 'approved', 10)).toBe(true);
    expect(a.store.approvals.decide('ap1', 'rejected', 11)).toBe(false);
    expect(b.store.approvals.decide('ap1', 'approved', 12)).toBe(false);
    expect(a.store.approvals.get('ap1')).toMatchObject({
      status: 'approved',
      decidedAt: new Date(10).toISOString(),
    });
    expect(b.heard).toEqual([['approval', { id: 'ap1', status: 'approved' }]]);
    expect(a.heard).toEqual([]);
    expect(a.store.approvals.decide('missing', 'approved', 13)).toBe(false);
  });

  it('settles what came of it: a result, and a final status when it changed', () => {
    a.store.approvals.insert(filed({ id: 'ok' }));
    a.store.approvals.insert(filed({ id: 'bad' }));
    a.store.approvals.decide('ok', 'approved', 5);
    a.store.approvals.decide('bad', 'approved', 5);
    a.heard.length = 0;
    a.store.approvals.settle('ok', { result: 'queued task q1' });
    a.store.approvals.settle('bad', { status: 'failed', result: 'failed: no' });
    a.store.approvals.settle('missing', { result: 'x' });
    expect(a.store.approvals.get('ok')).toMatchObject({
      status: 'approved',
      result: 'queued task q1',
    });
    expect(a.store.approvals.get('bad')).toMatchObject({ status: 'failed', result: 'failed: no' });
    expect(a.heard).toEqual([
      ['approval', { id: 'ok', status: 'approved' }],
      ['approval', { id: 'bad', status: 'failed' }],
    ]);
  });

  it('expires pending ones filed before a moment, each announced; decided ones stay', () => {
    a.store.approvals.insert(filed({ id: 'e1', createdAt: 100 }));
    a.store.approvals.insert(filed({ id: 'e2', createdAt: 200 }));
    a.store.approvals.insert(filed({ id: 'young', createdAt: 900 }));
    a.store.approvals.insert(filed({ id: 'done', createdAt: 50 }));
    a.store.approvals.decide('done', 'rejected', 60);
    a.heard.length = 0;
    expect(a.store.approvals.expire(500, 1_000).sort()).toEqual(['e1', 'e2']);
    expect(a.store.approvals.get('e1')).toMatchObject({
      status: 'expired',
      decidedAt: new Date(1_000).toISOString(),
    });
    expect(a.store.approvals.get('done')?.status).toBe('rejected');
    expect(a.store.approvals.get('young')?.status).toBe('pending');
    expect(a.heard.map(([, c]) => c)).toEqual(
      expect.arrayContaining([
        { id: 'e1', status: 'expired' },
        { id: 'e2', status: 'expired' },
      ]),
    );
    expect(a.heard).toHaveLength(2);
    expect(a.store.approvals.expire(500, 1_100)).toEqual([]);
    expect(a.heard).toHaveLength(2);
    expect(a.store.approvals.decide('e1', 'approved', 1_200)).toBe(false);
  });
});
