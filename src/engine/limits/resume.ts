import type { EngineContext } from '../context.js';
import { submitText } from '../jobs/submit.js';
import { announce } from '../notify/notifier.js';
import { recordActivity } from '../store/activity.js';
import type { ActivityDetail } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';

/** A limit whose reset the agent did not name is tried again this long after it was hit. */
export const UNKNOWN_RESET_MS = 10 * 60_000;
/** What a paused agent is told at its reset: it picks its work up where it stopped. */
export const CONTINUE = 'continue';

const resetOf = (row: JobRow): number => {
  const detail = row.activity_detail ? (JSON.parse(row.activity_detail) as ActivityDetail) : {};
  return detail.limitResetAt ?? (row.activity_at ?? row.updated_at) + UNKNOWN_RESET_MS;
};

/**
 * The latest reset among the agents paused at a usage limit, while any is: the fleet shares
 * one plan, so the queue pauses (nothing is handed out) until then.
 */
export function fleetLimitedUntil(ctx: EngineContext): number | undefined {
  const resets = ctx.jobs.rateLimited().map(resetOf);
  return resets.length === 0 ? undefined : Math.max(...resets);
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/**
 * On the live engine's schedule: a new pause is announced once; every agent whose reset has
 * come is told to continue, once across engines (the store claims it), with no keypress.
 */
export async function resumeAtReset(ctx: EngineContext): Promise<void> {
  const limited = ctx.jobs.rateLimited();
  if (limited.length === 0) return;
  const until = Math.max(...limited.map(resetOf));
  announce(ctx, {
    subject: 'usage-limit',
    kind: 'usage_limit',
    episode: String(until),
    note: {
      kind: 'usage_limit',
      title: `usage limit reached: ${limited.length} agent${limited.length > 1 ? 's' : ''} paused`,
      message: `the queue pauses; they are told to continue at ${clock(until)} UTC`,
      job: null,
      at: new Date(ctx.now()).toISOString(),
    },
  });
  for (const row of limited) {
    if (resetOf(row) > ctx.now()) continue;
    if (!ctx.jobs.claimLimitResume(row.id, ctx.now())) continue;
    ctx.saved(row.id);
    recordActivity(ctx, 'limit_resumed', { job: row.id });
    await submitText(ctx, row, CONTINUE).catch((e: Error) =>
      recordActivity(ctx, 'limit_resume_failed', { job: row.id, error: e.message }),
    );
  }
}
