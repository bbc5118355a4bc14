import { requireArg } from './args.js';
import { json, mergeOutcome } from '../view/format.js';
import type { Command } from './types.js';

export const diff: Command = {
  usage: 'diff <id> [--stat]',
  summary: 'Show what a worktree agent changed since its base: commits, edits and new files.',
  help: `Options:
      --stat    a summary per file instead of the patch
      --color   colour the patch even when not printing to a terminal

Compares the agent's worktree (committed and uncommitted work, new files included) with the
commit its branch started from. The agent's own index is left as it is.`,
  flags: { stat: { type: 'boolean' }, color: { type: 'boolean' } },
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    const color = io.flags['color'] === true || process.stdout.isTTY === true;
    const text = await io.engine().worktrees.diff(id, { stat: io.flags['stat'] === true, color });
    if (text !== '') io.out(text);
    else io.err(`job ${id} has changed nothing yet`);
    return 0;
  },
};

export const merge: Command = {
  usage: 'merge <id> [--json]',
  summary: "Merge a worktree agent's branch into the branch it came from, or report conflicts.",
  help: `Options:
      --json   the result as JSON (status merged | up-to-date | conflict, conflicts, commit)

The agent's uncommitted work is first committed on its own branch. The merge is tried in memory:
on a conflict nothing changes anywhere (both branches stay as they are), the conflicting files
are listed, and merge exits 1. A clean merge is made with --no-ff in the working tree that has
the target branch checked out (it must have no uncommitted changes), or directly on the branch
when none has.`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    const r = await io.engine().worktrees.merge(id);
    if (io.flags['json']) {
      io.out(json(r));
      return r.status === 'conflict' ? 1 : 0;
    }
    const out = mergeOutcome(id, r);
    if (out.error) io.err(out.text);
    else io.out(out.text);
    return out.error ? 1 : 0;
  },
};
