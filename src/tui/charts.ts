/**
 * Text charts for the TUI: pure functions from numbers to strings, drawn with Unicode block
 * characters, so they render in any Ink <Text> and test as plain strings. Every character
 * used is one terminal cell wide; widths are counted in code points (labels are assumed to
 * be single-width too).
 */

/** Partial cells by eighths: index k draws k/8 of a cell (0 draws nothing). */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const FULL = '█';
/** Sparkline levels, lowest first. */
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const MAX_LABEL = 20;
const ELLIPSIS = '…';

const cells = (s: string): number => Array.from(s).length;
const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

/** Cut `s` to `n` cells, ending in … when something was cut. */
function clip(s: string, n: number): string {
  const chars = Array.from(s);
  if (chars.length <= n) return s;
  return n <= 0 ? '' : chars.slice(0, n - 1).join('') + ELLIPSIS;
}

/**
 * A horizontal bar exactly `width` cells wide (padded with spaces), `value` out of `max`, to
 * the nearest eighth of a cell. `value` is clamped to [0, max]; `max` <= 0 gives an empty
 * bar. Any positive value draws at least ▏ so a small figure is not mistaken for zero.
 */
export function hbar(value: number, max: number, width: number): string {
  const w = Math.max(0, Math.floor(finite(width)));
  if (!(max > 0) || !Number.isFinite(max)) return ' '.repeat(w);
  const v = Math.min(Math.max(finite(value), 0), max);
  let eighths = Math.round((v / max) * w * 8);
  if (v > 0 && eighths === 0 && w > 0) eighths = 1;
  const bar = FULL.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
  return bar + ' '.repeat(w - cells(bar));
}

/**
 * One cell per value, scaled from zero (not from the minimum: a quiet day should look quiet)
 * to the largest value. Zero, negative and non-finite values draw ▁, the baseline, so the
 * line keeps its length and shape even when everything is zero (all ▁); any positive value
 * draws at least ▂ so activity is never hidden in the baseline.
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values.map(finite));
  return values
    .map((raw) => {
      const v = finite(raw);
      if (v <= 0 || max <= 0) return LEVELS[0];
      return LEVELS[Math.max(1, Math.round((v / max) * (LEVELS.length - 1)))] ?? FULL;
    })
    .join('');
}

/**
 * A labelled bar chart, one line per row: label (cut to 20 cells with …, padded to the
 * longest), a space, a bar scaled to the largest value, a space, then `text ?? value`. All
 * bars share one width (what `width` leaves after the longest label and the longest text),
 * so they share one scale and the texts line up; the bar shrinks first, to 1 cell at least.
 * If even that does not fit, the line is cut (ending in …): no line is wider than `width`.
 */
export function barChart(
  rows: readonly { label: string; value: number; text?: string }[],
  width: number,
): string[] {
  const w = Math.max(0, Math.floor(finite(width)));
  const labels = rows.map((r) => clip(r.label, MAX_LABEL));
  const texts = rows.map((r) => r.text ?? String(r.value));
  const labelW = Math.max(0, ...labels.map(cells));
  const textW = Math.max(0, ...texts.map(cells));
  const barW = Math.max(1, w - labelW - textW - 2);
  const max = Math.max(0, ...rows.map((r) => finite(r.value)));
  return rows.map((r, i) => {
    const label = labels[i] ?? '';
    const line = `${label}${' '.repeat(labelW - cells(label))} ${hbar(r.value, max, barW)} ${texts[i] ?? ''}`;
    return clip(line, w);
  });
}
