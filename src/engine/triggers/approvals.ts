import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { iso } from '../store/jobs-repo.js';
import { CcAgentError } from '../errors.js';
import { recordActivity } from '../store/activity.js';
import { runAction } from './actions.js';
import { thresholdNow } from './metrics.js';
import type { TriggerAction } from './spec.js';
import type { TriggerRow } from './store.js';

export interface Approval {
  id: string;
  triggerId: string | null;
  triggerName: string | null;
  action: TriggerAction;
  payload: Record<string, unknown> | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired' | 'failed';
  createdAt: string;
  decidedAt: string | null;
  result: string | null;
}

interface ApprovalRow {
  id: string;
  trigger_id: string | null;
  trigger_name: string | null;
  action: TriggerAction;
  payload: string | null;
  reason: string;
  status: Approval['status'];
  created_at: number;
  decided_at: number | null;
  result: string | null;
}

const toApproval = (r: ApprovalRow): Approval => ({
  id: r.id,
  triggerId: r.trigger_id,
  triggerName: r.trigger_name,
  action: r.action,
  payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null,
  reason: r.reason,
  status: r.status,
  createdAt: iso(r.created_at) as string,
  decidedAt: iso(r.decided_at),
  result: r.result,
});

/** A confirm-trigger fired: what it would do, why, which trigger, when — kept until decided. */
export function requestApproval(ctx: EngineContext, t: TriggerRow, reason: string): Approval {
  const id = randomBytes(4).toString('hex');
  ctx.db
    .prepare(
      `INSERT INTO approvals (id, trigger_id, trigger_name, action, payload, reason, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
    )
    .run(id, t.id, t.name, t.action, t.payload, reason, ctx.now());
  recordActivity(ctx, 'approval_requested', {
    approval: id,
    trigger: t.name,
    action: t.action,
    reason,
  });
  ctx.events.emit('approval_updated', { id, status: 'pending' });
  return getApproval(ctx, id);
}

export function getApproval(ctx: EngineContext, id: string): Approval {
  const r = ctx.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as
    ApprovalRow | undefined;
  if (!r) throw new CcAgentError('not_found', `no approval with id '${id}'`);
  return toApproval(r);
}

/** Pending ones older than `maxAgeMs` expire (they describe a moment that has passed). */
export function expireApprovals(ctx: EngineContext, maxAgeMs: number): number {
  return ctx.db
    .prepare(
      `UPDATE approvals SET status = 'expired', decided_at = ? WHERE status = 'pending' AND created_at < ?`,
    )
    .run(ctx.now(), ctx.now() - maxAgeMs).changes;
}

export function listApprovals(ctx: EngineContext, maxAgeMs: number): Approval[] {
  expireApprovals(ctx, maxAgeMs);
  return (
    ctx.db
      .prepare(
        `SELECT * FROM approvals ORDER BY CASE status WHEN 'pending' THEN 0 ELSE 1 END, created_at DESC`,
      )
      .all() as ApprovalRow[]
  ).map(toApproval);
}

/**
 * A threshold approval is re-checked when approved: why it was asked may no longer be true.
 * Returns the reason it was not run, or undefined when it may run.
 */
function staleCondition(ctx: EngineContext, a: Approval): string | undefined {
  if (a.triggerId === null) return undefined;
  const t = ctx.db.prepare('SELECT kind, condition FROM triggers WHERE id = ?').get(a.triggerId) as
    { kind: string; condition: string } | undefined;
  if (t?.kind !== 'threshold') return undefined;
  const { holds, now } = thresholdNow(ctx, t.condition);
  return holds ? undefined : `not run: '${t.condition}' no longer holds (now ${now})`;
}

/**
 * Decide an approval. Only the caller whose UPDATE moves it out of `pending` acts, so approving
 * twice (or from two processes at once) executes the action exactly once.
 */
export async function decideApproval(
  ctx: EngineContext,
  id: string,
  decision: 'approved' | 'rejected',
  maxAgeMs: number,
): Promise<Approval> {
  expireApprovals(ctx, maxAgeMs);
  const before = getApproval(ctx, id);
  const won =
    ctx.db
      .prepare(
        `UPDATE approvals SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
      )
      .run(decision, ctx.now(), id).changes === 1;
  if (!won)
    throw new CcAgentError('blocked', `approval ${id} is already ${getApproval(ctx, id).status}`);
  recordActivity(ctx, `approval_${decision}`, {
    approval: id,
    trigger: before.triggerName,
    action: before.action,
  });
  const stale = decision === 'approved' ? staleCondition(ctx, before) : undefined;
  if (stale !== undefined) {
    // Approved, but the moment it described has passed: running it now would act on a
    // condition that no longer holds (a clear at 20% context, a sprint with a full fleet).
    ctx.db
      .prepare(`UPDATE approvals SET status = 'expired', result = ? WHERE id = ?`)
      .run(stale, id);
    recordActivity(ctx, 'approval_stale', { approval: id, action: before.action, result: stale });
  } else if (decision === 'approved') {
    let result: string;
    try {
      result = await runAction(
        ctx,
        before.action,
        before.payload,
        before.triggerName ?? before.action,
      );
    } catch (e) {
      result = `failed: ${(e as Error).message}`;
      ctx.db.prepare(`UPDATE approvals SET status = 'failed' WHERE id = ?`).run(id);
    }
    ctx.db.prepare('UPDATE approvals SET result = ? WHERE id = ?').run(result, id);
    recordActivity(ctx, 'action_executed', { approval: id, action: before.action, result });
  }
  const after = getApproval(ctx, id);
  ctx.events.emit('approval_updated', { id, status: after.status });
  return after;
}
