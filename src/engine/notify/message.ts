import type { NotifyCandidate } from '../store/notify-log.js';

export type NotifyKind =
  | 'needs_you'
  | 'finished'
  | 'failed'
  | 'context_warning'
  | 'approval_pending'
  | 'trigger'
  | 'budget'
  | 'file_conflict'
  | 'usage_limit';

/** What notify.command reads on stdin, one JSON object (README: Notifications). */
export interface Notification {
  kind: NotifyKind;
  /** needs_you: what the agent waits for. */
  reason?: 'permission' | 'trust' | 'question';
  title: string;
  message: string;
  /** The job it is about, if any. */
  job: string | null;
  /** approval_pending: the approval's id. */
  approval?: string;
  /** When it happened, ISO 8601 UTC. */
  at: string;
  /** approval_pending: a single-use link that logs the browser view in on that approval. */
  link: string | null;
}

/** One notification to claim: what it is about (subject), its kind, and which occurrence. */
export interface Pending {
  subject: string;
  kind: NotifyKind;
  episode: string;
  note: Omit<Notification, 'link'>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const short = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const commandOf = (input: unknown): string | undefined => {
  const c = (input as { command?: unknown } | null)?.command;
  return typeof c === 'string' ? c : undefined;
};
const who = (c: NotifyCandidate): string =>
  c.kind === 'orchestrator' ? 'the orchestrator' : `job ${c.id}`;

/** What a job's state says to a person away from the screen, in words, or nothing. */
export function jobNotifications(c: NotifyCandidate, warnPct: number): Pending[] {
  const out: Pending[] = [];
  const task = c.prompt ? ` (task: ${short(c.prompt, 80)})` : '';
  if (c.status === 'running' && c.activityAt !== null) {
    const d = c.detail;
    const trust = c.activity === 'blocked' && d?.dialog === 'trust';
    const permission = c.activity === 'needs_permission' && d?.tool !== 'AskUserQuestion';
    if (c.activity === 'needs_permission' || c.activity === 'blocked') {
      const reason = trust ? 'trust' : permission ? 'permission' : 'question';
      const cmd = commandOf(d?.input);
      const what =
        reason === 'trust'
          ? `asks whether to trust its folder`
          : reason === 'permission'
            ? `asks for permission${d?.tool ? ` to use ${d.tool}` : ''}`
            : 'has a question for you';
      out.push({
        subject: c.id,
        kind: 'needs_you',
        episode: String(c.activityAt),
        note: {
          kind: 'needs_you',
          reason,
          title: `${who(c)} ${what}`,
          message: short(`${d?.question || (cmd ?? d?.label ?? 'waiting for you')}${task}`),
          job: c.id,
          at: iso(c.activityAt),
        },
      });
    }
  }
  if ((c.status === 'completed' || c.status === 'failed') && c.endedAt !== null) {
    const done = c.status === 'completed';
    out.push({
      subject: c.id,
      kind: done ? 'finished' : 'failed',
      episode: String(c.endedAt),
      note: {
        kind: done ? 'finished' : 'failed',
        title: `${who(c)} ${done ? 'finished' : 'failed'}`,
        message:
          short(
            (done ? c.summary : (c.error ?? (c.exitCode !== null ? `exit ${c.exitCode}` : null))) ??
              (done ? 'done' : 'ended'),
          ) + task,
        job: c.id,
        at: iso(c.endedAt),
      },
    });
  }
  if (c.status === 'running' && c.contextPct !== null && c.contextPct >= warnPct) {
    out.push({
      subject: c.id,
      kind: 'context_warning',
      // Once per agent session: after a /clear the context starts over.
      episode: c.sessionId ?? '-',
      note: {
        kind: 'context_warning',
        title: `${who(c)} has used ${c.contextPct}% of its context`,
        message: `past the ${warnPct}% warning: it needs a /clear or a fresh start soon${task}`,
        job: c.id,
        at: iso(c.activityAt ?? c.endedAt ?? Date.now()),
      },
    });
  }
  return out;
}

/** An approval waiting for a yes or no. */
export function approvalNotification(a: {
  id: string;
  triggerName: string | null;
  action: string;
  reason: string;
  createdAt: number;
}): Pending {
  return {
    subject: `approval:${a.id}`,
    kind: 'approval_pending',
    episode: a.id,
    note: {
      kind: 'approval_pending',
      title: `approval waiting: ${a.triggerName ? `trigger ${a.triggerName}` : 'an action'} wants to ${a.action.replace(/_/g, ' ')}`,
      message: short(a.reason),
      job: null,
      approval: a.id,
      at: iso(a.createdAt),
    },
  };
}
