import type { EngineContext } from '../context.js';
import { badInput, CcAgentError, refused } from '../errors.js';
import { recordActivity } from '../store/activity.js';
import { listTriggers, validTrigger, type TriggerInput } from './store.js';

export interface Mode {
  name: string;
  description: string;
  preset: boolean;
  active: boolean;
  triggers: TriggerInput[];
}

const QUEUE_CHECK =
  'Check the queue (cc-agent queue list). If you hold no running task, take the next one and work on it; report it with cc-agent queue done <id> or fail <id>.';

/**
 * The guide's presets. Each cooldown is shorter than its cron interval (so it never blocks the
 * next slot) and cron slots fire once each anyway: a preset cannot double-fire.
 */
export const PRESETS: Record<string, { description: string; triggers: TriggerInput[] }> = {
  dev: {
    description: 'Queue check every 15 min, health report every 30 min (auto)',
    triggers: [
      {
        name: 'dev-queue-check',
        kind: 'cron',
        condition: '*/15 * * * *',
        action: 'inject_prompt',
        payload: JSON.stringify({ prompt: QUEUE_CHECK }),
        autonomy: 'auto',
        cooldown: 600,
      },
      {
        name: 'dev-health-report',
        kind: 'cron',
        condition: '*/30 * * * *',
        action: 'notify',
        payload: JSON.stringify({ message: 'Health report: cc-agent health, cc-agent jobs' }),
        autonomy: 'auto',
        cooldown: 1200,
      },
    ],
  },
  maintenance: {
    description: 'Nightly cleanup at 2am, weekly audit Monday 8am (confirm)',
    triggers: [
      {
        name: 'maintenance-nightly-cleanup',
        kind: 'cron',
        condition: '0 2 * * *',
        action: 'queue_task',
        payload: JSON.stringify({
          prompt:
            'Nightly cleanup: remove finished agents (cc-agent kill --completed, cc-agent clean --older-than 7d) and report what you removed.',
        }),
        autonomy: 'confirm',
        cooldown: 3600,
      },
      {
        name: 'maintenance-weekly-audit',
        kind: 'cron',
        condition: '0 8 * * MON',
        action: 'queue_task',
        payload: JSON.stringify({
          prompt:
            "Weekly audit: review last week's jobs (cc-agent jobs --json), failures and costs, and summarise.",
        }),
        autonomy: 'confirm',
        cooldown: 3600,
      },
    ],
  },
  sprint: {
    description: 'Queue check every 5 min, low-capacity alert, continuous processing (auto)',
    triggers: [
      {
        name: 'sprint-queue-check',
        kind: 'cron',
        condition: '*/5 * * * *',
        action: 'inject_prompt',
        payload: JSON.stringify({ prompt: QUEUE_CHECK }),
        autonomy: 'auto',
        cooldown: 240,
      },
      {
        name: 'sprint-low-capacity',
        kind: 'threshold',
        condition: 'active_agents < 2',
        action: 'notify',
        payload: JSON.stringify({ message: 'Fewer than 2 agents running while sprinting' }),
        autonomy: 'auto',
        cooldown: 900,
      },
      {
        name: 'sprint-continuous',
        kind: 'event',
        condition: 'job_completed',
        action: 'inject_prompt',
        payload: JSON.stringify({ prompt: `A worker finished. ${QUEUE_CHECK}` }),
        autonomy: 'auto',
        cooldown: 30,
      },
    ],
  },
};

function custom(ctx: EngineContext): Mode[] {
  const active = ctx.store.automation.modes.active();
  return ctx.store.automation.modes.list().map((r) => ({
    name: r.name,
    description: r.description,
    preset: false,
    active: r.name === active,
    triggers: r.triggers,
  }));
}

export function listModes(ctx: EngineContext): Mode[] {
  const active = ctx.store.automation.modes.active();
  const presets = Object.entries(PRESETS).map(([name, p]) => ({
    name,
    ...p,
    preset: true,
    active: name === active,
  }));
  return [...presets, ...custom(ctx)];
}

function findMode(ctx: EngineContext, name: string): Mode {
  const m = listModes(ctx).find((x) => x.name === name);
  if (!m) throw new CcAgentError('not_found', `no mode '${name}' (see: cc-agent mode list)`);
  return m;
}

/** Replace every trigger with the mode's, in one transaction: all or nothing. */
export function activateMode(ctx: EngineContext, name: string): Mode {
  const mode = findMode(ctx, name);
  // Checked through before anything is replaced: a bad one leaves the current triggers as they are.
  const triggers = mode.triggers.map((t) => validTrigger(ctx, t));
  const twice = triggers.find((t, i) => triggers.findIndex((u) => u.name === t.name) !== i);
  if (twice) throw refused(`a trigger named '${twice.name}' already exists`);
  ctx.store.automation.atomic(() => {
    ctx.store.automation.triggers.replaceAll(triggers);
    ctx.store.automation.modes.setActive(name);
  });
  recordActivity(ctx, 'mode_activated', { mode: name, triggers: mode.triggers.map((t) => t.name) });
  return findMode(ctx, name);
}

export function createMode(
  ctx: EngineContext,
  name: string,
  options: { fromCurrent?: boolean; description?: string },
): Mode {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name))
    throw badInput(`invalid mode name '${name}'`);
  if (listModes(ctx).some((m) => m.name === name))
    throw refused(`a mode named '${name}' already exists`);
  const triggers: TriggerInput[] = options.fromCurrent
    ? listTriggers(ctx).map((t) => ({
        name: t.name,
        kind: t.kind,
        condition: t.condition,
        action: t.action,
        payload: t.payload ? JSON.stringify(t.payload) : undefined,
        autonomy: t.autonomy,
        cooldown: t.cooldownSeconds,
      }))
    : [];
  ctx.store.automation.modes.insert({
    name,
    description: options.description ?? '',
    triggers,
    createdAt: ctx.now(),
  });
  return findMode(ctx, name);
}

export function deleteMode(ctx: EngineContext, name: string): void {
  if (PRESETS[name]) throw refused(`'${name}' is a built-in preset and cannot be deleted`);
  findMode(ctx, name);
  ctx.store.automation.modes.remove(name);
}
