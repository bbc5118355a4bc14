import { defineContract } from '../contract.js';

export const kill = defineContract({
  name: 'kill',
  group: 'Agents',
  usage: 'kill <id> | kill --completed',
  summary: "Kill an agent (or --completed: remove ended agents' sessions)",
  help: `Kills the agent's tmux session.

Options:
      --completed   remove leftover sessions of completed, failed and killed jobs
      --json        print the result as JSON`,
  flags: { completed: { type: 'boolean' }, json: { type: 'boolean' } },
});

export const clean = defineContract({
  name: 'clean',
  group: 'Agents',
  usage: 'clean [--older-than 7d] [--force]',
  summary: 'Forget ended jobs older than 7 days (or --older-than)',
  help: `Removes each such job's session, files and record.

Options:
      --older-than <age>   e.g. 30m, 12h, 7d, 2w (default 7d)
      --force              also remove worktrees holding unmerged work
      --json               print the removed and kept ids as JSON

A job whose worktree holds work not merged into its base (commits, uncommitted files) is kept
and named, and clean exits 1: merge it (cc-agent merge <id>) or pass --force.`,
  flags: {
    olderThan: { type: 'string', default: '7d' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});

export const del = defineContract({
  name: 'delete',
  group: 'Agents',
  usage: 'delete <id> [--force]',
  summary: 'Delete a job, its session and its files',
  help: `Kills its session, removes its worktree, files and record.

Options:
      --force   also when its worktree holds work not merged into its base`,
  flags: { force: { type: 'boolean' } },
});
