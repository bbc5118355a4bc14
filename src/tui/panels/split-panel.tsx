import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { SPLIT_PANES, type Engine, type Job } from '../../engine/index.js';
import { ListView } from '../components/list-view.js';
import type { PanelModel } from '../panel-model.js';
import { refreshSplit } from './split-commands.js';
import { keepLive, paneOf } from './split-picks.js';
import { setSplit, splitStore, useSplitStore } from './split-store.js';

/** Lines the panel draws above its list of agents. */
export const SPLIT_CHROME = 3;

/**
 * The Split panel: pick a grid and the agents for its panes, then open it as a tmux window
 * (read-only panes, each a live view of its agent). Its keys are in keymap.ts (scope split).
 */
export function SplitPanel(props: {
  engine: Engine;
  model: PanelModel;
  selected: number;
  height: number;
  active: boolean;
}) {
  const { picks, open } = useSplitStore();
  const jobs = props.model.items as Job[];
  useEffect(() => refreshSplit(props), [props.engine]);
  // A picked agent that left the list (killed, ended) leaves its pane.
  const liveIds = jobs.map((j) => j.id);
  useEffect(() => {
    const kept = keepLive(splitStore().picks, liveIds);
    if (kept !== splitStore().picks) setSplit({ picks: kept });
  }, [liveIds.join(' ')]);
  const panes = SPLIT_PANES[picks.layout];
  const cells = Array.from({ length: panes }, (_, i) => `${i + 1} ${picks.jobIds[i] ?? '·'}`);
  const rows = props.model.rows.map((r, i) => {
    const n = paneOf(picks, jobs[i]?.id ?? '');
    return { ...r, text: `${n ? `[${n}]` : '[ ]'} ${r.text}` };
  });
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>Layout {picks.layout}</Text>
        {`  panes: ${cells.join('  ')}  (${picks.jobIds.length} of ${panes} picked)`}
      </Text>
      <Text wrap="truncate" color={open ? 'green' : undefined} dimColor={!open}>
        {open
          ? `open in tmux session ${open.session}: ${open.panes
              .map((p) => `${p.jobId}${p.typing ? ' (typing)' : ''}`)
              .join('  ')} — read-only unless t`
          : 'no split open — space picks an agent, L changes the grid, o opens it in tmux'}
      </Text>
      <Text> </Text>
      <ListView
        rows={rows}
        selected={props.selected}
        height={props.height - SPLIT_CHROME}
        header={props.model.header ? `    ${props.model.header}` : undefined}
        empty={props.model.empty}
        active={props.active}
      />
    </Box>
  );
}
