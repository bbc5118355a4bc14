import { statements, type Atomic } from './atomic.js';
import type { Db } from './db.js';
import type {
  Approval,
  ApprovalStatus,
  AutomationChanges,
  Payload,
  TriggerAction,
} from './trigger-types.js';

/** A confirm-trigger's request, as filed: it starts pending (times: epoch milliseconds). */
export type NewApproval = Omit<Approval, 'status' | 'createdAt' | 'decidedAt' | 'result'> & {
  createdAt: number;
};

/** The approvals a store keeps. Every write announces itself (approval_updated) once kept. */
export interface ApprovalsRepo {
  insert(a: NewApproval): void;
  get(id: string): Approval | undefined;
  /** Pending ones first, then newest first. */
  list(): Approval[];
  /** Pending ones filed before `before` expire at `at`; returns their ids. */
  expire(before: number, at: number): string[];
  /**
   * Move a pending approval to its decision: true for exactly one caller (approving twice, or
   * from two processes at once, decides it once); false when it was not pending.
   */
  decide(id: string, decision: 'approved' | 'rejected', at: number): boolean;
  /** What came of a decided approval: its result, and its final status when it changed. */
  settle(id: string, outcome: { result: string; status?: 'expired' | 'failed' }): void;
}

interface Row {
  id: string;
  trigger_id: string | null;
  trigger_name: string | null;
  action: TriggerAction;
  payload: string | null;
  reason: string;
  status: ApprovalStatus;
  created_at: number;
  decided_at: number | null;
  result: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const toApproval = (r: Row): Approval => ({
  id: r.id,
  triggerId: r.trigger_id,
  triggerName: r.trigger_name,
  action: r.action,
  payload: r.payload ? (JSON.parse(r.payload) as Payload) : null,
  reason: r.reason,
  status: r.status,
  createdAt: iso(r.created_at) as string,
  decidedAt: iso(r.decided_at),
  result: r.result,
});

export function sqliteApprovalsRepo(
  db: Db,
  tx: Atomic,
  announce: AutomationChanges['approval'],
): ApprovalsRepo {
  const q = statements(db);
  const told = (id: string, status: ApprovalStatus): void =>
    tx.afterCommit(() => announce({ id, status }));
  return {
    insert(a) {
      q(
        `INSERT INTO approvals (id, trigger_id, trigger_name, action, payload, reason, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
      ).run(
        a.id,
        a.triggerId,
        a.triggerName,
        a.action,
        a.payload ? JSON.stringify(a.payload) : null,
        a.reason,
        a.createdAt,
      );
      told(a.id, 'pending');
    },
    get(id) {
      const r = q('SELECT * FROM approvals WHERE id = ?').get(id) as Row | undefined;
      return r ? toApproval(r) : undefined;
    },
    list() {
      const rows = q(
        `SELECT * FROM approvals ORDER BY CASE status WHEN 'pending' THEN 0 ELSE 1 END, created_at DESC`,
      ).all() as Row[];
      return rows.map(toApproval);
    },
    expire(before, at) {
      const rows = q(
        `UPDATE approvals SET status = 'expired', decided_at = ?
         WHERE status = 'pending' AND created_at < ? RETURNING id`,
      ).all(at, before) as { id: string }[];
      const ids = rows.map((r) => r.id);
      ids.forEach((id) => told(id, 'expired'));
      return ids;
    },
    decide(id, decision, at) {
      const won =
        q(
          `UPDATE approvals SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
        ).run(decision, at, id).changes === 1;
      if (won) told(id, decision);
      return won;
    },
    settle(id, outcome) {
      const r = q(
        'UPDATE approvals SET status = coalesce(?, status), result = ? WHERE id = ? RETURNING status',
      ).get(outcome.status ?? null, outcome.result, id) as { status: ApprovalStatus } | undefined;
      if (r) told(id, r.status);
    },
  };
}
