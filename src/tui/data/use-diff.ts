import { useEffect, useRef, useState } from 'react';
import type { Engine, WorktreeState } from '../../engine/index.js';
import { parseDiff, type ParsedDiff } from '../../view/diff.js';

/** The least time between two git diffs of one job: each copies and refreshes an index. */
export const DIFF_REFRESH_MS = 2000;

export interface DiffData extends ParsedDiff {
  state: WorktreeState | null;
  /** Why the last fetch failed, in one line (the last good diff stays on screen). */
  error: string | null;
  loading: boolean;
}

const LOADING: DiffData = { lines: [], kinds: [], state: null, error: null, loading: true };

const oneLine = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0] || 'git diff failed';

/**
 * The worktree diff and state of `jobId` (undefined: no diff open, nothing fetched). Fetched
 * when it opens and again when `version` changes (the job's updatedAt, which its hook events,
 * its turns and a merge all move), never more often than DIFF_REFRESH_MS: an agent editing
 * away costs one git diff per interval, an idle one none. Scrolling works on this text.
 */
export function useDiff(
  engine: Engine,
  jobId: string | undefined,
  version: string | undefined,
): DiffData | undefined {
  const [data, setData] = useState<DiffData | undefined>(undefined);
  const refresh = useRef<(() => void) | undefined>(undefined);
  const seen = useRef(version);
  useEffect(() => {
    setData(jobId ? LOADING : undefined);
    if (!jobId) return;
    let stopped = false;
    let busy = false;
    let again = false;
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    const fetchNow = async (): Promise<void> => {
      busy = true;
      last = Date.now();
      try {
        const [state, text] = await Promise.all([
          engine.worktrees.state(jobId),
          engine.worktrees.diff(jobId),
        ]);
        if (!stopped) setData({ ...parseDiff(text), state, error: null, loading: false });
      } catch (e) {
        if (!stopped) setData((d) => ({ ...(d ?? LOADING), error: oneLine(e), loading: false }));
      } finally {
        busy = false;
        if (again) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = (): void => {
      if (stopped || timer) return;
      if (busy) {
        again = true;
        return;
      }
      const wait = last + DIFF_REFRESH_MS - Date.now();
      if (wait <= 0) void fetchNow();
      else
        timer = setTimeout(() => {
          timer = undefined;
          void fetchNow();
        }, wait);
    };
    seen.current = version;
    refresh.current = schedule;
    schedule();
    return () => {
      stopped = true;
      refresh.current = undefined;
      if (timer) clearTimeout(timer);
    };
    // `version` is read once here; its changes go through the effect below.
  }, [engine, jobId]);
  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    refresh.current?.();
  }, [version]);
  return data;
}
