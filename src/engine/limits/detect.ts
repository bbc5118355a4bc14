import type { ActivityDetail } from '../store/job-types.js';
import { resetAt } from './reset-time.js';

/**
 * What each agent CLI shows when its plan's usage runs out (not a transient 429): Claude Code
 * 2.1 "You've hit your limit · resets …" (also "session limit", "weekly limit"), Claude Code
 * 1.0 "Claude usage limit reached" / "Claude AI usage limit reached|<epoch>", Codex "You've hit
 * your usage limit … try again …".
 */
export const LIMIT_LINE =
  /You['’]ve hit your (?:[a-z]+ )?(?:usage )?limit|Claude (?:AI )?usage limit reached|usage limit reached/i;

export interface UsageLimit {
  /** The line that says so, as shown. */
  line: string;
  /** When it resets (epoch ms), when the words say. */
  resetAt: number | undefined;
}

/** What a job paused at a usage limit shows (its activity_detail): the line and the reset. */
export const limitDetail = (limit: UsageLimit | undefined): ActivityDetail => ({
  label: limit?.line ?? 'Usage limit reached',
  ...(limit?.resetAt !== undefined ? { limitResetAt: limit.resetAt } : {}),
});

/** The usage limit a screen, a hook's error or a transcript's text reports, if any. */
export function usageLimit(text: string, now: number): UsageLimit | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => LIMIT_LINE.test(l));
  if (i < 0) return undefined;
  // The reset may be on the line itself or the next (a narrow pane wraps it).
  const near = lines.slice(i, i + 2).join(' ');
  const line = (lines[i] ?? '').replace(/^[\s⎿●·]+/, '').trim();
  return { line, resetAt: resetAt(near, now) };
}
