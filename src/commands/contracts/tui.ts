import { defineContract } from '../contract.js';

/** The tmux session the TUI gets outside tmux (shared with its run code). */
export const TUI_SESSION = 'cc-agent-tui';

export const tui = defineContract({
  name: 'tui',
  group: 'Agents',
  usage: 'tui [--window] [--serve [--port 3131] [--host 127.0.0.1]]',
  summary: 'The full-screen TUI (in tmux): watch and command every agent',
  help: `Every agent, the timeline, queue, triggers, approvals.
Inside tmux it takes this pane (--window: a new window named cc-agent). Outside tmux it
creates or re-attaches tmux session ${TUI_SESSION} on the agents' tmux server.
It runs a live engine and leads the pulse when no other process does. --serve also runs the
browser view's server in the same process (see cc-agent serve --help; its URL shows in the
footer and the Notifications panel).

Keys: ? lists them all. Enter jumps into an agent's session; tmux's prefix + L comes back.`,
  flags: {
    window: { type: 'boolean' },
    here: { type: 'boolean' },
    serve: { type: 'boolean' },
    port: { type: 'number' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

export const statusLine = defineContract({
  name: 'status-line',
  group: 'Agents',
  usage: 'status-line [--json]',
  summary: "Agents needing attention, for tmux's status-right",
  help: `Prints nothing when none.
Add to ~/.tmux.conf:   set -g status-right '#(cc-agent status-line) %H:%M'
Prints e.g. "⚑ 2 need you · 5 running"; empty when nothing needs you.`,
  flags: { json: { type: 'boolean' } },
});
