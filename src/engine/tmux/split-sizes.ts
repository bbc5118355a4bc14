import type { Tmux } from './tmux.js';

/**
 * A job's window as it was before a split showed it: its size, and its own `window-size`
 * option ('' when it follows the server's). A split pane sizes the agent's window to itself
 * (the agent redraws for the pane it is watched in); closing the split puts this back.
 */
export interface WindowSize {
  jobId: string;
  cols: number;
  rows: number;
  option: string;
}

const windowOf = (session: string): string => `=${session}:`;

export async function windowSize(
  tmux: Tmux,
  jobId: string,
  session: string,
): Promise<WindowSize | undefined> {
  const r = await tmux.exec([
    'display-message',
    '-p',
    '-t',
    windowOf(session),
    '#{session_name}\t#{window_width}\t#{window_height}',
  ]);
  const [name, cols, rows] = r.stdout.trim().split('\t');
  if (r.code !== 0 || name !== session) return undefined;
  const o = await tmux.exec(['show-options', '-w', '-v', '-t', windowOf(session), 'window-size']);
  return { jobId, cols: Number(cols), rows: Number(rows), option: o.stdout.trim() };
}

/**
 * Let the window follow its latest client (the split's viewer) even if a browser terminal's
 * resize-window had pinned it (resize-window sets window-size to manual).
 */
export async function followViewer(tmux: Tmux, session: string): Promise<void> {
  await tmux.exec(['set-option', '-w', '-t', windowOf(session), 'window-size', 'latest']);
}

/** The window back at its size, then its own option as it was (unset: the server's again). */
export async function restoreWindow(tmux: Tmux, session: string, w: WindowSize): Promise<void> {
  const win = windowOf(session);
  await tmux.exec(['resize-window', '-t', win, '-x', String(w.cols), '-y', String(w.rows)]);
  await tmux.exec(
    w.option
      ? ['set-option', '-w', '-t', win, 'window-size', w.option]
      : ['set-option', '-w', '-u', '-t', win, 'window-size'],
  );
}

/** Sizes kept as one tmux option value: `id=COLSxROWS:option id=…` (ids are hex, options words). */
export function encodeSizes(sizes: readonly WindowSize[]): string {
  return sizes.map((s) => `${s.jobId}=${s.cols}x${s.rows}:${s.option}`).join(' ');
}

export function decodeSizes(text: string): WindowSize[] {
  return text
    .split(' ')
    .map((part) => /^([\w-]+)=(\d+)x(\d+):([a-z-]*)$/.exec(part))
    .flatMap((m) =>
      m ? [{ jobId: m[1] ?? '', cols: Number(m[2]), rows: Number(m[3]), option: m[4] ?? '' }] : [],
    );
}
