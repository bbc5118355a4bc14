import { describe, expect, it } from 'vitest';
import { usageLimit } from '../../src/engine/limits/detect.js';
import { resetAt } from '../../src/engine/limits/reset-time.js';

// 2026-12-06 18:00:00 UTC: 19:00 in Rome, 10:00 in Los Angeles, 03:00 (Dec 7) in Tokyo.
const NOW = Date.UTC(2026, 11, 6, 18, 0, 0);
const utc = (d: number, h: number, m = 0, s = 0): number => Date.UTC(2026, 11, d, h, m, s);

describe('when a usage limit resets, from the words', () => {
  it("reads Claude Code 2.1's clock with its zone, the next occurrence", () => {
    expect(resetAt("You've hit your limit · resets 8:30pm (Europe/Rome)", NOW)).toBe(
      utc(6, 19, 30),
    );
    // 4:50am in Rome has passed today: tomorrow's.
    expect(resetAt("You've hit your limit · resets 4:50am (Europe/Rome)", NOW)).toBe(utc(7, 3, 50));
    expect(
      resetAt("You've hit your session limit · resets 12:50am (America/Los_Angeles)", NOW),
    ).toBe(utc(7, 8, 50));
    expect(resetAt("You've hit your limit · resets 8:30pm (Asia/Tokyo)", NOW)).toBe(utc(7, 11, 30));
    expect(resetAt("You've hit your limit · resets 7:45:30pm (UTC)", NOW)).toBe(utc(6, 19, 45, 30));
    expect(resetAt("You've hit your weekly limit · resets 5pm (UTC)", NOW)).toBe(utc(7, 17));
  });

  it('reads a date, an epoch, Claude 1.0 and Codex wordings', () => {
    expect(resetAt("You've hit your limit · resets Dec 9 at 9pm (America/New_York)", NOW)).toBe(
      utc(10, 2),
    );
    // May 5 in December: next year's.
    expect(resetAt("You've hit your limit · resets May 5 at 9pm (UTC)", NOW)).toBe(
      Date.UTC(2027, 4, 5, 21),
    );
    expect(resetAt('Claude AI usage limit reached|1765130400', NOW)).toBe(1765130400_000);
    expect(resetAt('Claude usage limit reached. Your limit will reset at 9pm (UTC).', NOW)).toBe(
      utc(6, 21),
    );
    expect(resetAt("You've hit your usage limit. Try again in 2 hours 5 minutes.", NOW)).toBe(
      NOW + 2 * 3_600_000 + 5 * 60_000,
    );
    expect(resetAt("You've hit your usage limit. Try again in 40s.", NOW)).toBe(NOW + 40_000);
  });

  it('names nothing for text without a time, a bad zone or a bad clock', () => {
    expect(resetAt("You've hit your limit", NOW)).toBeUndefined();
    expect(resetAt("You've hit your limit · resets 8pm (Mars/Olympus)", NOW)).toBeUndefined();
    expect(resetAt("You've hit your limit · resets 25:99", NOW)).toBeUndefined();
    expect(resetAt('resets soon', NOW)).toBeUndefined();
  });
});

describe('usageLimit: the line on a screen or in an error', () => {
  it('finds the line (wrapped reset included) and ignores ordinary text', () => {
    const screen = [
      '● Working on it',
      "  ⎿  You've hit your limit · resets",
      '     9pm (UTC)',
      '❯ ',
    ].join('\n');
    expect(usageLimit(screen, NOW)).toEqual({
      line: "You've hit your limit · resets",
      resetAt: utc(6, 21),
    });
    expect(usageLimit('the rate limit of the API is 100 per minute', NOW)).toBeUndefined();
    expect(usageLimit('API Error: 429 rate_limit_error', NOW)).toBeUndefined();
  });
});
