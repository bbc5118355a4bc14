import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EngineContext } from '../context.js';
import { EVENT_NAMES } from './spec.js';
import { checkCron, checkThresholds, onEngineEvent, triggerInAction } from './fire.js';
import { superviseOnce } from '../orchestrator/supervise.js';
import { ORCHESTRATOR_ID } from '../jobs/lookup.js';
import { isActive } from '../store/job-types.js';

/** What can give the orchestrator something to do: its own state, a worker's, the queue's. */
const SUPERVISE_ON = ['job_updated', 'job_completed', 'job_failed', 'queue_updated'] as const;

export interface Pulse {
  /** Called on every engine tick: renew the lease; the leader checks cron and thresholds. */
  tick(): Promise<void>;
  isLeader(): boolean;
  stop(): void;
}

/**
 * The automation side of a long-running engine. Only the holder of the `pulse` lease acts, so
 * two engines side by side never both fire a trigger; event triggers react the moment the
 * engine emits the event, not on a tick.
 */
/** Many hosts: the orchestrator runs on this host (its engine supervises it, leader or not). */
function orchestratorHere(ctx: EngineContext): boolean {
  if (!ctx.jobs.host.shared) return false;
  const row = ctx.jobs.get(ORCHESTRATOR_ID);
  return row !== undefined && isActive(row.status) && !ctx.jobs.elsewhere(row);
}

export function startPulse(
  ctx: EngineContext,
  tickMs: number,
  onError: (e: unknown) => void,
): Pulse {
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  // A leader that dies without releasing is replaced within one TTL.
  const ttl = Math.max(10 * tickMs, 10_000);
  let heldUntil = 0;
  let leader = false;
  const hold = (): boolean => {
    const now = ctx.now();
    // A lease with most of its time left needs no write: renewing it on every tick would be a
    // commit a second, and every other engine watching the store (data_version) would reload.
    if (leader && heldUntil - now > ttl / 2) return true;
    const got = ctx.store.automation.leases.hold('pulse', holder, ttl, now);
    heldUntil = got ? now + ttl : 0;
    return got;
  };
  leader = hold();
  // One at a time, in order: event reactions and ticks never run concurrently.
  let chain: Promise<unknown> = Promise.resolve();
  const run = (work: () => Promise<unknown>): Promise<unknown> =>
    (chain = chain.then(work).catch(onError));
  // A burst of events needs one supervision step after it, not one each.
  let supervisePending = false;
  const supervise = (): void => {
    if ((!leader && !orchestratorHere(ctx)) || supervisePending) return;
    supervisePending = true;
    void run(() => {
      supervisePending = false;
      return superviseOnce(ctx);
    });
  };
  const offs = [
    ...EVENT_NAMES.map((name) =>
      ctx.events.on(name, () => {
        if (!leader) return;
        const cause = triggerInAction();
        void run(() => onEngineEvent(ctx, name, cause));
      }),
    ),
    ...SUPERVISE_ON.map((name) => ctx.events.on(name, supervise)),
  ];
  return {
    async tick() {
      leader = hold();
      if (leader) {
        await run(async () => {
          await checkCron(ctx);
          await checkThresholds(ctx);
        });
      }
      supervise();
      ctx.events.emit('pulse_tick', { at: new Date(ctx.now()).toISOString(), leader });
    },
    isLeader: () => leader,
    stop() {
      offs.forEach((off) => off());
      ctx.store.automation.leases.release('pulse', holder);
    },
  };
}
