import { backendFor } from '../agents/registry.js';
import type { EngineContext } from '../context.js';
import { screenState } from '../jobs/screen-wait.js';
import { limitDetail, usageLimit } from '../limits/detect.js';
import type { ActivityDetail } from '../store/job-types.js';
import type { JobPatch, JobRow } from '../store/jobs-repo.js';

/** A working agent whose hooks have been quiet this long gets its screen read. */
export const QUIET_MS = 3000;

/** Jobs whose state a hook cannot settle: a dialog before the session starts, an interrupt. */
function needsLook(ctx: EngineContext, row: JobRow): boolean {
  if (row.status !== 'running') return false;
  if (!backendFor(row.backend).relaysHooks) return true;
  if (row.activity === 'starting' || row.activity === 'blocked') return true;
  const last = Math.max(row.last_event_at ?? 0, row.activity_at ?? 0, row.started_at ?? 0);
  // A turn interrupted by Escape, or a permission answered "no", fires no hook at all.
  const quiet = ctx.now() - last > QUIET_MS;
  return (row.activity === 'working' || row.activity === 'needs_permission') && quiet;
}

const questionLine = (screen: string, re: RegExp): string =>
  screen
    .split('\n')
    .find((l) => re.test(l))
    ?.trim() ?? '';

/** The activity the screen shows, or undefined when it settles nothing. */
export function fromScreen(
  row: JobRow,
  screen: string,
  now = Date.now(),
): Pick<JobPatch, 'activity' | 'activity_detail'> | undefined {
  const patterns = backendFor(row.backend).screen;
  const detail = (d: ActivityDetail) => JSON.stringify(d);
  const state = screenState(screen, patterns);
  // At the prompt with the limit among its last lines: paused until the reset, not idle.
  const tail = screen.trimEnd().split('\n').slice(-12).join('\n');
  const limit = state === 'ready' ? usageLimit(tail, now) : undefined;
  if (limit) {
    if (row.activity === 'rate_limited') return undefined;
    return { activity: 'rate_limited', activity_detail: detail(limitDetail(limit)) };
  }
  switch (state) {
    case 'trust':
      return {
        activity: 'blocked',
        activity_detail: detail({
          dialog: 'trust',
          question: questionLine(screen, patterns.trust),
          label: 'Asks whether to trust this folder',
        }),
      };
    case 'permission':
      if (row.activity === 'needs_permission') return undefined;
      return {
        activity: 'needs_permission',
        activity_detail: detail({
          dialog: 'permission',
          label: 'Asks for permission',
          question: questionLine(screen, patterns.permission),
        }),
      };
    case 'busy':
      return row.activity === 'working'
        ? undefined
        : { activity: 'working', activity_detail: null };
    case 'ready':
      if (row.activity === 'working') {
        // The turn ended with no Stop: Escape, or an agent that sends no hooks.
        const hooks = backendFor(row.backend).relaysHooks;
        return hooks
          ? {
              activity: 'idle',
              activity_detail: detail({ label: 'Interrupted', interrupted: true }),
            }
          : { activity: 'waiting', activity_detail: null };
      }
      if (row.activity === 'needs_permission') {
        // The dialog is gone and the prompt is back: the answer was "no".
        return { activity: 'idle', activity_detail: detail({ label: 'Permission refused' }) };
      }
      return row.activity === 'starting' || row.activity === 'blocked'
        ? { activity: 'idle', activity_detail: null }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Hooks first, panes second, screens last: read the screen of the few jobs whose state no hook
 * can settle, and record what it shows. Returns the ids it changed.
 */
export async function checkScreens(ctx: EngineContext): Promise<string[]> {
  const changed: string[] = [];
  for (const row of ctx.jobs.list(['running'])) {
    if (!needsLook(ctx, row)) continue;
    const screen = await ctx
      .tmux(row.tmux_socket)
      .capture(row.tmux_session)
      .catch(() => undefined);
    if (screen === undefined) continue;
    // Re-read: a hook may have landed while tmux answered, and hooks outrank the screen.
    const now = ctx.jobs.get(row.id);
    if (!now || now.activity !== row.activity || now.last_event_at !== row.last_event_at) continue;
    const patch = fromScreen(row, screen, ctx.now());
    if (
      !patch ||
      (patch.activity === row.activity && patch.activity_detail === row.activity_detail)
    )
      continue;
    ctx.jobs.update(row.id, { ...patch, activity_at: ctx.now(), updated_at: ctx.now() });
    ctx.saved(row.id);
    changed.push(row.id);
  }
  return changed;
}

/** The user looked at the job: an unseen finished turn becomes idle. */
export function markSeen(ctx: EngineContext, id: string): void {
  const row = ctx.jobs.get(id);
  if (!row) return;
  const patch: JobPatch = { seen_at: ctx.now() };
  if (row.activity === 'waiting') Object.assign(patch, { activity: 'idle', updated_at: ctx.now() });
  ctx.jobs.update(id, patch);
  if (patch.activity) ctx.saved(id);
}
