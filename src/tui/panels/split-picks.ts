import { SPLIT_LAYOUTS, SPLIT_PANES, type SplitLayout } from '../../engine/index.js';

/**
 * What the Split panel is choosing: a grid and the agents for its panes, in pane order.
 * Pure (no engine, no terminal): the panel draws it, the commands change it.
 */
export interface SplitPicks {
  layout: SplitLayout;
  jobIds: readonly string[];
}

export const initialPicks: SplitPicks = { layout: '2x2', jobIds: [] };

/** The next grid (1x1 → 2x1 → 2x2 → 1x1); picks beyond its panes are dropped. */
export function cycleLayout(p: SplitPicks): SplitPicks {
  const i = SPLIT_LAYOUTS.indexOf(p.layout);
  const layout = SPLIT_LAYOUTS[(i + 1) % SPLIT_LAYOUTS.length] as SplitLayout;
  return { layout, jobIds: p.jobIds.slice(0, SPLIT_PANES[layout]) };
}

/**
 * An agent into the next free pane, or out of its pane (the later ones move up). When every
 * pane is taken the last pane gets it: picking never silently does nothing.
 */
export function togglePick(p: SplitPicks, jobId: string): SplitPicks {
  if (p.jobIds.includes(jobId)) return { ...p, jobIds: p.jobIds.filter((id) => id !== jobId) };
  const room = SPLIT_PANES[p.layout];
  const kept = p.jobIds.length < room ? p.jobIds : p.jobIds.slice(0, room - 1);
  return { ...p, jobIds: [...kept, jobId] };
}

/** The pane an agent is in (1-based), or 0. */
export const paneOf = (p: SplitPicks, jobId: string): number => p.jobIds.indexOf(jobId) + 1;

/** Picks of agents that are gone from the list are dropped (a killed agent). */
export const keepLive = (p: SplitPicks, live: readonly string[]): SplitPicks =>
  p.jobIds.every((id) => live.includes(id))
    ? p
    : { ...p, jobIds: p.jobIds.filter((id) => live.includes(id)) };
