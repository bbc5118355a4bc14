import { defineContract } from '../contract.js';

export const conflicts = defineContract({
  name: 'conflicts',
  group: 'Agents',
  usage: 'conflicts [list|release] [options]',
  summary: 'Files two agents are editing at once, who holds what, predicted merge conflicts',
  help: `Subcommands:
  list (default)              open conflicts, the file leases held, and the merge conflicts
                              predicted between live worktree agents' branches
  release <job>               let go of every file that job holds
  release --file <path>       let go of one file
  release --all               let go of every lease

Options:
      --all        list ended conflicts too
      --no-forecast  skip the merge prediction (it runs git merge-tree per pair of branches)
      --json       the report (or the count released) as JSON

Whenever a live agent is about to edit a file (Edit, Write, MultiEdit, NotebookEdit, Codex's
apply_patch), its hook takes a lease on that file. Another live agent about to edit it makes a
conflict: shown here, in the TUI and the page, and notified. With conflicts.mode = block (or
start --exclusive-files) the second agent's edit is refused through its PreToolUse hook, with
a reason naming the holder. A lease ends when its job ends, when a turn ends with the file
carrying no uncommitted change, or here. Inside a git repository a file is named by its path
in the repository, so worktrees of one repository share leases.`,
  flags: {
    all: { type: 'boolean' },
    file: { type: 'string' },
    forecast: { type: 'boolean', default: true },
    json: { type: 'boolean' },
  },
});
