import { CcAgentError } from '../errors.js';
import { Chain, type Tmux } from './tmux.js';

/** The split's grids: columns × rows of panes, as the guide names them. */
export const SPLIT_LAYOUTS = ['1x1', '2x1', '2x2'] as const;
export type SplitLayout = (typeof SPLIT_LAYOUTS)[number];
export const SPLIT_PANES: Record<SplitLayout, number> = { '1x1': 1, '2x1': 2, '2x2': 4 };

/** The session that holds the split window, on the agents' tmux server. Never a job's name. */
export const SPLIT_SESSION = 'cc-agent-split';
const target = `=${SPLIT_SESSION}`;
const windowTarget = `=${SPLIT_SESSION}:`;
/** tmux's own layouts: panes in creation order, row-major. */
const TMUX_LAYOUT: Record<SplitLayout, string> = {
  '1x1': 'tiled',
  '2x1': 'even-horizontal',
  '2x2': 'tiled',
};

/** One pane: the job it shows and the argv of its viewer (a nested tmux client). */
export interface SplitPaneSpec {
  jobId: string;
  viewer: readonly string[];
}

export interface SplitPane {
  paneId: string;
  jobId: string;
  /** Opened for typing on purpose (its viewer attached without -r). */
  typing: boolean;
}

async function must(tmux: Tmux, args: readonly string[] | Chain, what: string): Promise<string> {
  const r = await tmux.exec(args);
  if (r.code !== 0) {
    const line = r.stderr.trim().split('\n')[0] || `exit ${r.code}`;
    throw new CcAgentError('tmux_failed', `tmux ${what} failed: ${line}`);
  }
  return r.stdout;
}

/**
 * The split session with one pane per agent, in ONE tmux invocation (so no half-built split
 * is ever seen): each pane split off the last one, then tmux's layout puts them in the grid.
 * Each pane is labelled with its job in its border; `restore` is kept on the session for close.
 */
export async function openSplitWindow(
  tmux: Tmux,
  spec: {
    layout: SplitLayout;
    panes: readonly SplitPaneSpec[];
    width: number;
    height: number;
    restore: string;
  },
): Promise<SplitPane[]> {
  const [first, ...rest] = spec.panes;
  if (!first) throw new CcAgentError('bad_input', 'a split needs at least one agent');
  const printId = ['-P', '-F', '#{pane_id}'];
  const size = ['-x', String(spec.width), '-y', String(spec.height)];
  const out = await must(
    tmux,
    new Chain(
      ['new-session', '-d', ...printId, '-s', SPLIT_SESSION, ...size, '--', ...first.viewer],
      // Not -d: each new pane is the active one, so the next is split off it and they stay in order.
      ...rest.map((p) => ['split-window', ...printId, '-t', windowTarget, '--', ...p.viewer]),
      ['select-layout', '-t', windowTarget, TMUX_LAYOUT[spec.layout]],
      ['set-option', '-t', windowTarget, '@cc-agent-layout', spec.layout],
      ['set-option', '-t', windowTarget, '@cc-agent-restore', spec.restore],
      ['set-option', '-w', '-t', windowTarget, 'pane-border-status', 'top'],
      [
        'set-option',
        '-w',
        '-t',
        windowTarget,
        'pane-border-format',
        ' #{@cc-agent-job} #{?@cc-agent-typing,TYPING (keys reach the agent),read-only} ',
      ],
    ),
    'new-session (split)',
  );
  const ids = out.split('\n').filter(Boolean);
  if (ids.length !== spec.panes.length) {
    throw new CcAgentError(
      'tmux_failed',
      `tmux made ${ids.length} split panes, not ${spec.panes.length}`,
    );
  }
  await must(
    tmux,
    new Chain(
      ...ids.map((id, i) => [
        'set-option',
        '-p',
        '-t',
        id,
        '@cc-agent-job',
        spec.panes[i]?.jobId ?? '',
      ]),
    ),
    'set-option (split panes)',
  );
  return ids.map((paneId, i) => ({ paneId, jobId: spec.panes[i]?.jobId ?? '', typing: false }));
}

/** The split as tmux has it now, or undefined when none is open. */
export async function readSplitWindow(
  tmux: Tmux,
): Promise<{ layout: string; restore: string; panes: SplitPane[] } | undefined> {
  const r = await tmux.exec([
    'list-panes',
    '-t',
    windowTarget,
    '-F',
    '#{session_name}\t#{pane_id}\t#{@cc-agent-job}\t#{@cc-agent-typing}\t#{@cc-agent-layout}\t#{@cc-agent-restore}',
  ]);
  if (r.code !== 0) return undefined;
  const rows = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    // The same exact-name guard as paneState: no other session answers for the split.
    .filter((f) => f[0] === SPLIT_SESSION);
  if (rows.length === 0) return undefined;
  return {
    layout: rows[0]?.[4] ?? '',
    restore: rows[0]?.[5] ?? '',
    panes: rows.map((f) => ({ paneId: f[1] ?? '', jobId: f[2] ?? '', typing: f[3] === '1' })),
  };
}

/** Swap a pane's viewer (read-only or for typing), marked in its border; typing takes focus. */
export async function respawnSplitPane(
  tmux: Tmux,
  paneId: string,
  viewer: readonly string[],
  typing: boolean,
): Promise<void> {
  await must(
    tmux,
    new Chain(
      ['respawn-pane', '-k', '-t', paneId, '--', ...viewer],
      typing
        ? ['set-option', '-p', '-t', paneId, '@cc-agent-typing', '1']
        : ['set-option', '-p', '-u', '-t', paneId, '@cc-agent-typing'],
      ...(typing ? [['select-pane', '-t', paneId]] : []),
    ),
    'respawn-pane (split)',
  );
}

/** End the split session: its viewers exit with it; the agents' sessions are not touched. */
export async function killSplitWindow(tmux: Tmux): Promise<boolean> {
  return (await tmux.exec(['kill-session', '-t', target])).code === 0;
}
