import { useEffect } from 'react';
import type { Engine } from '../../engine/index.js';
import type { PanelId } from '../view/state.js';

/**
 * Opening the Conflicts panel asks for a merge forecast now (the live engine also makes one
 * whenever a worktree agent's turn ends): what it shows is never older than the look. A
 * failure is the live engine's to report (its own forecast meets it too, and logs it).
 */
export function useForecastOnOpen(engine: Engine, panel: PanelId): void {
  useEffect(() => {
    if (panel === 'conflicts') engine.conflicts.forecast().catch(() => undefined);
  }, [engine, panel]);
}
