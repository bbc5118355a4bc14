import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HookEventRecord } from '../../src/engine/events/emitter.js';
import type { NewHookEvent } from '../../src/engine/store/repositories.js';
import { tempStore, type TempStore } from '../helpers/temp-store.js';

let n = 0;
const ev = (jobId: string, event: string, over: Partial<NewHookEvent> = {}): NewHookEvent => ({
  spoolName: `${String(1_750_000_000_000_000_000n + BigInt(++n))}.1.json`,
  jobId,
  ts: 1000 + n,
  event,
  sessionId: 's1',
  toolName: null,
  payload: { hook_event_name: event, n },
  orphan: false,
  ...over,
});

describe('hook events repository (SQLite)', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore('store-events')));
  afterEach(() => t.close());

  it('announces each stored event once, as its record; never an orphan or a repeat', () => {
    const e = ev('j1', 'PreToolUse', { toolName: 'Bash' });
    const seq = t.store.hookEvents.insert(e);
    expect(seq).toBeGreaterThan(0);
    expect(t.heard).toEqual([
      [
        'hook_event',
        {
          seq,
          jobId: 'j1',
          ts: e.ts,
          event: 'PreToolUse',
          sessionId: 's1',
          toolName: 'Bash',
          payload: e.payload,
        },
      ],
    ]);
    t.take();
    expect(t.store.hookEvents.insert(e)).toBeUndefined(); // the same spool entry again
    expect(t.store.hookEvents.insert(ev('j1', 'Stop', { orphan: true }))).toBeGreaterThan(0);
    expect(t.take()).toEqual([]);
  });

  it('announces a batch as it commits, after all of it landed; nothing when it rolls back', () => {
    const seen: number[] = [];
    t.events.on('hook_event', () => seen.push(t.store.hookEvents.query().length));
    t.store.atomically(() => {
      t.store.hookEvents.insert(ev('j1', 'A'));
      t.store.hookEvents.insert(ev('j1', 'B'));
      expect(seen).toEqual([]);
    }, 'immediate');
    expect(seen).toEqual([2, 2]);
    t.take();
    expect(() =>
      t.store.atomically(() => {
        t.store.hookEvents.insert(ev('j1', 'C'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(t.take()).toEqual([]);
    expect(t.store.hookEvents.query().map((e) => e.event)).toEqual(['A', 'B']);
  });

  it('queries in spool order, filtered, newest N; orphans marked', () => {
    const late = ev('j1', 'Late');
    const early = { ...ev('j2', 'Early'), spoolName: '1000000000000000000.1.json', ts: 5 };
    t.store.hookEvents.insert(late);
    t.store.hookEvents.insert(early); // stored after, happened before
    t.store.hookEvents.insert(ev('j1', 'Forged', { orphan: true }));
    const all = t.store.hookEvents.query();
    expect(all.map((e) => e.event)).toEqual(['Early', 'Late', 'Forged']);
    expect(all[2]?.orphan).toBe(true);
    expect(all[0]).not.toHaveProperty('orphan');
    expect(t.store.hookEvents.query({ jobId: 'j1' }).map((e) => e.event)).toEqual([
      'Late',
      'Forged',
    ]);
    expect(t.store.hookEvents.query({ since: late.ts }).map((e) => e.event)).toEqual([
      'Late',
      'Forged',
    ]);
    expect(t.store.hookEvents.query({ limit: 1 }).map((e) => e.event)).toEqual(['Forged']);
    const firstSeq = (all[1] as HookEventRecord).seq;
    expect(t.store.hookEvents.query({ afterSeq: firstSeq }).map((e) => e.event)).toEqual([
      'Early',
      'Forged',
    ]);
  });

  it("answers a job's own events after a seq, its last seq and whether a turn stopped", () => {
    expect(t.store.hookEvents.lastSeq('j1')).toBe(0);
    const a = t.store.hookEvents.insert(ev('j1', 'UserPromptSubmit', { ts: 100 })) as number;
    t.store.hookEvents.insert(ev('j1', 'Stop', { ts: 200, orphan: true }));
    expect(t.store.hookEvents.lastSeq('j1')).toBe(a); // an orphan is not the job's
    expect(t.store.hookEvents.stoppedSince('j1', 50)).toBe(false);
    const b = t.store.hookEvents.insert(ev('j1', 'StopFailure', { ts: 300 })) as number;
    t.store.hookEvents.insert(ev('j2', 'Stop', { ts: 400 }));
    expect(t.store.hookEvents.stoppedSince('j1', 250)).toBe(true);
    expect(t.store.hookEvents.stoppedSince('j1', 300)).toBe(false);
    expect(t.store.hookEvents.after('j1', 0).map((e) => e.seq)).toEqual([a, b]);
    expect(t.store.hookEvents.after('j1', a).map((e) => e.event)).toEqual(['StopFailure']);
    t.store.hookEvents.deleteForJob('j1');
    expect(t.store.hookEvents.query().map((e) => e.jobId)).toEqual(['j2']);
  });

  it('keeps the spool counters', () => {
    expect(t.store.hookEvents.counter('orphan_events')).toBe(0);
    t.store.hookEvents.addToCounter('orphan_events', 2);
    t.store.hookEvents.addToCounter('orphan_events', 0);
    t.store.hookEvents.addToCounter('orphan_events', 3);
    t.store.hookEvents.addToCounter('spool_quarantined', 1);
    expect(t.store.hookEvents.counter('orphan_events')).toBe(5);
    expect(t.store.hookEvents.counter('spool_quarantined')).toBe(1);
    expect(t.take()).toEqual([]);
  });
});
