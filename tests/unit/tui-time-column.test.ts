import { describe, expect, it } from 'vitest';
import { jobRow, JOB_HEADER } from '../../src/tui/rows.js';
import { fakeJob, iso, T0 } from '../helpers/job-fixture.js';

/** The Jobs panel's TIME cell of a row: the text under the TIME header. */
const timeCell = (row: string): string => {
  const at = JOB_HEADER.indexOf('TIME');
  return row.slice(at, at + 7).trim();
};

const DURATION = /^(\d+s|\d+m\d\ds|\d+h\d\dm|\d+d\d\dh)$/;

describe('the TIME column', () => {
  const now = T0 + 3 * 3600_000 + 12_000;
  const rows = [
    fakeJob('working', { activity: 'working' }),
    fakeJob('fresh', { activity: 'working', startedAt: iso(now - 5000) }),
    // Its turn ended 4 minutes in; it has been waiting since.
    fakeJob('waiting', { activity: 'waiting', lastEventAt: iso(T0 + 4 * 60_000 + 7000) }),
    fakeJob('asking', { activity: 'needs_permission', lastEventAt: iso(T0 + 20_000) }),
    fakeJob('done', { status: 'completed', activity: null, endedAt: iso(T0 + 2000) }),
    fakeJob('failed', { status: 'failed', activity: null, endedAt: iso(T0 + 65_000) }),
  ].map((j) => jobRow(j, now));

  it('uses one format in every row, whatever the job is doing', () => {
    // Half a minute in and twelve minutes in: a waiting job reads like the others.
    const early = [0, 30_000, 12 * 60_000].map((ms) =>
      jobRow(fakeJob('idle', { activity: 'idle', lastEventAt: iso(T0 + ms) }), T0 + ms + 5000),
    );
    for (const r of [...rows, ...early]) expect(timeCell(r), r).toMatch(DURATION);
  });

  it('counts while a job works, holds at its last event while it waits, stops when it ends', () => {
    expect(rows.map(timeCell)).toEqual(['3h00m', '5s', '4m07s', '20s', '2s', '1m05s']);
    // A waiting job's time does not move with the clock (an idle screen redraws once a minute).
    const later = jobRow(
      fakeJob('waiting', { activity: 'waiting', lastEventAt: iso(T0 + 4 * 60_000 + 7000) }),
      now + 3600_000,
    );
    expect(timeCell(later)).toBe('4m07s');
  });
});
