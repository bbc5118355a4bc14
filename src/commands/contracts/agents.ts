import { defineContract } from '../contract.js';

/** The agent commands whose run code is a screen or less (answer, events, session, resume). */
export const answer = defineContract({
  name: 'answer',
  group: 'Agents',
  usage: 'answer <id> yes|no|always',
  summary: 'Answer a folder-trust or permission question (yes/no/always)',
  help: `The question the agent waits on (activity blocked / needs_permission):
yes     trust the folder, or allow the tool call once
no      refuse (a trust refusal ends the agent, as in Claude Code)
always  allow the tool call and don't ask again this session`,
  flags: {},
});

export const events = defineContract({
  name: 'events',
  group: 'Agents',
  usage: 'events [--job <id>] [--since 10m] [--limit N] [--follow] [--json]',
  summary: 'The hook-event timeline (--follow to keep watching)',
  help: `Every agent's (or one's): tools, prompts, turns, sessions.

Options:
      --job <id>      only this job's events
      --since <when>  only events since a duration ago (10m, 2h, 1d) or an ISO date/time
      --limit <n>     at most the newest n events (default 200)
      --follow        keep printing events as they arrive, until Ctrl-C
      --json          one JSON object per line (with --follow too)`,
  flags: {
    job: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'number', default: 200 },
    follow: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});

export const session = defineContract({
  name: 'session',
  group: 'Agents',
  usage: 'session <id> [--json]',
  summary: "A job's tools, messages, tokens, cost and files",
  help: `What a job did: tools by name, messages, tokens, cost, context and files modified, read from
the agent's hook events and transcript (incrementally: cheap on big sessions).

Options:
      --json   the report as JSON`,
  flags: { json: { type: 'boolean' } },
});

export const resume = defineContract({
  name: 'resume',
  group: 'Agents',
  usage: 'resume <id> | resume --all',
  summary: 'Relaunch agents whose tmux session is gone (after a reboot): <id> or --all',
  help: `Options:
      --all    every job cut off rather than ended: still marked running, or failed because
               its tmux session disappeared
      --json   the resumed jobs as JSON

The agent comes back on its own session with --resume <its session id> in its own folder (or
worktree, restored from its branch if the folder went), so its conversation carries on.`,
  flags: { all: { type: 'boolean' }, json: { type: 'boolean' } },
});
