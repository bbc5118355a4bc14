/**
 * What triggers, approvals and modes are, as the store keeps them and every face reads them.
 * Here, beside the repositories, so the store depends on no engine folder (as job-types.ts).
 */
export const TRIGGER_KINDS = ['cron', 'event', 'threshold'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const ACTIONS = [
  'inject_prompt',
  'clear_context',
  'start_orchestrator',
  'queue_task',
  'notify',
  'start_agent',
] as const;
export type TriggerAction = (typeof ACTIONS)[number];

export const AUTONOMY = ['auto', 'confirm'] as const;
export type Autonomy = (typeof AUTONOMY)[number];

export type Payload = Record<string, unknown>;

/** What a trigger is, whichever way it is held. */
interface TriggerFields {
  id: string;
  name: string;
  kind: TriggerKind;
  condition: string;
  action: TriggerAction;
  payload: Payload | null;
  autonomy: Autonomy;
  cooldownSeconds: number;
  enabled: boolean;
}

/** A trigger as every face shows it. */
export interface Trigger extends TriggerFields {
  lastFiredAt: string | null;
}

/** A trigger as the store holds it, validated. Times are epoch milliseconds. */
export interface TriggerRecord extends TriggerFields {
  createdAt: number;
  /** Cron slots up to this moment have been looked at (re-enabling starts it afresh). */
  checkedAt: number;
  lastFiredAt: number | null;
}

/** A trigger as the user wrote it (flags, a mode's list): not yet validated. */
export interface TriggerInput {
  name: string;
  kind: string;
  condition: string;
  action: string;
  payload?: string;
  autonomy?: string;
  cooldown?: unknown;
  /** Where a relative payload "dir" is resolved (the caller's working folder). */
  cwd?: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'failed';

export interface Approval {
  id: string;
  triggerId: string | null;
  triggerName: string | null;
  action: TriggerAction;
  payload: Payload | null;
  reason: string;
  status: ApprovalStatus;
  createdAt: string;
  decidedAt: string | null;
  result: string | null;
}

/** A custom mode as stored (presets live in code). */
export interface ModeRecord {
  name: string;
  description: string;
  triggers: TriggerInput[];
  createdAt: number;
}

/** A held lease: who leads, until when (epoch ms). */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
}

/** What each repository tells the engine after every write (engine events of these names). */
export interface AutomationChanges {
  /** trigger_updated: a trigger row, or one of its fired cron slots, was written. */
  trigger(change: { id: string; change: 'added' | 'updated' | 'removed' }): void;
  /** approval_updated: an approval was filed, decided, settled or expired. */
  approval(change: { id: string; status: ApprovalStatus }): void;
  /** mode_updated: a custom mode was saved or deleted, or a mode became the active one. */
  mode(change: { name: string; change: 'added' | 'removed' | 'activated' }): void;
  /** lease_updated: a lease was taken, renewed or released (holder null). */
  lease(change: { name: string; holder: string | null }): void;
}
