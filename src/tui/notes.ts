import type { Approval, Job } from '../engine/index.js';
import { taskLabel } from '../view/task-label.js';

/**
 * What the Notifications panel says, in a user's words: which job or trigger, what happened,
 * and what it was about — never a bare id, never how the message travelled.
 */
export interface NoteText {
  title: string;
  message: string;
}

/** A trigger action as the rest of a sentence: "trigger x wants to notify you". */
const ACTION_WORDS: Record<Approval['action'], string> = {
  notify: 'notify you',
  queue_task: 'queue a task',
  start_agent: 'start an agent',
  inject_prompt: 'send an agent a prompt',
  clear_context: "clear an agent's context",
  start_orchestrator: 'start the orchestrator',
};

export const approvalWords = (action: Approval['action']): string => ACTION_WORDS[action] ?? action;

export const completedNote = (j: Job): NoteText => ({
  title: `Job ${j.id} finished`,
  message: j.summary ? `${taskLabel(j)} — ${j.summary}` : taskLabel(j),
});

export const failedNote = (j: Job): NoteText => ({
  title: `Job ${j.id} failed`,
  message: `${taskLabel(j)} — ${j.error ?? `exit code ${j.exitCode ?? 'unknown'}`}`,
});

/** `a`: the approval as the store has it, when it could be read; the event carries only its id. */
export const approvalNote = (a: Approval | { id: string }): NoteText => ({
  title: 'Approval needed',
  message:
    'action' in a
      ? `trigger ${a.triggerName ?? '(deleted)'} wants to ${approvalWords(a.action)} (${a.reason}) — 5 to decide`
      : `approval ${a.id} waits for you — 5 to decide`,
});

/** Local wall-clock time, HH:MM:SS: the one clock format of the TUI's time columns. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}
