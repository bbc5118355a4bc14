import { Box, Text } from 'ink';
import { helpLayout, type HelpLayout } from './help-layout.js';

/** The border (two rows, two columns), the padding (two columns) and the title row. */
const FRAME_ROWS = 3;
const FRAME_COLUMNS = 4;

/**
 * The overlay's layout for a terminal: at most `rows` tall (what the App can spare under the
 * panel), across the whole width. `height` is what it takes, so the panel keeps the rest.
 */
export function helpSize(rows: number, columns: number): { layout: HelpLayout; height: number } {
  const layout = helpLayout(Math.max(4, rows - FRAME_ROWS), Math.max(20, columns - FRAME_COLUMNS));
  return { layout, height: Math.min(rows, layout.height + FRAME_ROWS) };
}

/** Every key, from the same table that dispatches them. Any key closes it (the App's handler). */
export function Help(props: { rows: number; columns: number }) {
  const { layout, height } = helpSize(props.rows, props.columns);
  const shown = height - FRAME_ROWS;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys (any key closes)</Text>
      <Box flexDirection="row" columnGap={2}>
        {layout.columns.map((col, i) => (
          <Box key={i} flexDirection="column" width={col.width} flexShrink={0}>
            {col.lines.slice(0, shown).map((l, j) => (
              <Text key={j} wrap="truncate" bold={l.title} color={l.title ? 'cyan' : undefined}>
                {l.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
