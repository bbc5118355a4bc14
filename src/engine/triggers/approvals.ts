import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { recordActivity } from '../store/activity.js';
import type { Approval, TriggerRecord } from '../store/trigger-types.js';
import { runAction } from './actions.js';
import { thresholdNow } from './metrics.js';

export type { Approval };

/**
 * A confirm-trigger fired: what it would do, why, which trigger, when — kept until decided.
 * The approvals repository announces it (approval_updated, pending).
 */
export function requestApproval(ctx: EngineContext, t: TriggerRecord, reason: string): Approval {
  const id = randomBytes(4).toString('hex');
  ctx.store.automation.approvals.insert({
    id,
    triggerId: t.id,
    triggerName: t.name,
    action: t.action,
    payload: t.payload,
    reason,
    createdAt: ctx.now(),
  });
  recordActivity(ctx, 'approval_requested', {
    approval: id,
    trigger: t.name,
    action: t.action,
    reason,
  });
  return getApproval(ctx, id);
}

export function getApproval(ctx: EngineContext, id: string): Approval {
  const a = ctx.store.automation.approvals.get(id);
  if (!a) throw new CcAgentError('not_found', `no approval with id '${id}'`);
  return a;
}

/** Pending ones older than `maxAgeMs` expire (they describe a moment that has passed). */
export function expireApprovals(ctx: EngineContext, maxAgeMs: number): number {
  return ctx.store.automation.approvals.expire(ctx.now() - maxAgeMs, ctx.now()).length;
}

export function listApprovals(ctx: EngineContext, maxAgeMs: number): Approval[] {
  expireApprovals(ctx, maxAgeMs);
  return ctx.store.automation.approvals.list();
}

/**
 * A threshold approval is re-checked when approved: why it was asked may no longer be true.
 * Returns the reason it was not run, or undefined when it may run.
 */
function staleCondition(ctx: EngineContext, a: Approval): string | undefined {
  if (a.triggerId === null) return undefined;
  const t = ctx.store.automation.triggers.get(a.triggerId);
  if (t?.kind !== 'threshold') return undefined;
  const { holds, now } = thresholdNow(ctx, t.condition);
  return holds ? undefined : `not run: '${t.condition}' no longer holds (now ${now})`;
}

/**
 * Decide an approval. Only the caller whose decision moves it out of `pending` acts, so
 * approving twice (or from two processes at once) executes the action exactly once. The
 * repository announces the decision, then what came of it (approval_updated each).
 */
export async function decideApproval(
  ctx: EngineContext,
  id: string,
  decision: 'approved' | 'rejected',
  maxAgeMs: number,
): Promise<Approval> {
  expireApprovals(ctx, maxAgeMs);
  const before = getApproval(ctx, id);
  if (!ctx.store.automation.approvals.decide(id, decision, ctx.now()))
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
    ctx.store.automation.approvals.settle(id, { status: 'expired', result: stale });
    recordActivity(ctx, 'approval_stale', { approval: id, action: before.action, result: stale });
  } else if (decision === 'approved') {
    let result: string;
    let failed = false;
    try {
      result = await runAction(
        ctx,
        before.action,
        before.payload,
        before.triggerName ?? before.action,
      );
    } catch (e) {
      result = `failed: ${(e as Error).message}`;
      failed = true;
    }
    ctx.store.automation.approvals.settle(id, failed ? { status: 'failed', result } : { result });
    recordActivity(ctx, 'action_executed', { approval: id, action: before.action, result });
  }
  return getApproval(ctx, id);
}
