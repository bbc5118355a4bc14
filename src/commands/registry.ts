import type { Command } from './types.js';

/**
 * Every subcommand with its one-line summary, loaded only when run: `cc-agent --help` must not
 * pay for the engine, SQLite or Ink.
 */
export const commandTable: Record<
  string,
  { group: string; summary: string; load: () => Promise<Command> }
> = {
  tui: {
    group: 'Agents',
    summary: 'The full-screen TUI (in tmux): watch and command every agent',
    load: async () => (await import('./tui.js')).tui,
  },
  'status-line': {
    group: 'Agents',
    summary: "Agents needing attention, for tmux's status-right",
    load: async () => (await import('./status-line.js')).statusLine,
  },
  start: {
    group: 'Agents',
    summary: 'Start an agent in its own tmux session',
    load: async () => (await import('./start.js')).start,
  },
  status: {
    group: 'Agents',
    summary: 'Show one job',
    load: async () => (await import('./jobs.js')).status,
  },
  jobs: {
    group: 'Agents',
    summary: 'List jobs (running > pending > failed > completed)',
    load: async () => (await import('./jobs.js')).jobs,
  },
  queue: {
    group: 'Orchestration',
    summary: 'The task queue: add, list, remove, done, fail',
    load: async () => (await import('./queue.js')).queue,
  },
  serve: {
    group: 'Orchestration',
    summary: 'The browser view: HTTP/SSE/WebSocket server over SSH (token-gated)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  dashboard: {
    group: 'Orchestration',
    summary: "The browser view in the background (the guide's name for serve --detach)",
    load: async () => (await import('./dashboard.js')).dashboard,
  },
  'dashboard-stop': {
    group: 'Orchestration',
    summary: 'Stop the background browser view (serve stop)',
    load: async () => (await import('./dashboard.js')).dashboardStop,
  },
  orchestrator: {
    group: 'Orchestration',
    summary: 'The orchestrator agent: start, stop, status, inject, save, state',
    load: async () => (await import('./orchestrator.js')).orchestrator,
  },
  pulse: {
    group: 'Orchestration',
    summary: 'Run triggers and checks in a long-lived engine (start/stop/status/run)',
    load: async () => (await import('./pulse.js')).pulse,
  },
  trigger: {
    group: 'Orchestration',
    summary: 'Triggers on a cron schedule, an event or a threshold',
    load: async () => (await import('./triggers.js')).trigger,
  },
  mode: {
    group: 'Orchestration',
    summary: 'Trigger presets: list, activate, create, delete',
    load: async () => (await import('./triggers.js')).mode,
  },
  approvals: {
    group: 'Orchestration',
    summary: 'Approve or reject what confirm-triggers want to do',
    load: async () => (await import('./triggers.js')).approvals,
  },
  activity: {
    group: 'Orchestration',
    summary: 'The audit trail of automated actions',
    load: async () => (await import('./triggers.js')).activity,
  },
  answer: {
    group: 'Agents',
    summary: 'Answer a folder-trust or permission question (yes/no/always)',
    load: async () => (await import('./answer.js')).answer,
  },
  events: {
    group: 'Agents',
    summary: 'The hook-event timeline (--follow to keep watching)',
    load: async () => (await import('./events.js')).events,
  },
  session: {
    group: 'Agents',
    summary: "A job's tools, messages, tokens, cost and files",
    load: async () => (await import('./session.js')).session,
  },
  diff: {
    group: 'Agents',
    summary: 'What a worktree agent changed since its base (--stat for a summary)',
    load: async () => (await import('./worktrees.js')).diff,
  },
  merge: {
    group: 'Agents',
    summary: "Merge a worktree agent's branch into its base branch, or report conflicts",
    load: async () => (await import('./worktrees.js')).merge,
  },
  resume: {
    group: 'Agents',
    summary: 'Relaunch agents whose tmux session is gone (after a reboot): <id> or --all',
    load: async () => (await import('./resume.js')).resume,
  },
  kill: {
    group: 'Agents',
    summary: "Kill an agent (or --completed: remove ended agents' sessions)",
    load: async () => (await import('./kill.js')).kill,
  },
  clean: {
    group: 'Agents',
    summary: 'Forget ended jobs older than 7 days (or --older-than)',
    load: async () => (await import('./kill.js')).clean,
  },
  delete: {
    group: 'Agents',
    summary: 'Delete a job, its session and its files',
    load: async () => (await import('./kill.js')).del,
  },
  send: {
    group: 'Talking to agents',
    summary: 'Send a message to a running agent',
    load: async () => (await import('./io.js')).send,
  },
  capture: {
    group: 'Talking to agents',
    summary: "Print the agent's screen (last N lines, default 50)",
    load: async () => (await import('./io.js')).capture,
  },
  output: {
    group: 'Talking to agents',
    summary: 'Print everything the agent printed',
    load: async () => (await import('./io.js')).output,
  },
  watch: {
    group: 'Talking to agents',
    summary: "Stream the agent's output until it ends",
    load: async () => (await import('./io.js')).watch,
  },
  attach: {
    group: 'Talking to agents',
    summary: 'Print the tmux command that attaches to an agent',
    load: async () => (await import('./io.js')).attach,
  },
  clear: {
    group: 'Context',
    summary: "Clear an agent's context (/clear) and wait until it is done",
    load: async () => (await import('./context.js')).clear,
  },
  usage: {
    group: 'Context',
    summary: "Show an agent's token usage (/usage)",
    load: async () => (await import('./context.js')).usage,
  },
  reuse: {
    group: 'Context',
    summary: 'Clear an agent and give it a new task',
    load: async () => (await import('./context.js')).reuse,
  },
  demo: {
    group: 'Setup',
    summary: 'Start four simulated agents doing scripted work (no API key needed)',
    load: async () => (await import('./demo.js')).demo,
  },
  settings: {
    group: 'Setup',
    summary: 'Show or change settings (retention)',
    load: async () => (await import('./settings.js')).settings,
  },
  health: {
    group: 'Setup',
    summary: 'Check tmux, the agent CLIs, the store and free disk',
    load: async () => (await import('./health.js')).health,
  },
  'setup-hooks': {
    group: 'Setup',
    summary: "Install cc-agent's hook relay in Claude Code's user settings",
    load: async () => (await import('./hooks.js')).setupHooks,
  },
  'remove-hooks': {
    group: 'Setup',
    summary: "Remove cc-agent's hook relay from Claude Code's user settings",
    load: async () => (await import('./hooks.js')).removeHooks,
  },
};
