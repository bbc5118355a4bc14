import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axisLine, hhmm, ticks, tickStep } from '../../src/view/pipeline-axis.js';

/** The Pipeline's time axis: round steps that leave room for their labels, on local time. */
const MIN = 60_000;
const tz = process.env['TZ'];
// Half an hour off UTC: a tick rounded in UTC would land on :30.
beforeAll(() => {
  process.env['TZ'] = 'Asia/Kolkata';
});
afterAll(() => {
  if (tz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = tz;
});

describe('the pipeline axis', () => {
  it('picks the smallest round step whose labels stay apart', () => {
    expect(tickStep(60 * MIN, 120, 8)).toBe(5 * MIN);
    expect(tickStep(60 * MIN, 60, 8)).toBe(10 * MIN);
    expect(tickStep(24 * 60 * MIN, 100, 8)).toBe(120 * MIN);
    expect(tickStep(24 * 60 * MIN, 10, 8)).toBe(360 * MIN);
  });

  it('puts ticks on round local times, each at its column', () => {
    // 10:07 local in Kolkata (UTC+5:30).
    const start = Date.parse('2026-03-02T04:37:00Z');
    const got = ticks({ start, end: start + 60 * MIN }, 60, 8);
    expect(got.map((t) => t.label)).toEqual(['10:10', '10:20', '10:30', '10:40', '10:50', '11:00']);
    expect(got.map((t) => t.x)).toEqual([3, 13, 23, 33, 43, 53]);
    expect(hhmm(start)).toBe('10:07');
    expect(ticks({ start, end: start }, 60, 8)).toEqual([]);
  });

  it('writes labels where their ticks are, skipping one that would overlap or overrun', () => {
    const line = axisLine(
      [
        { at: 0, x: 0, label: '10:00' },
        { at: 1, x: 3, label: '10:05' },
        { at: 2, x: 8, label: '10:10' },
        { at: 3, x: 17, label: '10:15' },
      ],
      20,
    );
    expect(line).toBe('10:00   10:10       ');
  });
});
