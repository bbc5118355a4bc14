import type { EngineContext } from '../context.js';
import { runningState, serveFormat } from '../run-file.js';
import { recordActivity } from '../store/activity.js';
import { mintLoginLink } from '../store/login-links.js';
import { claimNotification, notifyCandidates, pendingApprovalsSince } from '../store/notify-log.js';
import { getSetting } from '../store/retention.js';
import { getTextSetting, notifyArgv } from '../store/text-settings.js';
import {
  approvalNotification,
  jobNotifications,
  type Notification,
  type Pending,
} from './message.js';

/** A state older than this when a notifier first sees it is history, not news. */
const HORIZON_MS = 10 * 60 * 1000;
/** Deliveries under way at once; past that a notification waits for the next tick. */
const MAX_IN_FLIGHT = 8;

/**
 * notify.command for the states that want a person: run by the pulse leader on its tick (one
 * process sends; episodes are claimed in the store, so a new leader never sends one twice). It
 * never waits on the command: each runs through the process runner with a timeout, and a
 * failure goes to the activity log.
 */
export function startNotifier(ctx: EngineContext): { tick(): void; idle(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  // Episodes this process already settled: no store round trip for them on every tick.
  const settled = new Set<string>();
  return {
    tick() {
      const argv = notifyArgv(ctx);
      if (!argv) return;
      const since = ctx.now() - HORIZON_MS;
      const warn = getSetting(ctx, 'orchestrator.context_warn_pct');
      const pending: Pending[] = [
        ...notifyCandidates(ctx, since, warn).flatMap((c) => jobNotifications(c, warn)),
        ...pendingApprovalsSince(ctx, since).map(approvalNotification),
      ];
      for (const p of pending) {
        const key = `${p.subject}\0${p.kind}\0${p.episode}`;
        if (settled.has(key)) continue;
        if (inFlight.size >= MAX_IN_FLIGHT) return;
        if (settled.size > 10_000) settled.clear();
        settled.add(key);
        if (claimNotification(ctx, p, debounceMs(ctx)) !== 'send') continue;
        const run = deliver(ctx, argv, withLink(ctx, p)).finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
    },
    async idle() {
      await Promise.all([...inFlight]);
    },
  };
}

/**
 * A notification that has no state in the store to find it by (a trigger's notify action):
 * claimed now, debounced like the rest, and sent in the background. Says whether it was sent.
 */
export function notifyNow(ctx: EngineContext, title: string, message: string): boolean {
  const argv = notifyArgv(ctx);
  if (!argv) return false;
  const at = new Date(ctx.now()).toISOString();
  const p: Pending = {
    subject: `trigger:${title}`,
    kind: 'trigger',
    episode: at,
    note: { kind: 'trigger', title, message, job: null, at },
  };
  if (claimNotification(ctx, p, debounceMs(ctx)) !== 'send') return false;
  void deliver(ctx, argv, { ...p.note, link: null });
  return true;
}

/**
 * A notification the engine raises itself (a budget reached): claimed once across processes,
 * told to this engine's faces (the `notification` event) and sent by notify.command if set.
 */
export function announce(ctx: EngineContext, p: Pending): void {
  if (claimNotification(ctx, p, 0) !== 'send') return;
  ctx.events.emit('notification', { title: p.note.title, message: p.note.message, at: p.note.at });
  const argv = notifyArgv(ctx);
  if (argv) void deliver(ctx, argv, { ...p.note, link: null });
}

const debounceMs = (ctx: EngineContext): number =>
  getSetting(ctx, 'notify.debounce_seconds') * 1000;

function withLink(ctx: EngineContext, p: Pending): Notification {
  const approval = p.note.approval;
  const base = approval ? linkBase(ctx) : undefined;
  const link = approval && base ? `${base}/l/${mintLoginLink(ctx, approval)}` : null;
  return { ...p.note, link };
}

/**
 * Where the approval link points: notify.url when the user said how the phone reaches the
 * view; else the `serve` running now. No server and no notify.url: no link (nothing would
 * answer it), and no login token is made.
 */
function linkBase(ctx: EngineContext): string | undefined {
  const set = getTextSetting(ctx, 'notify.url');
  if (set) return set;
  return runningState(ctx.paths.serveState, serveFormat)?.url.replace(/\/+$/, '');
}

async function deliver(ctx: EngineContext, argv: string[], n: Notification): Promise<void> {
  const timeoutMs = getSetting(ctx, 'notify.timeout_seconds') * 1000;
  const started = Date.now();
  const failed = (error: string): void => {
    try {
      recordActivity(ctx, 'notify_failed', { kind: n.kind, job: n.job, program: argv[0], error });
    } catch {
      // the store is closing under us: nothing to log into
    }
  };
  try {
    const r = await ctx.runner.run(argv, {
      input: `${JSON.stringify(n)}\n`,
      timeoutMs,
      cwd: ctx.paths.home,
      env: ctx.env,
    });
    if (r.code === 0) return;
    if (Date.now() - started >= timeoutMs) failed(`timed out after ${timeoutMs / 1000} s`);
    else failed(`exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().slice(0, 300)}` : ''}`);
  } catch (e) {
    // Never thrown at the engine: a notifier that cannot run is logged, like one that fails.
    failed((e as Error).message);
  }
}
