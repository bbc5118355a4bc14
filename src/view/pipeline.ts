import type { Job } from '../engine/index.js';
import { asksForHuman, unseenTurn } from './attention.js';
import { taskLabel } from './task-label.js';

/**
 * The Pipeline: every job as a bar on one time axis, coloured by what it is doing, with the
 * orchestrator's hand-overs (a job another one started) and queue tasks (dispatched to a job)
 * marked on its bar. Pure layout: the TUI draws it in block characters, the page in SVG.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The zoom steps: a window this long, from a quarter hour to the whole day. */
export const SPANS = [15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];

/** Where the window ends (null: now, following the clock) and how long it is. */
export interface PipelineWindow {
  end: number | null;
  span: number;
}
export const initialWindow: PipelineWindow = { end: null, span: HOUR };

export const windowRange = (w: PipelineWindow, now: number): { start: number; end: number } => {
  const end = w.end ?? now;
  return { start: end - w.span, end };
};

/**
 * Half a window earlier (-1) or later (1): never past now (then it follows the clock again),
 * never before the day that ends now.
 */
export function moveWindow(w: PipelineWindow, dir: -1 | 1, now: number): PipelineWindow {
  const end = (w.end ?? now) + (dir * w.span) / 2;
  if (end >= now) return { ...w, end: null };
  return { ...w, end: Math.max(end, now - DAY + w.span) };
}

/** One zoom step in (-1: a shorter window) or out (1), keeping where it ends. */
export function zoomWindow(w: PipelineWindow, dir: -1 | 1, now: number): PipelineWindow {
  const i = SPANS.findIndex((s) => s >= w.span);
  const span = SPANS[Math.max(0, Math.min(SPANS.length - 1, (i < 0 ? SPANS.length : i) + dir))];
  const next = { ...w, span: span ?? w.span };
  return next.end === null ? next : { ...next, end: Math.max(next.end, now - DAY + next.span) };
}

/** What a bar's colour says. */
export type BarKind =
  'working' | 'waiting' | 'asking' | 'idle' | 'pending' | 'completed' | 'failed' | 'killed';

export function barKind(j: Job): BarKind {
  if (j.status !== 'running') return j.status;
  if (asksForHuman(j)) return 'asking';
  if (unseenTurn(j)) return 'waiting';
  return j.activity === 'working' || j.activity === 'starting' ? 'working' : 'idle';
}

export interface PipelineMark {
  at: number;
  kind: 'handover' | 'task';
  label: string;
}

export interface PipelineRow {
  job: Job;
  label: string;
  kind: BarKind;
  from: number;
  to: number;
  marks: PipelineMark[];
}

/** A queue task as the Pipeline needs it (a preview will do). */
export interface PipelineTask {
  id: string;
  prompt: string;
  jobId: string | null;
  startedAt: string | null;
}

const time = (iso: string | null): number | null => (iso ? Date.parse(iso) : null);

/**
 * The jobs whose bars fall in the window, by when they started. A bar runs from the job's
 * start (its creation while pending) to its end, or to now while it lasts.
 */
export function pipelineRows(
  jobs: readonly Job[],
  tasks: readonly PipelineTask[],
  range: { start: number; end: number },
  now: number,
): PipelineRow[] {
  const rows: PipelineRow[] = [];
  for (const job of jobs) {
    const from = time(job.startedAt) ?? Date.parse(job.createdAt);
    const to =
      time(job.endedAt) ?? (job.status === 'running' || job.status === 'pending' ? now : from);
    if (to < range.start || from > range.end) continue;
    const marks: PipelineMark[] = [];
    if (job.parentId) marks.push({ at: from, kind: 'handover', label: `from ${job.parentId}` });
    for (const t of tasks) {
      const at = t.jobId === job.id ? time(t.startedAt) : null;
      if (at !== null) marks.push({ at, kind: 'task', label: `task ${t.id}: ${t.prompt}` });
    }
    rows.push({ job, label: taskLabel(job), kind: barKind(job), from, to, marks });
  }
  return rows.sort((a, b) => a.from - b.from || a.job.id.localeCompare(b.job.id));
}

/** Columns [start, end) that [from, to] covers in a window `width` columns wide; null: outside. */
export function columnsOf(
  from: number,
  to: number,
  range: { start: number; end: number },
  width: number,
): { start: number; end: number } | null {
  if (to < range.start || from > range.end || width <= 0) return null;
  const scale = width / (range.end - range.start);
  const start = Math.max(0, Math.floor((from - range.start) * scale));
  const end = Math.min(width, Math.max(start + 1, Math.ceil((to - range.start) * scale)));
  return { start: Math.min(start, width - 1), end };
}

/** The column a moment falls in, or null outside the window. */
export function columnAt(at: number, range: { start: number; end: number }, width: number) {
  if (at < range.start || at > range.end || width <= 0) return null;
  return Math.min(width - 1, Math.floor(((at - range.start) * width) / (range.end - range.start)));
}
