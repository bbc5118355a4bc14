/**
 * The Pipeline's time axis: labelled ticks at a round step (a minute up to six hours) chosen so
 * labels stay at least `minGap` columns (or pixels) apart.
 */
const MINUTE = 60_000;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360].map((m) => m * MINUTE);

export interface Tick {
  at: number;
  /** Column (or pixel) from the window's left edge. */
  x: number;
  label: string;
}

/** Local wall-clock hours and minutes, HH:MM. */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The step between ticks for a window `span` long drawn `width` wide. */
export function tickStep(span: number, width: number, minGap: number): number {
  const fit = STEPS.find((s) => (s / span) * width >= minGap);
  return fit ?? (STEPS[STEPS.length - 1] as number);
}

export function ticks(
  range: { start: number; end: number },
  width: number,
  minGap: number,
): Tick[] {
  const span = range.end - range.start;
  if (span <= 0 || width <= 0) return [];
  const step = tickStep(span, width, minGap);
  // Round to the step in local time, so an hour tick lands on hh:00 whatever the zone.
  const offset = new Date(range.start).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((range.start - offset) / step) * step + offset;
  const out: Tick[] = [];
  for (let at = first; at <= range.end; at += step) {
    out.push({ at, x: Math.floor(((at - range.start) * width) / span), label: hhmm(at) });
  }
  return out;
}

/** The axis as one line of text `width` wide: each label starts at its tick's column. */
export function axisLine(ticksShown: readonly Tick[], width: number): string {
  const line = Array.from({ length: width }, () => ' ');
  let free = 0;
  for (const t of ticksShown) {
    if (t.x < free || t.x + t.label.length > width) continue;
    for (let i = 0; i < t.label.length; i++) line[t.x + i] = t.label[i] as string;
    free = t.x + t.label.length + 1;
  }
  return line.join('');
}
