import { defineContract } from '../contract.js';

export const diff = defineContract({
  name: 'diff',
  group: 'Agents',
  usage: 'diff <id> [--stat]',
  summary: 'What a worktree agent changed since its base (--stat for a summary)',
  help: `Options:
      --stat    a summary per file instead of the patch
      --color   colour the patch even when not printing to a terminal

Compares the agent's worktree (commits, edits and new files, committed or not) with the commit
its branch started from. The agent's own index is left as it is.`,
  flags: { stat: { type: 'boolean' }, color: { type: 'boolean' } },
});

export const merge = defineContract({
  name: 'merge',
  group: 'Agents',
  usage: 'merge <id> [--json]',
  summary: "Merge a worktree agent's branch into its base branch, or report conflicts",
  help: `Options:
      --json   the result as JSON (status merged | up-to-date | conflict, conflicts, commit)

The agent's uncommitted work is first committed on its own branch. The merge is tried in memory:
on a conflict nothing changes anywhere (both branches stay as they are), the conflicting files
are listed, and merge exits 1. A clean merge is made with --no-ff in the working tree that has
the target branch checked out (it must have no uncommitted changes), or directly on the branch
when none has.`,
  flags: { json: { type: 'boolean' } },
});
