import { defineContract } from '../contract.js';

export const demo = defineContract({
  name: 'demo',
  group: 'Setup',
  usage: 'demo [--no-tui] [--seconds N]',
  summary: 'Start four simulated agents doing scripted work (no API key needed)',
  help: `A live demo: simulated agents, an orchestrator, a trigger, in the TUI.
Starts four simulated agents (one works, one asks permission, one finishes with the done
marker, one crashes), a simulated orchestrator working three queued tasks, and a confirm
trigger whose approval waits for you, in the TUI (tmux session cc-agent-demo), which opens
first: each agent shows up in it as it starts.
Everything runs in the same tmux server and store as real agents: every command works on it.
Nothing needs Claude Code or an API key. Its workspace is $CC_AGENT_HOME/demo-workspace.

Options:
      --no-tui        print a live table instead of opening the TUI (also when not a terminal)
      --seconds <n>   how long to show that table (default 15; 0 = print once)`,
  flags: { seconds: { type: 'number', default: 15 }, tui: { type: 'boolean', default: true } },
});

export const settings = defineContract({
  name: 'settings',
  group: 'Setup',
  usage: 'settings [<key> <value>] [--json]',
  summary: 'Show or change settings (retention, queue task timeout, notifications)',
  help: `Without arguments: every setting and its value. With a key and a value: set it.

Keys:
  retention.hook_events_days     keep hook events this many days (default 30)
  retention.job_history_days     keep finished-job records this many days (default 365)
  retention.daily_metrics_days   keep daily metrics this many days (default 730)
  queue.task_timeout_minutes     a running task nobody reports fails after this long (default 60)
  approvals.max_age_hours        pending approvals older than this expire (default 24)
  notify.command                 run for each notification, JSON on stdin: a JSON argv array,
                                 no shell, e.g. '["ntfy","publish","mytopic"]' ('' unsets)
  notify.url                     the browser view's address as your phone reaches it (the
                                 base of approval links; default: the running serve's URL)
  notify.debounce_seconds        one notification per job and kind this often (default 30)
  notify.timeout_seconds         notify.command is killed after this long (default 10)

Options:
      --json   as JSON`,
  flags: { json: { type: 'boolean' } },
});

export const health = defineContract({
  name: 'health',
  group: 'Setup',
  usage: 'health [--json]',
  summary: 'Check tmux, the agent CLIs, the store and free disk',
  help: `Checks tmux, each agent CLI and its version, the home, free disk and the store.
FAIL and exit 1 when tmux, the home (writable), the disk (100 MB free) or the store (opens,
passes SQLite's integrity check, has its write-ahead log) is not usable. A missing agent CLI
is a warning (exit 0): another agent may be installed. The last line sums it up:
Status: ok | ok, with N warnings (…) | failed (…).

Options:
      --json   the report as JSON`,
  flags: { json: { type: 'boolean' } },
});
