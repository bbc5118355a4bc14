import type { FileConflict, FileLease, Job, MergeForecast } from '../engine/index.js';

/*
 * File conflicts in words, the same in every face: the CLI's `conflicts`, the TUI's row mark
 * and Conflicts panel, the page's Conflicts view.
 */

/** "b2 edits /w/app.ts, held by a1 (refused 3×)": who came second, the file, who was first. */
export function conflictLine(c: FileConflict): string {
  const tried =
    c.refused > 0 ? ` (refused ${c.refused}×)` : c.attempts > 1 ? ` (${c.attempts} edits)` : '';
  const ended = c.endedAt ? ' [ended]' : '';
  return `${c.jobId} edits ${c.path}, held by ${c.holder}${tried}${ended}`;
}

/** The open conflicts a job is in (as holder or as the one who came second). */
const conflictsOf = (id: string, all: readonly FileConflict[]): FileConflict[] =>
  all.filter((c) => c.endedAt === null && (c.jobId === id || c.holder === id));

/** The mark a job's row carries while it is in a conflict: "⚠ 2 files". */
export function conflictMark(j: Pick<Job, 'id'>, all: readonly FileConflict[]): string {
  const files = new Set(conflictsOf(j.id, all).map((c) => c.key));
  return files.size === 0 ? '' : `⚠ ${files.size} file${files.size === 1 ? '' : 's'}`;
}

export function leaseLine(l: FileLease): string {
  return `${l.jobId} holds ${l.path}${l.mode === 'block' ? ' (exclusive)' : ''}`;
}

export function forecastLine(f: MergeForecast): string {
  const against = 'job' in f.against ? `job ${f.against.job}` : `branch ${f.against.branch}`;
  return `${f.job} vs ${against}: ${f.files.join(', ')}`;
}
