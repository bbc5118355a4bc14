import { describe, expect, it } from 'vitest';
import { transition } from '../../src/engine/state/activity.js';
import { fromScreen } from '../../src/engine/state/screen-check.js';
import type { JobRow } from '../../src/engine/store/jobs-repo.js';
import { jobRow } from '../helpers/job-row.js';

const NOW = Date.UTC(2026, 11, 6, 18, 0, 0);
const row = (activity: string): JobRow =>
  ({ ...jobRow('j1', { activity: activity as JobRow['activity'] }) }) as JobRow;

describe('a usage limit moves a job to rate_limited', () => {
  it('from StopFailure: the line, and the reset it names', () => {
    const t = transition(
      { activity: 'working', detail: null },
      'StopFailure',
      {
        error: 'rate_limit',
        error_details: "You've hit your limit · resets 7:30pm (UTC)",
      },
      NOW,
    );
    expect(t).toEqual({
      activity: 'rate_limited',
      detail: {
        label: "You've hit your limit · resets 7:30pm (UTC)",
        limitResetAt: Date.UTC(2026, 11, 6, 19, 30),
      },
    });
    // A rate_limit error without words: paused, reset unknown (tried again later).
    expect(
      transition(
        { activity: 'working', detail: null },
        'StopFailure',
        { error: 'rate_limit' },
        NOW,
      ),
    ).toEqual({ activity: 'rate_limited', detail: { label: 'Usage limit reached' } });
    // Any other failure is what it was: the turn ended with an error.
    expect(
      transition(
        { activity: 'working', detail: null },
        'StopFailure',
        { error: 'overloaded' },
        NOW,
      ),
    ).toEqual({ activity: 'waiting', detail: { error: 'overloaded' } });
    // The next prompt (the "continue" at reset) is a new turn.
    expect(
      transition(
        { activity: 'rate_limited', detail: null },
        'UserPromptSubmit',
        { prompt: 'continue' },
        NOW,
      ).activity,
    ).toBe('working');
  });

  it('from the screen: the limit above the prompt, never while busy', () => {
    const ready = [
      '● Working on it',
      "  ⎿  You've hit your session limit · resets 9pm (UTC)",
      '',
      '❯ ',
      '  ? for shortcuts',
    ].join('\n');
    expect(fromScreen(row('working'), ready, NOW)).toEqual({
      activity: 'rate_limited',
      activity_detail: JSON.stringify({
        label: "You've hit your session limit · resets 9pm (UTC)",
        limitResetAt: Date.UTC(2026, 11, 6, 21),
      }),
    });
    expect(fromScreen(row('rate_limited'), ready, NOW)).toBeUndefined();
    const busy = ready.replace('? for shortcuts', 'esc to interrupt');
    expect(fromScreen(row('working'), busy, NOW)?.activity).not.toBe('rate_limited');
  });
});
