import { CcAgentError, type Approval, type Trigger } from '../engine/index.js';
import { requireArg, subcommand } from './args.js';
import { json, localTime, table } from '../view/format.js';
import * as c from './contracts/triggers.js';
import { defineCommand, type Io } from './types.js';

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

export const trigger = defineCommand(c.trigger, async (io) => {
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
      payload: io.flags.payload,
      autonomy: io.flags.autonomy,
      cooldown: io.flags.cooldown,
      cwd: io.cwd,
    });
    io.out(io.flags.json ? json(t) : `added trigger ${t.name}`);
  } else if (sub === 'list') {
    const all = api.list();
    if (io.flags.json) io.out(json(all));
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
});

const approvalRow = (a: Approval): string[] => [
  a.id,
  a.status,
  a.triggerName ?? '-',
  a.action,
  localTime(a.createdAt),
  (a.result ?? a.reason).slice(0, 60),
];

export const approvals = defineCommand(c.approvals, async (io) => {
  const api = io.engine().triggers;
  const sub = subcommand(io, ['list', 'approve', 'reject'] as const, 'approvals');
  const r = rest(io);
  if (sub === 'list') {
    const all = api.approvals();
    if (io.flags.json) io.out(json(all));
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
  io.out(io.flags.json ? json(a) : `${a.id} ${a.status}${a.result ? `: ${a.result}` : ''}`);
  // Approved but not run (failed, or its condition no longer held): the caller must know.
  return a.status === 'failed' || (sub === 'approve' && a.status !== 'approved') ? 1 : 0;
});

export const activity = defineCommand(c.activity, async (io) => {
  const { limit } = io.flags;
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new CcAgentError('bad_input', `invalid --limit '${limit}' (a positive whole number)`);
  }
  const entries = io.engine().triggers.activity(limit);
  if (io.flags.json) io.out(json(entries));
  else
    for (const e of entries)
      io.out(`${localTime(e.ts)}  ${e.kind.padEnd(20)} ${JSON.stringify(e.detail)}`);
  return 0;
});

export const mode = defineCommand(c.mode, async (io) => {
  const api = io.engine().triggers;
  const sub = subcommand(io, ['list', 'activate', 'create', 'delete'] as const, 'mode');
  const r = rest(io);
  if (sub === 'list') {
    const all = api.modes();
    if (io.flags.json) io.out(json(all));
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
      fromCurrent: io.flags.fromCurrent,
      description: io.flags.description,
    });
    io.out(
      `created mode ${m.name} with ${m.triggers.length} trigger${m.triggers.length === 1 ? '' : 's'}`,
    );
  } else {
    api.deleteMode(name);
    io.out(`deleted mode ${name}`);
  }
  return 0;
});
