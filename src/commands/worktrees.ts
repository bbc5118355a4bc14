import { CcAgentError } from '../engine/index.js';
import { requireArg } from './args.js';
import { json } from './format.js';
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
    const saved = r.savedWork ? ' (its uncommitted work was committed on its branch first)' : '';
    if (r.status === 'merged')
      io.out(`merged ${id} into ${r.target} (${r.commit?.slice(0, 12)})${saved}`);
    else if (r.status === 'up-to-date')
      io.out(`${r.target} already has all of ${id}'s work${saved}`);
    else {
      io.err(
        `cannot merge ${id} into ${r.target} cleanly; nothing was changed. Conflicts in: ${r.conflicts.join(', ')}${saved}`,
      );
      return 1;
    }
    return 0;
  },
};

export const resume: Command = {
  usage: 'resume <id> | resume --all',
  summary: 'Relaunch agents whose tmux session is gone (a reboot) on their own session.',
  help: `Options:
      --all    every job cut off rather than ended: still marked running, or failed because
               its tmux session disappeared
      --json   the resumed jobs as JSON

The agent comes back with --resume <its session id> in its own folder (or worktree, restored
from its branch if the folder went), so its conversation carries on.`,
  flags: { all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(io) {
    const engine = io.engine();
    if (io.flags['all']) {
      if (io.input.length > 0) throw new CcAgentError('bad_input', 'resume --all takes no job id');
      const r = await engine.worktrees.resumeAll();
      if (io.flags['json']) io.out(json(r));
      else {
        for (const j of r.resumed) io.out(`resumed ${j.id} (${j.backend}, session ${j.sessionId})`);
        if (r.resumed.length === 0 && r.failed.length === 0) io.out('nothing to resume');
      }
      for (const f of r.failed) io.err(`cannot resume ${f.id}: ${f.error}`);
      return r.failed.length > 0 ? 1 : 0;
    }
    const job = await engine.worktrees.resume(requireArg(io, 0, 'job id', this.usage));
    io.out(
      io.flags['json'] ? json(job) : `resumed ${job.id} (${job.backend}, session ${job.sessionId})`,
    );
    return 0;
  },
};
