import type { EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { ORCHESTRATOR_ID } from '../jobs/lookup.js';
import { startJob } from '../jobs/start.js';
import { sendToOrchestrator, startOrchestrator } from '../orchestrator/control.js';
import { getRecord } from '../orchestrator/record.js';
import { isActive } from '../store/job-types.js';
import { clearJob, sendToJob } from '../jobs/session-ops.js';
import { which } from '../process/which.js';
import { notifyNow } from '../notify/notifier.js';
import { addTask } from '../queue/queue.js';
import type { TriggerAction } from './spec.js';

const text = (p: Record<string, unknown> | null, key: string): string | undefined =>
  typeof p?.[key] === 'string' ? (p[key] as string) : undefined;

function need(p: Record<string, unknown> | null, key: string, action: string): string {
  const v = text(p, key);
  if (v === undefined || v.trim() === '') {
    throw new CcAgentError('refused', `${action} needs a payload with "${key}"`);
  }
  return v;
}

/**
 * A notification reaches the TUI (engine event), the tmux status line and the desktop. The
 * audit result says what the user was told (the approval's result and the activity log show
 * it), not which channels carried it.
 */
async function notify(ctx: EngineContext, title: string, message: string): Promise<string> {
  ctx.events.emit('notification', { title, message, at: new Date(ctx.now()).toISOString() });
  const tmux = ctx.tmux(ctx.defaultSocket);
  await tmux.exec(['display-message', '--', `${title}: ${message}`]).catch(() => undefined);
  const command = notifyNow(ctx, title, message);
  if (which('notify-send', ctx.env['PATH'])) {
    await ctx.runner
      .run(['notify-send', '--', title, message], { timeoutMs: 5000 })
      .catch(() => undefined);
    return `notified: ${message} (also on the desktop${command ? ' and through notify.command' : ''})`;
  }
  return `notified: ${message}${command ? ' (also through notify.command)' : ''}`;
}

/** Carry out a trigger's action; returns what happened, in words for the audit trail. */
export async function runAction(
  ctx: EngineContext,
  action: TriggerAction,
  payload: Record<string, unknown> | null,
  title: string,
): Promise<string> {
  switch (action) {
    case 'notify':
      // "Trigger sprint-low-capacity: Fewer than 2 agents running" wherever it is shown.
      return notify(ctx, `Trigger ${title}`, text(payload, 'message') ?? 'it fired');
    case 'queue_task': {
      const priority =
        typeof payload?.['priority'] === 'number' ? (payload['priority'] as number) : 0;
      const task = addTask(ctx, need(payload, 'prompt', action), { priority });
      return `queued task ${task.id}`;
    }
    case 'start_agent': {
      const job = await startJob(ctx, {
        prompt: need(payload, 'prompt', action),
        agent: text(payload, 'agent') ?? 'claude',
        model: text(payload, 'model'),
        reasoning: text(payload, 'reasoning'),
        sandbox: text(payload, 'sandbox') ?? 'workspace-write',
        dir: text(payload, 'dir') ?? ctx.paths.home,
        cwd: ctx.paths.home,
      });
      return `started job ${job.id}`;
    }
    case 'inject_prompt': {
      const job = text(payload, 'job') ?? ORCHESTRATOR_ID;
      const prompt = need(payload, 'prompt', action);
      // To the orchestrator through its supervisor's bookkeeping (its turn restarts).
      if (job === ORCHESTRATOR_ID) await sendToOrchestrator(ctx, prompt);
      else await sendToJob(ctx, job, prompt);
      return `sent to ${job}`;
    }
    case 'clear_context': {
      const session = await clearJob(ctx, text(payload, 'job') ?? ORCHESTRATOR_ID);
      return `cleared ${text(payload, 'job') ?? ORCHESTRATOR_ID}${session ? ` (session ${session})` : ''}`;
    }
    case 'start_orchestrator': {
      const row = ctx.jobs.get(ORCHESTRATOR_ID);
      if (row && isActive(row.status)) return 'the orchestrator is already running';
      // As it was last started, unless the payload says otherwise.
      const rec = getRecord(ctx);
      const dir = text(payload, 'dir') ?? rec?.dir ?? ctx.env['HOME'] ?? ctx.paths.home;
      const job = await startOrchestrator(
        ctx,
        {
          agent: text(payload, 'agent') ?? rec?.agent,
          model: text(payload, 'model') ?? rec?.model ?? undefined,
          reasoning: text(payload, 'reasoning') ?? rec?.effort ?? undefined,
          dir,
          cwd: dir,
        },
        `trigger ${title}`,
      );
      return `started the orchestrator (${job.backend})`;
    }
  }
}
