import { defineContract } from '../contract.js';

export const trigger = defineContract({
  name: 'trigger',
  group: 'Orchestration',
  usage:
    'trigger add <name> <cron|event|threshold> <cond> <action> [--payload JSON] [--autonomy auto|confirm] [--cooldown S] | list [--json] | toggle <name> | remove <name>',
  summary: 'Triggers on a cron schedule, an event or a threshold',
  help: `Conditions:
  cron        5 fields (minute hour day month weekday; names, ranges, steps) or @hourly, @daily…
  event       an engine event name: job_completed, job_failed, queue_updated, hook_event, …
  threshold   "<metric> <op> <number>"; metrics context_used_pct, queue_depth, active_agents,
              idle_seconds; ops >= <= > < == !=
Actions: inject_prompt, clear_context, start_orchestrator, queue_task, notify, start_agent
  (--payload: e.g. {"prompt":"…"} for queue_task/inject_prompt/start_agent, {"message":"…"} for notify)
--autonomy confirm files an approval instead of acting (cc-agent approvals).
Triggers fire inside a long-running engine holding the pulse lease (one at a time).`,
  flags: {
    payload: { type: 'string' },
    autonomy: { type: 'string' },
    cooldown: { type: 'string' },
    json: { type: 'boolean' },
  },
});

export const mode = defineContract({
  name: 'mode',
  group: 'Orchestration',
  usage:
    'mode list [--json] | activate <name> | create <name> [--from-current] [--description D] | delete <name>',
  summary: 'Trigger presets: list, activate, create, delete',
  help: `Modes are named trigger sets; activating one replaces all triggers.
Presets:
  dev          queue check every 15 min, health report every 30 min (auto)
  maintenance  nightly cleanup at 2am, weekly audit Monday 8am (confirm)
  sprint       queue check every 5 min, low-capacity alert, continuous processing (auto)
activate replaces every trigger with the mode's at once (all or nothing).`,
  flags: {
    json: { type: 'boolean' },
    fromCurrent: { type: 'boolean' },
    description: { type: 'string' },
  },
});

export const approvals = defineContract({
  name: 'approvals',
  group: 'Orchestration',
  usage: 'approvals list [--json] | approve <id> | reject <id>',
  summary: 'Approve or reject what confirm-triggers want to do',
  help: `Actions waiting for a human yes/no (from --autonomy confirm triggers).
Approving runs the action once (approving twice runs it once). Pending approvals older than
'approvals.max_age_hours' (cc-agent settings) expire.`,
  flags: { json: { type: 'boolean' } },
});

export const activity = defineContract({
  name: 'activity',
  group: 'Orchestration',
  usage: 'activity [--limit N] [--json]',
  summary: 'The audit trail of automated actions',
  help: 'Everything cc-agent did on its own: the last --limit entries (default 100).',
  flags: { limit: { type: 'number', default: 100 }, json: { type: 'boolean' } },
});
