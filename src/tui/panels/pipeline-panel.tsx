import { Box, Text } from 'ink';
import { axisLine, hhmm, ticks } from '../../view/pipeline-axis.js';
import {
  columnAt,
  columnsOf,
  windowRange,
  type BarKind,
  type PipelineRow,
  type PipelineWindow,
} from '../../view/pipeline.js';
import { windowRows } from '../view/state.js';

/** Each kind's block and colour: the blocks tell them apart where colour does not show. */
export const BAR_STYLE: Record<BarKind, { glyph: string; color: string }> = {
  working: { glyph: '█', color: 'green' },
  waiting: { glyph: '▓', color: 'yellow' },
  asking: { glyph: '▓', color: 'magenta' },
  idle: { glyph: '▒', color: 'cyan' },
  pending: { glyph: '░', color: 'gray' },
  completed: { glyph: '▆', color: 'blue' },
  failed: { glyph: '▚', color: 'red' },
  killed: { glyph: '▁', color: 'gray' },
};
/** Marks drawn over a bar: a hand-over where the job began, a queue task where it was taken. */
const MARK = { handover: '»', task: '◆' } as const;
const LABEL = 28;

/** One bar as text: blanks, the bar's blocks, marks over them. */
export function barText(r: PipelineRow, range: { start: number; end: number }, width: number) {
  const cells = Array.from({ length: width }, () => ' ');
  const cols = columnsOf(r.from, r.to, range, width);
  if (cols) cells.fill(BAR_STYLE[r.kind].glyph, cols.start, cols.end);
  for (const m of r.marks) {
    const at = columnAt(m.at, range, width);
    if (at === null) continue;
    // A hand-over points at the bar it starts, from just before it: a short bar stays visible.
    const before = m.kind === 'handover' && at > 0 && cells[at - 1] === ' ';
    cells[before ? at - 1 : at] = MARK[m.kind];
  }
  return cells.join('').trimEnd();
}

/** Jobs on a time axis in block characters; j/k scroll the rows, h/l the time, +/- zoom. */
export function PipelinePanel(props: {
  rows: readonly PipelineRow[];
  selected: number;
  height: number;
  width: number;
  window: PipelineWindow;
  now: number;
  active: boolean;
}) {
  const { rows, selected, window: w, now } = props;
  const range = windowRange(w, now);
  const barWidth = Math.max(10, props.width - LABEL - 1);
  const visible = Math.max(1, props.height - 3);
  const { start, end } = windowRows(rows.length, selected, visible);
  const span = w.span >= 3_600_000 ? `${w.span / 3_600_000}h` : `${w.span / 60_000}m`;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {`Pipeline ${hhmm(range.start)}–${hhmm(range.end)} (${span}${w.end === null ? ', now' : ''})`}
        <Text dimColor> · » hand-over · ◆ queue task · █ working ▓ waiting ▆ done ▚ failed</Text>
      </Text>
      <Text wrap="truncate">
        {' '.repeat(LABEL + 1)}
        {axisLine(ticks(range, barWidth, 8), barWidth)}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor>no jobs in this window: h earlier, - zoom out</Text>
      ) : null}
      {rows.slice(start, end).map((r, i) => {
        const picked = props.active && start + i === selected;
        const label = `${r.job.id} ${r.label}`.slice(0, LABEL).padEnd(LABEL);
        return (
          <Text key={r.job.id} wrap="truncate">
            <Text inverse={picked}>{label}</Text>{' '}
            <Text color={BAR_STYLE[r.kind].color}>{barText(r, range, barWidth)}</Text>
          </Text>
        );
      })}
      {rows.length > visible ? (
        <Text dimColor>
          {start + 1}–{end} of {rows.length}
        </Text>
      ) : null}
    </Box>
  );
}
