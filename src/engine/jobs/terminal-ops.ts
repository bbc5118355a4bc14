import type { EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { findJob } from './lookup.js';
import { reopenJob } from './reopen.js';
import { liveJob } from './session-ops.js';
import type { JobRow } from '../store/jobs-repo.js';

/** The tmux argv that reaches a job's session, for `attach` (outside tmux) or a switch (inside). */
export interface AttachCommand {
  argv: string[];
  switchArgv: string[];
  session: string;
  socket: string | null;
  /** Another host's job (a shared store): the argv logs in there (`ssh -t <host> tmux …`). */
  host: string | null;
}

export function attachCommand(ctx: EngineContext, id: string): AttachCommand {
  return attachOf(ctx, findJob(ctx, id));
}

function attachOf(ctx: EngineContext, row: JobRow): AttachCommand {
  const tmux = ctx.tmux(row.tmux_socket);
  const here = tmux.commandLine('attach-session', '-t', `=${row.tmux_session}`);
  // The session lives in that host's tmux server: reach it over ssh, with a terminal.
  const remote = ctx.jobs.elsewhere(row) ? (row.host as string) : null;
  return {
    argv: remote ? ['ssh', '-t', remote, ...here] : here,
    switchArgv: tmux.commandLine('switch-client', '-t', `=${row.tmux_session}`),
    session: row.tmux_session,
    socket: row.tmux_socket,
    host: remote,
  };
}

/** Show a job's session in this tmux client; another host's opens a window that ssh-es there. */
export function switchTo(ctx: EngineContext, id: string): Promise<void> {
  const row = findJob(ctx, id);
  if (ctx.jobs.elsewhere(row))
    return ctx.tmux(null).openWindow(`${row.id}@${row.host}`, attachOf(ctx, row).argv);
  return ctx.tmux(row.tmux_socket).switchClient(row.tmux_session);
}

/** Keystrokes from a terminal (a browser's xterm.js), byte-exact, to a live job. */
export async function terminalInput(ctx: EngineContext, id: string, data: string): Promise<void> {
  // Typing to a finished agent whose session lives is talking to it again: reopened.
  const row = reopenJob(ctx, await liveJob(ctx, id));
  await ctx.tmux(row.tmux_socket).input(row.tmux_session, data);
}

/** The size a live job's pane has (what its output was drawn for), or null. */
export async function paneSize(
  ctx: EngineContext,
  id: string,
): Promise<{ cols: number; rows: number } | null> {
  const row = findJob(ctx, id);
  const p = await ctx.tmux(row.tmux_socket).paneState(row.tmux_session);
  return p?.cols && p.rows ? { cols: p.cols, rows: p.rows } : null;
}

/** Resize a live job's window (cols 20–500, rows 5–200). */
export async function resizePane(
  ctx: EngineContext,
  id: string,
  cols: number,
  rows: number,
): Promise<void> {
  const fits = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;
  if (!fits(cols, 20, 500) || !fits(rows, 5, 200)) {
    throw new CcAgentError('bad_input', `invalid terminal size ${cols}x${rows}`);
  }
  const row = await liveJob(ctx, id);
  await ctx.tmux(row.tmux_socket).resize(row.tmux_session, cols, rows);
}

/** Peek at a job's session in a read-only tmux popup over the current client. */
export function peekJob(ctx: EngineContext, id: string): Promise<void> {
  const row = findJob(ctx, id);
  return ctx
    .tmux(row.tmux_socket)
    .peek(row.tmux_session, ` ${row.id} (read-only; prefix + d closes) `);
}
