import { CcAgentError, type Approval, type Trigger } from '../engine/index.js';
import { requireArg, subcommand } from './args.js';
import { json, localTime, table } from '../view/format.js';
import type { Command, Io } from './types.js';

const rest = (io: Io): Io => ({ ...io, input: io.input.slice(1) });

const triggerRow = (t: Trigger): string[] => [
  t.name,
  t.enabled ? 'on' : 'off',
  t.kind,
  t.condition,
  t.action,
  t.autonomy,
  t.cooldownSeconds ? `${t.cooldownSeconds}s` : '-',
  t.lastFiredAt ? localTime(t.lastFiredAt) : '-',
];

export const trigger: Command = {
  usage:
    'trigger add <name> <cron|event|threshold> <cond> <action> [--payload JSON] [--autonomy auto|confirm] [--cooldown S] | list [--json] | toggle <name> | remove <name>',
  summary: 'Triggers: act on a cron schedule, an engine event or a threshold.',
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
  async run(io) {
    const api = io.engine().triggers;
    const sub = subcommand(io, ['add', 'list', 'toggle', 'remove'] as const, 'trigger');
    const r = rest(io);
    if (sub === 'add') {
      const usage = 'trigger add <name> <cron|event|threshold> <cond> <action>';
      const t = api.add({
        name: requireArg(r, 0, 'trigger name', usage),
        kind: requireArg(r, 1, 'trigger type', usage),
        condition: requireArg(r, 2, 'condition', usage),
        action: requireArg(r, 3, 'action', usage),
        payload: io.flags['payload'] as string | undefined,
        autonomy: io.flags['autonomy'] as string | undefined,
        cooldown: io.flags['cooldown'],
        cwd: io.cwd,
      });
      io.out(io.flags['json'] ? json(t) : `added trigger ${t.name}`);
    } else if (sub === 'list') {
      const all = api.list();
      if (io.flags['json']) io.out(json(all));
      else if (all.length === 0) io.out('no triggers (add one: cc-agent trigger add …)');
      else
        io.out(
          table(
            ['NAME', 'ON', 'TYPE', 'CONDITION', 'ACTION', 'AUTONOMY', 'COOLDOWN', 'LAST FIRED'],
            all.map(triggerRow),
          ),
        );
    } else if (sub === 'toggle') {
      const t = api.toggle(requireArg(r, 0, 'trigger name', 'trigger toggle <name>'));
      io.out(`${t.name} ${t.enabled ? 'on' : 'off'}`);
    } else {
      io.out(
        `removed trigger ${api.remove(requireArg(r, 0, 'trigger name', 'trigger remove <name>')).name}`,
      );
    }
    return 0;
  },
};

const approvalRow = (a: Approval): string[] => [
  a.id,
  a.status,
  a.triggerName ?? '-',
  a.action,
  localTime(a.createdAt),
  (a.result ?? a.reason).slice(0, 60),
];

export const approvals: Command = {
  usage: 'approvals list [--json] | approve <id> | reject <id>',
  summary: 'Actions waiting for a human yes/no (from --autonomy confirm triggers).',
  help: `Approving runs the action once (approving twice runs it once). Pending approvals older than
'approvals.max_age_hours' (cc-agent settings) expire.`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const api = io.engine().triggers;
    const sub = subcommand(io, ['list', 'approve', 'reject'] as const, 'approvals');
    const r = rest(io);
    if (sub === 'list') {
      const all = api.approvals();
      if (io.flags['json']) io.out(json(all));
      else if (all.length === 0) io.out('no approvals');
      else
        io.out(
          table(
            ['ID', 'STATUS', 'TRIGGER', 'ACTION', 'CREATED', 'WHY / RESULT'],
            all.map(approvalRow),
          ),
        );
      return 0;
    }
    const id = requireArg(r, 0, 'approval id', `approvals ${sub} <id>`);
    const a = sub === 'approve' ? await api.approve(id) : await api.reject(id);
    io.out(io.flags['json'] ? json(a) : `${a.id} ${a.status}${a.result ? `: ${a.result}` : ''}`);
    // Approved but not run (failed, or its condition no longer held): the caller must know.
    return a.status === 'failed' || (sub === 'approve' && a.status !== 'approved') ? 1 : 0;
  },
};

export const activity: Command = {
  usage: 'activity [--limit N] [--json]',
  summary: 'The audit trail of everything cc-agent did on its own.',
  help: '',
  flags: { limit: { type: 'number' }, json: { type: 'boolean' } },
  async run(io) {
    const limit = (io.flags['limit'] as number | undefined) ?? 100;
    if (!Number.isInteger(limit) || limit <= 0) {
      throw new CcAgentError('bad_input', `invalid --limit '${limit}' (a positive whole number)`);
    }
    const entries = io.engine().triggers.activity(limit);
    if (io.flags['json']) io.out(json(entries));
    else
      for (const e of entries)
        io.out(`${localTime(e.ts)}  ${e.kind.padEnd(20)} ${JSON.stringify(e.detail)}`);
    return 0;
  },
};

export const mode: Command = {
  usage:
    'mode list [--json] | activate <name> | create <name> [--from-current] [--description D] | delete <name>',
  summary:
    'Modes: named trigger sets (presets dev, maintenance, sprint); activating replaces all triggers.',
  help: `Presets:
  dev          queue check every 15 min, health report every 30 min (auto)
  maintenance  nightly cleanup at 2am, weekly audit Monday 8am (confirm)
  sprint       queue check every 5 min, low-capacity alert, continuous processing (auto)
activate replaces every trigger with the mode's at once (all or nothing).`,
  flags: {
    json: { type: 'boolean' },
    fromCurrent: { type: 'boolean' },
    description: { type: 'string' },
  },
  async run(io) {
    const api = io.engine().triggers;
    const sub = subcommand(io, ['list', 'activate', 'create', 'delete'] as const, 'mode');
    const r = rest(io);
    if (sub === 'list') {
      const all = api.modes();
      if (io.flags['json']) io.out(json(all));
      else
        io.out(
          table(
            ['MODE', 'ACTIVE', 'KIND', 'TRIGGERS', 'DESCRIPTION'],
            all.map((m) => [
              m.name,
              m.active ? '*' : '',
              m.preset ? 'preset' : 'custom',
              String(m.triggers.length),
              m.description,
            ]),
          ),
        );
      return 0;
    }
    const name = requireArg(r, 0, 'mode name', `mode ${sub} <name>`);
    if (sub === 'activate') {
      const m = api.activateMode(name);
      io.out(`mode ${m.name} active: ${m.triggers.map((t) => t.name).join(', ') || 'no triggers'}`);
    } else if (sub === 'create') {
      const m = api.createMode(name, {
        fromCurrent: Boolean(io.flags['fromCurrent']),
        description: io.flags['description'] as string | undefined,
      });
      io.out(
        `created mode ${m.name} with ${m.triggers.length} trigger${m.triggers.length === 1 ? '' : 's'}`,
      );
    } else {
      api.deleteMode(name);
      io.out(`deleted mode ${name}`);
    }
    return 0;
  },
};
