import { checkBudgets } from './budget/check.js';
import type { EngineContext } from './context.js';
import { CcAgentError } from './errors.js';
import { startLive, type Live } from './events/live.js';
import { startNotifier } from './notify/notifier.js';
import { resumeAtReset } from './limits/resume.js';
import { forecastIfDue } from './leases/forecast-cache.js';
import { checkJobs, housekeeping } from './refresh.js';
import { startPulse } from './triggers/pulse.js';
import { startHostDuty } from './hosts/duty.js';

export interface LiveOptions {
  tickMs?: number;
  /** Pane and screen checks this often (default: every tick). */
  checkMs?: number;
  /** Ask tmux which panes live at most this often (default: on every check). */
  panesMs?: number;
  onError?: (e: unknown) => void;
  /**
   * The store cannot go on under this engine (its write-ahead log was deleted): the face
   * should stop, which writes back what only it holds. Default: onError.
   */
  onFatal?: (e: CcAgentError) => void;
  pulse?: boolean;
}

/** A live engine (Engine.live): stop it; ask whether it leads the pulse now. */
export interface LiveEngine extends Live {
  leads(): boolean;
}

/**
 * A long-running face's engine: file-watch ingestion (events/live.ts), housekeeping and the
 * pane and screen checks (refresh.ts), the pulse when asked for (one leader at a time) and its notifier, and the
 * WAL guard that stops the face when its store's log was deleted under it.
 */
export async function startLiveEngine(
  ctx: EngineContext,
  options: LiveOptions,
): Promise<LiveEngine> {
  const onError = options.onError ?? (() => undefined);
  const guard = ctx.store.guard();
  let fatal = false;
  let panesCheckedAt = 0;
  // The pulse (triggers) runs in long-lived engines that ask for it; one leader at a time.
  const pulse = options.pulse ? startPulse(ctx, options.tickMs ?? 1000, onError) : undefined;
  // notify.command: the pulse leader sends (notify/notifier.ts), never waiting on it.
  const notifier = pulse ? startNotifier(ctx) : undefined;
  // Many hosts: this engine says its host lives, and runs what other hosts ask of its agents.
  const host = ctx.jobs.host.shared ? startHostDuty(ctx, onError) : undefined;
  const live = await startLive(ctx, {
    ...options,
    onError,
    // tmux is asked which panes live only every `panesMs`: exit files (written even when a
    // session is closed under the agent) announce ends at once, so an idle engine spawns no
    // tmux at all; the pane check is the safety net.
    check: async () => {
      const due = ctx.now() - panesCheckedAt >= (options.panesMs ?? 0);
      if (due) panesCheckedAt = ctx.now();
      // Retention and task timeouts run here: reads no longer do them.
      housekeeping(ctx);
      await checkJobs(ctx, { panes: due });
      // After the transcripts were read: a cost that reached its budget stops its job now.
      await checkBudgets(ctx);
      // Agents paused at a usage limit are told to continue once it resets.
      await resumeAtReset(ctx);
      // Live worktree branches merged in memory now and then: conflicts before anyone merges.
      await forecastIfDue(ctx);
    },
    tick: async () => {
      if (fatal) return;
      if (guard.check(ctx.now()) === 'deleted') {
        fatal = true;
        const db = ctx.paths.db;
        (options.onFatal ?? onError)(
          new CcAgentError(
            'store',
            `the store's write-ahead log ${db}-wal was deleted under this engine: its changes are written back to ${db}; it stops now (start it again)`,
          ),
        );
        return;
      }
      host?.tick();
      await pulse?.tick();
      if (pulse?.isLeader()) notifier?.tick();
    },
  });
  return {
    leads: () => pulse?.isLeader() ?? false,
    stop: async () => {
      // Releasing the lease needs the store; a broken store must not keep the watchers open.
      host?.stop();
      try {
        pulse?.stop();
      } catch (e) {
        onError(e);
      }
      await live.stop();
    },
  };
}
