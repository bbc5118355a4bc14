import type { SplitLayout } from '../engine/index.js';

/**
 * The split's grids as columns × rows, for a face that draws them itself (the page). Keyed by
 * the engine's own layout type, so a layout the engine adds cannot be missing here.
 */
export const SPLIT_GRID: Record<SplitLayout, { cols: number; rows: number }> = {
  '1x1': { cols: 1, rows: 1 },
  '2x1': { cols: 2, rows: 1 },
  '2x2': { cols: 2, rows: 2 },
};

export const SPLIT_LAYOUT_NAMES = Object.keys(SPLIT_GRID) as SplitLayout[];

export const splitCells = (layout: SplitLayout): number =>
  SPLIT_GRID[layout].cols * SPLIT_GRID[layout].rows;

/**
 * The agents for each cell after a change of grid or of the live agents: kept picks stay in
 * their cells, gone agents leave, empty cells take the next live agent not shown yet.
 */
export function fillCells(
  layout: SplitLayout,
  picks: readonly (string | null)[],
  live: readonly string[],
): (string | null)[] {
  const cells = Array.from({ length: splitCells(layout) }, (_, i) => {
    const id = picks[i] ?? null;
    return id !== null && live.includes(id) ? id : null;
  });
  const spare = live.filter((id) => !cells.includes(id));
  return cells.map((id) => id ?? spare.shift() ?? null);
}

/** Put an agent in cell `i`; if another cell showed it, that cell takes this cell's agent. */
export function pickCell(
  cells: readonly (string | null)[],
  i: number,
  id: string | null,
): (string | null)[] {
  const next = [...cells];
  const was = next.indexOf(id);
  if (id !== null && was >= 0 && was !== i) next[was] = next[i] ?? null;
  next[i] = id;
  return next;
}
