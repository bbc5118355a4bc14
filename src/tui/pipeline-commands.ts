import { moveWindow, zoomWindow, type PipelineWindow } from '../view/pipeline.js';
import type { CommandId } from './keymap.js';
import type { CommandContext } from './use-commands.js';

const MOVES: Partial<Record<CommandId, (w: PipelineWindow, now: number) => PipelineWindow>> = {
  'pipeline-earlier': (w, now) => moveWindow(w, -1, now),
  'pipeline-later': (w, now) => moveWindow(w, 1, now),
  'pipeline-zoom-in': (w, now) => zoomWindow(w, -1, now),
  'pipeline-zoom-out': (w, now) => zoomWindow(w, 1, now),
  'pipeline-now': (w) => ({ ...w, end: null }),
};

/**
 * The Pipeline's keys move its time window (the rules are the shared view's, so the page's
 * buttons move it alike). Returns false for any other command.
 */
export function runPipelineCommand(c: CommandContext, command: CommandId): boolean {
  const move = MOVES[command];
  if (!move) return false;
  c.dispatch({ type: 'pipeline', window: move(c.view.pipeline, Date.now()) });
  return true;
}
