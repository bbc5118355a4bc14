import { backendFor } from './registry.js';

/** One figure of an agent's usage view: `Context` → `1% of 200,000 tokens`. */
export interface UsageFigure {
  label: string;
  value: string;
}

/** Where the view ends: its own hint, or the input box's footer below it. */
const END = /esc to (close|cancel)|\? for shortcuts|\(shift\+tab to cycle\)/i;
/** Progress bars and box edges: drawing, not figures (the percentage beside a bar is kept). */
const DRAWING = /[\u2500-\u257f\u2580-\u259f]/g;
const LABELLED = /^([A-Za-z][\w ()/.'-]{0,40}?):\s+(\S.*)$/;

/**
 * The figures of a usage view (`/usage` in Claude Code and the simulated agent, `/status` in
 * Codex, `/stats` in Gemini) out of the screen that shows it: the lines from the view's heading
 * to its end, as label and value. `Label: value` lines are one figure each; a line of words
 * with no number (Claude Code's "Current session") labels the lines with numbers below it
 * ("█████ 11% used", "Resets 5pm"). Empty when no heading is on the screen.
 */
export function usageFigures(screen: string, backend: string): UsageFigure[] {
  const heading = backendFor(backend).screen.usage;
  const lines = screen.split('\n');
  let from = -1;
  lines.forEach((l, i) => {
    if (heading.test(l)) from = i;
  });
  if (from < 0) return [];
  const figures: UsageFigure[] = [];
  let open: UsageFigure | undefined;
  // The heading line itself may be a figure ("Current session") or a title ("Session usage").
  for (const raw of lines.slice(from)) {
    if (END.test(raw)) break;
    const line = raw.replace(DRAWING, ' ').replace(/\s+/g, ' ').trim();
    if (line === '' || line.startsWith('>')) continue;
    const labelled = LABELLED.exec(line);
    if (labelled) {
      figures.push({ label: (labelled[1] as string).trim(), value: labelled[2] as string });
      open = undefined;
    } else if (open && /\d/.test(line)) {
      open.value = open.value ? `${open.value} · ${line}` : line;
    } else if (!/\d/.test(line)) {
      open = { label: line, value: '' };
      figures.push(open);
    }
  }
  // A title with nothing under it ("Session usage") is no figure.
  return figures.filter((f) => f.value !== '');
}
