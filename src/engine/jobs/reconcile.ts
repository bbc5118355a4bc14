import { readFileSync, rmSync, statSync } from 'node:fs';
import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { JobRow } from '../store/jobs-repo.js';
import type { PaneState } from '../tmux/tmux.js';
import { finishJob } from './finish.js';

/** A pending job with no session after this long was a start that died half-way. */
const STALE_PENDING_MS = 60_000;

/**
 * Bring active jobs up to date with the world: the wrapper's exit file says how the agent
 * ended; a vanished tmux session means it died with no word. Costs one stat per active job and
 * one tmux call per server — never a call per job.
 */
export async function reconcile(
  ctx: EngineContext,
  options: { panes?: boolean } = {},
): Promise<void> {
  const active = ctx.jobs.list(['pending', 'running']);
  if (active.length === 0) return;
  const panesBySocket = new Map<string | null, Map<string, PaneState> | null>();
  for (const row of active) {
    if (finishFromExitFile(ctx, row)) continue;
    // Exit files only (no tmux call): the wrapper records every end, a closed session's too.
    if (options.panes === false) continue;
    if (row.status === 'pending' && ctx.now() - row.created_at < STALE_PENDING_MS) continue;
    if (!panesBySocket.has(row.tmux_socket)) {
      panesBySocket.set(row.tmux_socket, await panesOf(ctx, row.tmux_socket));
    }
    const panes = panesBySocket.get(row.tmux_socket);
    if (!panes) continue; // tmux missing or failing: say nothing rather than guess
    const pane = panes.get(row.tmux_session);
    // The agent may have ended between the exit-file read above and the tmux call: the wrapper
    // writes the file before it exits, so a second look settles it with the real status.
    if ((!pane || pane.dead) && finishFromExitFile(ctx, row)) continue;
    if (!pane) {
      finishJob(ctx, row, { exitCode: null, error: DISAPPEARED });
    } else if (pane.dead) {
      // The wrapper itself was killed before it could record the status.
      const code = pane.exitStatus ?? null;
      finishJob(ctx, row, {
        exitCode: code,
        error: `agent exited with status ${code ?? 'unknown'}`,
      });
    }
  }
}

/** Settle a job from the wrapper's exit file, if it has written one. */
function finishFromExitFile(ctx: EngineContext, row: JobRow): boolean {
  const file = ctx.paths.exitFile(row.id);
  const exit = readExitFile(file);
  if (!exit) return false;
  // Written before this job was created: an earlier run under the same id (the orchestrator's)
  // recording its end late. Not this job's end.
  if (exit.at < row.created_at) {
    rmSync(file, { force: true });
    return false;
  }
  finishJob(ctx, row, {
    exitCode: exit.hup ? null : exit.code,
    at: exit.at,
    error: exit.hup
      ? DISAPPEARED
      : exit.code === 0
        ? undefined
        : `agent exited with status ${exit.code}`,
  });
  return true;
}

export const DISAPPEARED =
  'tmux session disappeared (killed outside cc-agent or the tmux server stopped)';

async function panesOf(
  ctx: EngineContext,
  socket: string | null,
): Promise<Map<string, PaneState> | null> {
  try {
    // undefined: tmux failed in a way that says nothing about the sessions; conclude nothing.
    return (await ctx.tmux(socket).listPanes()) ?? null;
  } catch (e) {
    if (e instanceof CcAgentError && e.code === 'tmux_missing') return null;
    throw e;
  }
}

/** `<code>`, or `<code> hup` when the session was closed under the agent (run-agent.sh). */
function readExitFile(file: string): { code: number; at: number; hup: boolean } | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    const code = Number.parseInt(text, 10);
    if (!Number.isFinite(code)) return undefined;
    return { code, at: statSync(file).mtimeMs, hup: / hup$/.test(text) };
  } catch {
    return undefined;
  }
}
