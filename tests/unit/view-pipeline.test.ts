import { describe, expect, it } from 'vitest';
import {
  barKind,
  columnAt,
  columnsOf,
  DAY,
  initialWindow,
  moveWindow,
  pipelineRows,
  SPANS,
  windowRange,
  zoomWindow,
  type PipelineWindow,
} from '../../src/view/pipeline.js';
import { fakeJob, iso, T0 } from '../helpers/job-fixture.js';

/** The Pipeline's pure layout: which jobs, where their bars and marks fall, how the window moves. */
const MIN = 60_000;
const HOUR = 60 * MIN;
const range = { start: T0, end: T0 + HOUR };

describe('pipeline rows', () => {
  const now = T0 + HOUR;
  const jobs = [
    fakeJob('late', {
      startedAt: iso(T0 + 40 * MIN),
      status: 'completed',
      endedAt: iso(T0 + 50 * MIN),
    }),
    fakeJob('early', { startedAt: iso(T0 + 5 * MIN) }),
    fakeJob('before', {
      startedAt: iso(T0 - 3 * HOUR),
      endedAt: iso(T0 - 2 * HOUR),
      status: 'failed',
    }),
    fakeJob('worker', {
      parentId: 'orch',
      startedAt: iso(T0 + 10 * MIN),
      endedAt: iso(T0 + 20 * MIN),
      status: 'killed',
    }),
    fakeJob('queued', { status: 'pending', startedAt: null, createdAt: iso(T0 + 55 * MIN) }),
  ];
  const tasks = [
    { id: 't1', prompt: 'fix the build', jobId: 'early', startedAt: iso(T0 + 30 * MIN) },
    { id: 't2', prompt: 'not started', jobId: 'early', startedAt: null },
    { id: 't3', prompt: 'elsewhere', jobId: 'other', startedAt: iso(T0 + 31 * MIN) },
  ];
  const rows = pipelineRows(jobs, tasks, range, now);

  it('lists the jobs in the window by start, a running bar reaching now, a pending one from its creation', () => {
    expect(rows.map((r) => r.job.id)).toEqual(['early', 'worker', 'late', 'queued']);
    const early = rows[0];
    expect([early?.from, early?.to]).toEqual([T0 + 5 * MIN, now]);
    expect(rows[3]?.from).toBe(T0 + 55 * MIN);
    expect(rows.map((r) => r.kind)).toEqual(['working', 'killed', 'completed', 'pending']);
  });

  it("marks a hand-over at a child job's start and each queue task where its job took it", () => {
    expect(rows[1]?.marks).toEqual([{ at: T0 + 10 * MIN, kind: 'handover', label: 'from orch' }]);
    expect(rows[0]?.marks).toEqual([
      { at: T0 + 30 * MIN, kind: 'task', label: 'task t1: fix the build' },
    ]);
    expect(rows[2]?.marks).toEqual([]);
  });

  it('colours by what the job does now: asking, waiting, idle, done', () => {
    expect(barKind(fakeJob('a', { activity: 'needs_permission' }))).toBe('asking');
    expect(barKind(fakeJob('a', { activity: 'blocked' }))).toBe('asking');
    expect(barKind(fakeJob('a', { activity: 'waiting' }))).toBe('waiting');
    expect(barKind(fakeJob('a', { activity: 'idle' }))).toBe('idle');
    expect(barKind(fakeJob('a', { activity: 'starting' }))).toBe('working');
    expect(barKind(fakeJob('a', { status: 'failed' }))).toBe('failed');
  });
});

describe('pipeline columns', () => {
  it('maps a span to the columns it covers, clipped to the window, at least one wide', () => {
    expect(columnsOf(T0 + 15 * MIN, T0 + 30 * MIN, range, 60)).toEqual({ start: 15, end: 30 });
    expect(columnsOf(T0 - HOUR, T0 + 6 * MIN, range, 60)).toEqual({ start: 0, end: 6 });
    expect(columnsOf(T0 + 50 * MIN, T0 + 2 * HOUR, range, 60)).toEqual({ start: 50, end: 60 });
    expect(columnsOf(T0 + 20 * MIN, T0 + 20 * MIN + 1000, range, 60)).toEqual({
      start: 20,
      end: 21,
    });
    expect(columnsOf(T0 + HOUR, T0 + HOUR, range, 60)).toEqual({ start: 59, end: 60 });
    expect(columnsOf(T0 - 2 * HOUR, T0 - HOUR, range, 60)).toBeNull();
    expect(columnsOf(T0, T0 + MIN, range, 0)).toBeNull();
  });

  it('puts a moment in its column, and nowhere outside the window', () => {
    expect(columnAt(T0, range, 60)).toBe(0);
    expect(columnAt(T0 + 30 * MIN, range, 60)).toBe(30);
    expect(columnAt(T0 + HOUR, range, 60)).toBe(59);
    expect(columnAt(T0 - 1, range, 60)).toBeNull();
  });
});

describe('the pipeline window', () => {
  const now = T0;

  it('starts as the last hour, following the clock', () => {
    expect(initialWindow).toEqual({ end: null, span: HOUR });
    expect(windowRange(initialWindow, now)).toEqual({ start: now - HOUR, end: now });
  });

  it('moves half a window at a time, back to following the clock at now, never before the day', () => {
    const back = moveWindow(initialWindow, -1, now);
    expect(back).toEqual({ end: now - HOUR / 2, span: HOUR });
    expect(moveWindow(back, 1, now)).toEqual({ end: null, span: HOUR });
    let w = initialWindow;
    for (let i = 0; i < 100; i++) w = moveWindow(w, -1, now);
    expect(windowRange(w, now).start).toBe(now - DAY);
  });

  it('zooms a step at a time between a quarter hour and a day, keeping where it ends', () => {
    expect(zoomWindow(initialWindow, -1, now).span).toBe(30 * MIN);
    expect(zoomWindow(initialWindow, 1, now).span).toBe(3 * HOUR);
    let w: PipelineWindow = { end: now - HOUR, span: HOUR };
    for (let i = 0; i < 10; i++) w = zoomWindow(w, 1, now);
    expect(w.span).toBe(DAY);
    // A whole day cannot end an hour ago and still start inside the day: it ends now.
    expect(w.end).toBe(now);
    for (let i = 0; i < 10; i++) w = zoomWindow(w, -1, now);
    expect(w.span).toBe(SPANS[0]);
  });
});
