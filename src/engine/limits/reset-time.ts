/*
 * When a usage limit resets, from the words an agent CLI shows. Claude Code 2.1 says
 * "You've hit your limit · resets 4:50am (Europe/Rome)" (also "resets May 5 at 9pm (…)", or no
 * zone: the machine's); 1.0 said "Your limit will reset at 3pm (America/Bogota)" and wrote
 * "Claude AI usage limit reached|<epoch seconds>"; Codex says "try again in 2 hours 5 minutes"
 * or "try again at 3:45 PM". A clock time means its next occurrence.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** How far `zone`'s wall clock is ahead of UTC at `at` (ms); undefined for an unknown zone. */
function zoneOffset(at: number, zone: string): number | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(at));
  } catch {
    return undefined;
  }
  const n = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The wall clock's date parts of `at` in `zone` (the machine's when undefined). */
function dateIn(at: number, zone: string | undefined): { y: number; m: number; d: number } {
  if (!zone) {
    const t = new Date(at);
    return { y: t.getFullYear(), m: t.getMonth(), d: t.getDate() };
  }
  const t = new Date(at + (zoneOffset(at, zone) ?? 0));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
}

/** The instant a wall-clock time names in `zone` (the machine's when undefined). */
function instant(
  y: number,
  m: number,
  d: number,
  h: number,
  min: number,
  s: number,
  zone: string | undefined,
): number | undefined {
  if (!zone) return new Date(y, m, d, h, min, s).getTime();
  const guess = Date.UTC(y, m, d, h, min, s);
  const first = zoneOffset(guess, zone);
  if (first === undefined) return undefined;
  // Twice: the offset at the answer, not at the guess, across a daylight-saving change.
  const second = zoneOffset(guess - first, zone) ?? first;
  return guess - second;
}

const hour24 = (h: number, ampm: string | undefined): number => {
  const half = ampm?.toLowerCase();
  if (half === 'pm' && h < 12) return h + 12;
  if (half === 'am' && h === 12) return 0;
  return h;
};

const CLOCK =
  /(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:,? \d{4})? at )?(\d{1,2})(?::(\d\d))?(?::(\d\d))? ?([ap]m)?(?: \(([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*)\))?/i;

/**
 * The reset instant (epoch ms) the text names, or undefined when it names none. `now` decides
 * which occurrence of a clock time is meant: the next one.
 */
export function resetAt(text: string, now: number): number | undefined {
  const epoch = /limit reached\|(\d{9,11})\b/i.exec(text);
  if (epoch) return Number(epoch[1]) * 1000;
  const rel =
    /try again in ((?:\d+ ?(?:days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b[ ,]*(?:and )?)+)/i.exec(
      text,
    );
  if (rel) {
    let ms = 0;
    for (const [, n, unit] of (rel[1] ?? '').matchAll(/(\d+) ?([a-z]+)/gi)) {
      const u = (unit ?? '').toLowerCase();
      const k = u.startsWith('d')
        ? 86_400_000
        : u.startsWith('h')
          ? 3_600_000
          : u.startsWith('m')
            ? 60_000
            : 1000;
      ms += Number(n) * k;
    }
    return ms > 0 ? now + ms : undefined;
  }
  const at = /(?:resets?|reset at|try again at)\s+(.*)$/im.exec(text);
  if (!at) return undefined;
  const c = CLOCK.exec(at[1] ?? '');
  if (!c || (c[4] === undefined && c[6] === undefined)) return undefined;
  const zone = c[7];
  if (zone !== undefined && zoneOffset(now, zone) === undefined) return undefined;
  const h = hour24(Number(c[3]), c[6]);
  const min = Number(c[4] ?? 0);
  const s = Number(c[5] ?? 0);
  if (h > 23 || min > 59 || s > 59) return undefined;
  const today = dateIn(now, zone);
  if (c[1] !== undefined) {
    const month = MONTHS.indexOf(c[1].toLowerCase().slice(0, 3));
    let t = instant(today.y, month, Number(c[2]), h, min, s, zone);
    // "May 5" in December is next year's.
    if (t !== undefined && t < now - 86_400_000)
      t = instant(today.y + 1, month, Number(c[2]), h, min, s, zone);
    return t;
  }
  const t = instant(today.y, today.m, today.d, h, min, s, zone);
  if (t === undefined) return undefined;
  // Already past today (a minute of slack for a clock shown without seconds): tomorrow's.
  return t <= now - 60_000 ? instant(today.y, today.m, today.d + 1, h, min, s, zone) : t;
}
