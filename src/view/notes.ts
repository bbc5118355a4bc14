import type { Approval, EngineEventMap, Job } from '../engine/index.js';
import { taskLabel } from './task-label.js';

/**
 * What the Notifications view says (the TUI's panel and the page's view alike), in a user's words: which job or trigger, what happened,
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

/** A notification as the views keep it: when, and what it says. */
export interface Note {
  at: number;
  title: string;
  message: string;
}

/** How many notes a view keeps, newest first. */
export const NOTES_KEEP = 200;

/** One line of the Notifications view. */
export const noteLine = (n: Note): string => `${clock(n.at)}  ${n.title}: ${n.message}`;

/** The engine events that make a note: a job finished or failed, an approval waits, a notify. */
export type NoteEvent =
  | { name: 'job_completed' | 'job_failed'; payload: Job }
  | { name: 'approval_updated'; payload: EngineEventMap['approval_updated'] }
  | { name: 'notification'; payload: EngineEventMap['notification'] };

/**
 * The note an engine event makes, if any. `approval`: the approval as the store has it (the
 * event carries only its id and status).
 */
export function noteOf(
  e: NoteEvent,
  approval: (id: string) => Approval | undefined,
): NoteText | null {
  switch (e.name) {
    case 'job_completed':
      return completedNote(e.payload);
    case 'job_failed':
      return failedNote(e.payload);
    case 'approval_updated':
      return e.payload.status === 'pending'
        ? approvalNote(approval(e.payload.id) ?? e.payload)
        : null;
    case 'notification':
      return { title: e.payload.title, message: e.payload.message };
  }
}

/** `fresh` (oldest first) on top of `kept` (newest first), at most NOTES_KEEP. */
export const addNotes = (kept: readonly Note[], fresh: readonly Note[]): Note[] =>
  [...[...fresh].reverse(), ...kept].slice(0, NOTES_KEEP);
