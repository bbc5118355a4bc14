import { readFileSync } from 'node:fs';
import type { EngineContext } from '../context.js';
import { findJob } from './lookup.js';
import { stripAnsi } from './strip-ansi.js';

/**
 * The agent's screen as rendered by tmux (capture-pane already applied every cursor movement),
 * last `lines` rows with trailing blank rows trimmed. An agent whose session is gone falls back
 * to the tail of its log.
 */
export async function captureJob(
  ctx: EngineContext,
  id: string,
  lines: number,
  options: { ansi?: boolean } = {},
): Promise<string> {
  const row = findJob(ctx, id);
  const tmux = ctx.tmux(row.tmux_socket);
  const screen = await tmux
    .capture(row.tmux_session, { history: lines, escapes: options.ansi })
    .catch(() => undefined);
  const text = screen ?? stripAnsi(readLog(ctx, row.id));
  return lastLines(text, lines);
}

/** Everything the agent printed (the pipe-pane log), optionally without escape sequences. */
export function jobOutput(
  ctx: EngineContext,
  id: string,
  options: { stripAnsi?: boolean } = {},
): string {
  const row = findJob(ctx, id);
  const log = readLog(ctx, row.id);
  return options.stripAnsi || row.strip_ansi === 1 ? stripAnsi(log) : log;
}

function readLog(ctx: EngineContext, id: string): string {
  try {
    return readFileSync(ctx.paths.log(id), 'utf8');
  } catch {
    return '';
  }
}

export function lastLines(text: string, n: number): string {
  if (n <= 0) return '';
  const rows = text.replace(/\r/g, '').split('\n');
  while (rows.length > 0 && (rows[rows.length - 1] as string).trim() === '') rows.pop();
  return rows.slice(-n).join('\n');
}
