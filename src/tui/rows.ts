import type {
  Approval,
  FileConflict,
  HostSummary,
  Job,
  OrchestratorStatus,
  Task,
  Trigger,
} from '../engine/index.js';
import { asksForHuman, unseenTurn } from '../view/attention.js';
import {
  activityLabel,
  duration,
  contextLabel,
  costLabel,
  modelLabel,
  statusLabel,
  tokensLabel,
} from '../view/format.js';
import { taskState, waitWords } from '../view/task-deps.js';
import { taskLabel, taskText } from '../view/task-label.js';
import { approvalWords } from '../view/notes.js';
import { conflictMark } from '../view/conflicts.js';
import { hostStatus } from '../view/hosts.js';

/**
 * One line of text per row, built from the engine's records: pure, so the panels stay thin and
 * these are tested without a terminal. Columns are padded so rows line up.
 */
const col = (text: string, width: number): string =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** `!` asks for a human (permission, dialog), `●` finished a turn nobody has seen. */
export const attentionMark = (j: Job): string =>
  asksForHuman(j) ? '!' : unseenTurn(j) ? '●' : ' ';

/** The badge's word: the activity while running, else the lifecycle status. */
export const badge = (j: Job): string =>
  j.status === 'running' && j.activity
    ? j.activity.replace('needs_permission', 'permission').replace('rate_limited', 'limited')
    : statusLabel(j);

export const JOB_HEADER = `  ${col('ID', 8)} ${col('STATE', 10)} ${col('AGENT', 6)} ${col('MODEL', 12)} ${col('TIME', 7)} ${col('TOKENS', 6)} ${col('CTX', 4)} ${col('COST', 6)} ${col('DOING', 28)} TASK`;

/** Many hosts: the header with a HOST column after the id. */
export const jobHeader = (hosts: ReadonlyMap<string, HostSummary>): string =>
  hosts.size === 0 ? JOB_HEADER : JOB_HEADER.replace('STATE', `${col('HOST', 10)} STATE`);

/** A job whose timer counts seconds on screen: one that is working right now. */
export const ticksBySecond = (j: Job): boolean =>
  j.status === 'running' && (j.activity === 'working' || j.activity === 'starting');

/**
 * How long the job has been at it, in one format for every row: counting while it works,
 * held at its last event while it waits (so an idle screen, redrawn once a minute, never
 * shows a stale count), from start to end once it ended.
 */
export function timeLabel(j: Job, now: number): string {
  const start = Date.parse(j.startedAt ?? j.createdAt);
  const end = j.endedAt
    ? Date.parse(j.endedAt)
    : j.status !== 'running' || ticksBySecond(j)
      ? now
      : Date.parse(j.lastEventAt ?? j.updatedAt);
  return duration(Math.max(0, end - start));
}

/** The orchestrator's row names the task it holds: `orch` in the status, when known. */
type OrchTask = Pick<OrchestratorStatus, 'currentTask'>;

export const jobTask = (j: Job, orch?: OrchTask): string => taskLabel(j, orch?.currentTask?.prompt);

export function jobRow(
  j: Job,
  now: number,
  orch?: OrchTask,
  conflicts: readonly FileConflict[] = [],
  hosts: ReadonlyMap<string, HostSummary> = new Map(),
): string {
  const said =
    j.status === 'running' ? (j.activityDetail?.label ?? '') : (j.summary ?? j.error ?? '');
  // A file conflict outranks what it says: another agent edits the same file.
  const mark = conflictMark(j, conflicts);
  const doing = mark ? `${mark} ${said}` : said;
  return [
    `${attentionMark(j)} ${col(j.id, 8)}`,
    ...(hosts.size ? [col(j.host ?? '-', 10)] : []),
    // A running job whose host is down: not known to run, nor to have failed.
    col(hostStatus(j, hosts) ?? badge(j), 10),
    col(j.backend, 6),
    col(modelLabel(j), 12),
    col(timeLabel(j, now), 7),
    col(tokensLabel(j), 6),
    col(contextLabel(j), 4),
    col(costLabel(j), 6),
    col(doing, 28),
    jobTask(j, orch),
  ].join(' ');
}

/** The state a job's detail names: the lifecycle status, and while it runs what it does. */
export function stateLabel(j: Job): string {
  const doing = j.status === 'running' ? activityLabel(j) : '';
  return doing ? `${statusLabel(j)} · ${doing}` : statusLabel(j);
}

/** A job's detail header lines: who (id, state, task), how it runs, its figures, its files. */
export function jobSummary(j: Job, now: number, orch?: OrchTask): string[] {
  return [
    `${j.id} · ${stateLabel(j)} · ${jobTask(j, orch)}`,
    `${j.backend} ${modelLabel(j)} · ${j.sandbox} · ${j.worktree ? `${j.worktree.branch} (from ${j.worktree.baseRef}, d: diff) · ` : ''}${j.dir}`,
    `time ${timeLabel(j, now)} · tokens ${tokensLabel(j)} · context ${contextLabel(j)} · cost ${costLabel(j)} · tools ${j.toolCalls}`,
    `files: ${j.filesModified.length ? j.filesModified.join(', ') : '-'}`,
  ];
}

export const TASK_HEADER = `${col('ID', 8)} ${col('STATUS', 8)} ${col('PRIO', 4)} ${col('AGENT', 6)} TASK`;

/** A waiting or blocked task says on what (view/task-deps.ts), after its words. */
export function taskRow(t: Task): string {
  const outcome = t.result ? ` → ${t.result}` : t.error ? ` → ${t.error}` : '';
  const wait = waitWords(t);
  return `${col(t.id, 8)} ${col(taskState(t), 8)} ${col(String(t.priority), 4)} ${col(t.jobId ?? '', 6)} ${taskText(t.prompt) + outcome + (wait ? ` (${wait})` : '')}`;
}

export const TRIGGER_HEADER = `${col('ON', 3)} ${col('NAME', 24)} ${col('KIND', 9)} ${col('CONDITION', 22)} ${col('ACTION', 18)} AUTONOMY`;

export const triggerRow = (t: Trigger): string =>
  `${col(t.enabled ? 'on' : 'off', 3)} ${col(t.name, 24)} ${col(t.kind, 9)} ${col(t.condition, 22)} ${col(t.action, 18)} ${t.autonomy}${t.cooldownSeconds ? ` · cooldown ${t.cooldownSeconds}s` : ''}`;

/** The Approvals panel lists trigger approvals and agents waiting on a question alike. */
export type Pending = { kind: 'approval'; approval: Approval } | { kind: 'agent'; job: Job };

export function pendingItems(approvals: readonly Approval[], jobs: readonly Job[]): Pending[] {
  return [
    ...approvals
      .filter((a) => a.status === 'pending')
      .map((approval) => ({ kind: 'approval' as const, approval })),
    ...jobs.filter(asksForHuman).map((job) => ({ kind: 'agent' as const, job })),
  ];
}

export function pendingRow(p: Pending): string {
  if (p.kind === 'approval') {
    const a = p.approval;
    return `${col(a.id, 8)} trigger ${col(a.triggerName ?? '-', 20)} wants to ${col(approvalWords(a.action), 22)} ${a.reason}`;
  }
  const j = p.job;
  const what = j.activityDetail?.question ?? j.activityDetail?.label ?? j.activity ?? '';
  return `${col(j.id, 8)} agent   ${col(jobTask(j), 20)} asks    ${what}`;
}
