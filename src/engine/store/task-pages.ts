import type { Task, TaskStatus } from './task-rows.js';

/** Characters of a prompt, result or error a preview keeps. */
export const PREVIEW_CHARS = 200;

/** A task as a list shows it: prompt, result and error cut to PREVIEW_CHARS characters. */
export interface TaskPreview extends Task {
  /** The whole prompt's length in characters: more than `prompt` holds when it was cut. */
  promptLength: number;
}

export interface TaskPageOptions {
  status?: TaskStatus;
  limit?: number;
  offset?: number;
}

export interface TaskPage {
  tasks: TaskPreview[];
  /** Every task matching the status, on this page or not. */
  total: number;
}

/** The same preview of a task already in memory (an event's payload), cut the same way. */
export function previewTask(task: Task): TaskPreview {
  return {
    ...task,
    prompt: cut(task.prompt),
    result: task.result === null ? null : cut(task.result),
    error: task.error === null ? null : cut(task.error),
    promptLength: chars(task.prompt),
  };
}

/** The first PREVIEW_CHARS characters (code points, as SQLite counts them). */
function cut(s: string): string {
  if (s.length <= PREVIEW_CHARS) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    if (n++ === PREVIEW_CHARS) break;
    out += ch;
  }
  return out;
}

/** Characters as SQLite's length() counts them: code points, not UTF-16 units. */
function chars(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}
