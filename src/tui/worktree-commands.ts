import type { Dispatch } from 'react';
import type { Engine } from '../engine/index.js';
import { mergeOutcome } from '../view/diff.js';
import type { CommandId } from './keymap.js';
import { act, type CommandContext } from './use-commands.js';
import { detailJob, openDiff, type ViewAction } from './view/state.js';

/**
 * The worktree keys: `d` flips a job's detail between its live screen and its diff, `M` asks
 * to merge (showing the diff first, so no one merges what they have not seen). Returns false
 * for any other command, which the general runner handles.
 */
export function runWorktreeCommand(c: CommandContext, command: CommandId): boolean {
  if (command !== 'diff' && command !== 'merge') return false;
  const { dispatch, view, job } = c;
  if (!job) {
    dispatch({ type: 'status', text: 'no job selected', error: true });
    return true;
  }
  if (command === 'merge' && !job.worktree) {
    dispatch({
      type: 'status',
      text: `${job.id} was started without --worktree: there is nothing to merge`,
      error: true,
    });
    return true;
  }
  // From the palette on the Jobs panel: open the job first.
  if (detailJob(view) !== job.id) {
    c.engine.seen(job.id);
    dispatch({ type: 'open-detail', jobId: job.id });
  }
  const diffShown = openDiff(view)?.jobId === job.id;
  if (command === 'diff' || !diffShown) dispatch({ type: 'toggle-diff' });
  if (command === 'merge' && job.worktree) {
    const w = job.worktree;
    dispatch({
      type: 'push-modal',
      modal: {
        kind: 'confirm',
        message: `Merge ${w.branch} into ${w.baseRef}? (uncommitted work is committed on ${w.branch} first)`,
        action: { type: 'merge', jobId: job.id },
      },
    });
  }
  return true;
}

/** Merge once confirmed; the outcome (a conflict lists its files) goes to the status line. */
export function runMerge(engine: Engine, dispatch: Dispatch<ViewAction>, jobId: string): void {
  act(dispatch, async () => {
    const out = mergeOutcome(jobId, await engine.worktrees.merge(jobId));
    // A conflict changed nothing: it reads as a failure (in red), naming the files.
    if (out.error) throw new Error(out.text);
    return out.text;
  });
}
