import { Box, Text } from 'ink';
import type { Row } from '../panel-model.js';
import { windowRows } from '../view/state.js';

/** A list windowed to the rows that fit: only what is visible is ever rendered. */
export function ListView(props: {
  rows: readonly Row[];
  selected: number;
  height: number;
  header?: string;
  empty: string;
  active: boolean;
}) {
  const { rows, selected, header, empty, active } = props;
  const height = Math.max(1, props.height - (header ? 1 : 0));
  const { start, end } = windowRows(rows.length, selected, height);
  return (
    <Box flexDirection="column">
      {header ? (
        <Text bold wrap="truncate">
          {header}
        </Text>
      ) : null}
      {rows.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {rows.slice(start, end).map((r, i) => {
        const isSelected = active && start + i === selected;
        return (
          <Text
            key={r.key}
            wrap="truncate"
            color={r.color}
            dimColor={r.dim && !isSelected}
            inverse={isSelected}
          >
            {r.text}
          </Text>
        );
      })}
      {rows.length > height ? (
        <Text dimColor>
          {start + 1}–{end} of {rows.length}
        </Text>
      ) : null}
    </Box>
  );
}
