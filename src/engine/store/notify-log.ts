import type { EngineContext } from '../context.js';
import type { ActivityDetail } from './job-types.js';

export type Claim = 'send' | 'debounced' | 'seen';

/**
 * Claim one notification episode (a job's permission question, its end, an approval) for
 * sending, across every process: each episode is claimed once, ever; and a subject's kind is
 * sent at most once per `debounceMs` (a later episode inside the window is recorded as
 * debounced, so it is never sent late either).
 */
export function claimNotification(
  ctx: EngineContext,
  n: { subject: string; kind: string; episode: string },
  debounceMs: number,
): Claim {
  const now = ctx.now();
  return ctx.db
    .transaction((): Claim => {
      const seen = ctx.db
        .prepare('SELECT 1 FROM notifications_sent WHERE subject = ? AND kind = ? AND episode = ?')
        .get(n.subject, n.kind, n.episode);
      if (seen) return 'seen';
      const recent = ctx.db
        .prepare(
          'SELECT 1 FROM notifications_sent WHERE subject = ? AND kind = ? AND sent = 1 AND at > ? LIMIT 1',
        )
        .get(n.subject, n.kind, now - debounceMs);
      ctx.db
        .prepare(
          'INSERT INTO notifications_sent (subject, kind, episode, at, sent) VALUES (?, ?, ?, ?, ?)',
        )
        .run(n.subject, n.kind, n.episode, now, recent ? 0 : 1);
      return recent ? 'debounced' : 'send';
    })
    .immediate();
}

/** A job that may be worth a notification, as the store has it now. */
export interface NotifyCandidate {
  id: string;
  kind: 'worker' | 'orchestrator';
  status: string;
  activity: string | null;
  detail: ActivityDetail | null;
  activityAt: number | null;
  endedAt: number | null;
  summary: string | null;
  error: string | null;
  exitCode: number | null;
  contextPct: number | null;
  sessionId: string | null;
  prompt: string;
}

/**
 * Jobs whose state changed since `since` in a way a notification speaks of: asking a human,
 * ended, or past `contextPct` of their context.
 */
export function notifyCandidates(
  ctx: EngineContext,
  since: number,
  contextPct: number,
): NotifyCandidate[] {
  const rows = ctx.db
    .prepare(
      `SELECT id, kind, status, activity, activity_detail, activity_at, ended_at, summary, error,
              exit_code, context_pct, session_id, prompt_preview
       FROM jobs
       WHERE (status = 'running' AND activity IN ('needs_permission', 'blocked') AND activity_at >= @since)
          OR (status IN ('completed', 'failed') AND ended_at >= @since)
          OR (status = 'running' AND context_pct >= @pct AND updated_at >= @since)`,
    )
    .all({ since, pct: contextPct }) as {
    id: string;
    kind: 'worker' | 'orchestrator';
    status: string;
    activity: string | null;
    activity_detail: string | null;
    activity_at: number | null;
    ended_at: number | null;
    summary: string | null;
    error: string | null;
    exit_code: number | null;
    context_pct: number | null;
    session_id: string | null;
    prompt_preview: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    activity: r.activity,
    detail: r.activity_detail ? (JSON.parse(r.activity_detail) as ActivityDetail) : null,
    activityAt: r.activity_at,
    endedAt: r.ended_at,
    summary: r.summary,
    error: r.error,
    exitCode: r.exit_code,
    contextPct: r.context_pct,
    sessionId: r.session_id,
    prompt: r.prompt_preview,
  }));
}

/** Approvals waiting for a human, filed since `since`. */
export function pendingApprovalsSince(
  ctx: EngineContext,
  since: number,
): { id: string; triggerName: string | null; action: string; reason: string; createdAt: number }[] {
  return ctx.db
    .prepare(
      `SELECT id, trigger_name AS triggerName, action, reason, created_at AS createdAt
       FROM approvals WHERE status = 'pending' AND created_at >= ? ORDER BY created_at`,
    )
    .all(since) as {
    id: string;
    triggerName: string | null;
    action: string;
    reason: string;
    createdAt: number;
  }[];
}
