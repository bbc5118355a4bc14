import { useSyncExternalStore } from 'react';
import type { SplitView } from '../../engine/index.js';
import { initialPicks, type SplitPicks } from './split-picks.js';

/**
 * The Split panel's state, outside the view reducer: its keys (split-commands.ts) and its
 * drawing (split-panel.tsx) share it, and it lives as long as the TUI (the picks survive a
 * trip to another panel and back).
 */
export interface SplitStore {
  picks: SplitPicks;
  /** The split open in tmux, as the engine last said (null: none). */
  open: SplitView | null;
}

let state: SplitStore = { picks: initialPicks, open: null };
const listeners = new Set<() => void>();

export function splitStore(): SplitStore {
  return state;
}

export function setSplit(change: Partial<SplitStore>): void {
  state = { ...state, ...change };
  for (const l of listeners) l();
}

/** Back to nothing picked, nothing open (a new TUI, a test). */
export function resetSplit(): void {
  setSplit({ picks: initialPicks, open: null });
}

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useSplitStore = (): SplitStore => useSyncExternalStore(subscribe, splitStore);
