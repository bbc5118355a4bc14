import type { EngineContext } from '../context.js';
import { getRecord } from '../orchestrator/record.js';
import { queueDepth } from '../queue/queue.js';
import { listTriggers } from './store.js';

/** What only a pulse leader moves on: nothing happens to these while no engine leads. */
export interface PulseWork {
  /** The orchestrator should run: it is supervised, respawned and handed tasks. */
  orchestrator: boolean;
  /** Enabled triggers: cron slots, thresholds and events fire only in the leader. */
  triggers: number;
  /** Pending tasks in the queue. */
  queued: number;
}

export function pulseWork(ctx: EngineContext): PulseWork {
  return {
    orchestrator: getRecord(ctx)?.desired === 'running',
    triggers: listTriggers(ctx).filter((t) => t.enabled).length,
    queued: queueDepth(ctx),
  };
}

/** Anything to lead at all. */
export const hasPulseWork = (w: PulseWork): boolean =>
  w.orchestrator || w.triggers > 0 || w.queued > 0;

/** "3 queued tasks, 2 triggers, the orchestrator": what keeps the pulse busy, in words. */
export function describePulseWork(w: PulseWork): string {
  const n = (k: number, one: string): string => `${k} ${one}${k === 1 ? '' : 's'}`;
  return [
    w.queued > 0 ? n(w.queued, 'queued task') : '',
    w.triggers > 0 ? n(w.triggers, 'trigger') : '',
    w.orchestrator ? 'the orchestrator' : '',
  ]
    .filter(Boolean)
    .join(', ');
}
