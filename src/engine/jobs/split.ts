import type { EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { oneOf } from '../one-of.js';
import type { JobRow } from '../store/jobs-repo.js';
import {
  decodeSizes,
  encodeSizes,
  followViewer,
  restoreWindow,
  windowSize,
  type WindowSize,
} from '../tmux/split-sizes.js';
import {
  killSplitWindow,
  openSplitWindow,
  readSplitWindow,
  respawnSplitPane,
  SPLIT_LAYOUTS,
  SPLIT_PANES,
  SPLIT_SESSION,
  type SplitLayout,
  type SplitPane,
} from '../tmux/split-window.js';
import { findJob } from './lookup.js';

export interface SplitOptions {
  layout: string;
  jobIds: readonly string[];
  /** The split window's size before a client shows it (the TUI passes its own). */
  cols?: number;
  rows?: number;
}

/** An open split: its grid, a pane per agent, and the argv that shows it (`attach`/`switch`). */
export interface SplitView {
  session: string;
  layout: SplitLayout;
  panes: SplitPane[];
  attachArgv: string[];
  switchArgv: string[];
}

const splitTmux = (ctx: EngineContext) => ctx.tmux(ctx.defaultSocket);

/**
 * A nested tmux client on the agent's session. TMUX is unset so tmux allows the nesting; -r
 * makes it read-only: keys typed into the pane never reach the agent.
 */
function viewer(ctx: EngineContext, row: JobRow, typing: boolean): string[] {
  const attach = ['attach-session', ...(typing ? [] : ['-r']), '-t', `=${row.tmux_session}`];
  return ['env', '-u', 'TMUX', ...ctx.tmux(row.tmux_socket).commandLine(...attach)];
}

export async function openSplit(ctx: EngineContext, o: SplitOptions): Promise<SplitView> {
  const layout = oneOf(SPLIT_LAYOUTS, o.layout, 'layout');
  const want = SPLIT_PANES[layout];
  if (o.jobIds.length !== want) {
    throw new CcAgentError(
      'bad_input',
      `layout ${layout} shows ${want} agent${want > 1 ? 's' : ''}; got ${o.jobIds.length}`,
    );
  }
  const rows = o.jobIds.map((id) => findJob(ctx, id));
  const dup = rows.find((r, i) => rows.findIndex((x) => x.id === r.id) !== i);
  if (dup) throw new CcAgentError('bad_input', `job ${dup.id} is in the split twice`);
  // Sizes first: the split's viewers resize the windows the moment they attach.
  const sizes: WindowSize[] = [];
  for (const row of rows) {
    const size = await windowSize(ctx.tmux(row.tmux_socket), row.id, row.tmux_session);
    if (!size) {
      throw new CcAgentError('not_running', `job ${row.id} has no tmux session to show`);
    }
    sizes.push(size);
  }
  await closeSplit(ctx);
  for (const row of rows) await followViewer(ctx.tmux(row.tmux_socket), row.tmux_session);
  const panes = await openSplitWindow(splitTmux(ctx), {
    layout,
    panes: rows.map((row) => ({ jobId: row.id, viewer: viewer(ctx, row, false) })),
    width: o.cols ?? 200,
    height: o.rows ?? 50,
    restore: encodeSizes(sizes),
  });
  return describe(ctx, layout, panes);
}

function describe(ctx: EngineContext, layout: SplitLayout, panes: SplitPane[]): SplitView {
  const tmux = splitTmux(ctx);
  return {
    session: SPLIT_SESSION,
    layout,
    panes,
    attachArgv: tmux.commandLine('attach-session', '-t', `=${SPLIT_SESSION}`),
    switchArgv: tmux.commandLine('switch-client', '-t', `=${SPLIT_SESSION}`),
  };
}

export async function splitState(ctx: EngineContext): Promise<SplitView | null> {
  const s = await readSplitWindow(splitTmux(ctx));
  if (!s) return null;
  const known = (SPLIT_LAYOUTS as readonly string[]).includes(s.layout);
  return describe(ctx, known ? (s.layout as SplitLayout) : '2x2', s.panes);
}

/** Close the split (false: none was open); each agent's window gets its size back. */
export async function closeSplit(ctx: EngineContext): Promise<boolean> {
  const s = await readSplitWindow(splitTmux(ctx));
  const closed = await killSplitWindow(splitTmux(ctx));
  for (const size of decodeSizes(s?.restore ?? '')) {
    const row = ctx.jobs.get(size.jobId);
    if (row) await restoreWindow(ctx.tmux(row.tmux_socket), row.tmux_session, size);
  }
  return closed;
}

/** Type into one agent's pane on purpose (its viewer attached read-write), or back to watching. */
export async function typeInSplit(ctx: EngineContext, id: string, on: boolean): Promise<void> {
  const row = findJob(ctx, id);
  const s = await readSplitWindow(splitTmux(ctx));
  const pane = s?.panes.find((p) => p.jobId === row.id);
  if (!pane) throw new CcAgentError('refused', `job ${row.id} is not in the open split`);
  await respawnSplitPane(splitTmux(ctx), pane.paneId, viewer(ctx, row, on), on);
}

/** Move this tmux client (the TUI's) to the split: only inside tmux. */
export async function switchToSplit(ctx: EngineContext): Promise<void> {
  if (!ctx.env['TMUX'])
    throw new CcAgentError('refused', 'switching to the split works only inside tmux');
  await splitTmux(ctx).switchClient(SPLIT_SESSION);
}

/** The split as the engine offers it: `engine.split.open({ layout, jobIds })`, `close()`… */
export interface SplitApi {
  open(options: SplitOptions): Promise<SplitView>;
  /** The open split, or null. */
  state(): Promise<SplitView | null>;
  /** Closing gives each agent's window its size back; false when none was open. */
  close(): Promise<boolean>;
  /** Type into one agent's pane on purpose (on), or make it read-only again (off). */
  type(id: string, on: boolean): Promise<void>;
  /** Move this tmux client (inside tmux) to the split. */
  switchTo(): Promise<void>;
}

export const splitApi = (ctx: EngineContext): SplitApi => ({
  open: (o) => openSplit(ctx, o),
  state: () => splitState(ctx),
  close: () => closeSplit(ctx),
  type: (id, on) => typeInSplit(ctx, id, on),
  switchTo: () => switchToSplit(ctx),
});
